import { emfDocument } from "../mail-to-alert/log";
import { composeCanaryMail } from "./compose";
import type { CanarySettings } from "./contract";

/** SES send of one raw mail; errors propagate (Lambda retries the scheduled invocation). */
export interface RawMailSender {
  send(from: string, to: string, raw: string): Promise<void>;
}

export interface CanaryDeps {
  readonly settings: CanarySettings;
  /** The HMAC key, read for each run (a rotation must reach a warm canary at its next run). */
  readonly key: () => Promise<string>;
  readonly sender: RawMailSender;
  readonly now: () => Date;
  /** 32 hex characters. */
  readonly nonce: () => string;
  /** JSON lines (EMF metrics among them); never the key. */
  readonly log: (line: string) => void;
}

export type CanaryRun = { readonly idle: true } | { readonly idle: false; readonly sent: readonly string[] };

/**
 * One scheduled run. Inside the active period it sends one signed canary to each address
 * (CanarySent). Outside it sends nothing and says so with CanaryIdle: the canary-missing alarm adds
 * CanaryReceived and CanaryIdle, so an idle canary is quiet while a dead canary (no runs at all) or
 * a lost canary alarms.
 */
export function createCanaryHandler(deps: CanaryDeps): () => Promise<CanaryRun> {
  const { settings } = deps;
  return async () => {
    const now = deps.now();
    if (now < settings.activeFrom || now >= settings.activeUntil) {
      deps.log(JSON.stringify(emfDocument(settings.slug, "CanaryIdle", {}, now.getTime())));
      deps.log(JSON.stringify({ level: "INFO", message: "canary idle: outside the active period", event: settings.slug, activeFrom: settings.activeFrom.toISOString(), activeUntil: settings.activeUntil.toISOString() }));
      return { idle: true };
    }
    const key = await deps.key();
    const sent: string[] = [];
    for (const to of settings.to) {
      const raw = composeCanaryMail({ slug: settings.slug, from: settings.from, to, key, now, nonce: deps.nonce() });
      await deps.sender.send(settings.from, to, raw);
      sent.push(to);
      deps.log(JSON.stringify(emfDocument(settings.slug, "CanarySent", {}, now.getTime())));
    }
    deps.log(JSON.stringify({ level: "INFO", message: "canary sent", event: settings.slug, to: sent }));
    return { idle: false, sent };
  };
}
