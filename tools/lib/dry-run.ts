import type { AlertPayload, FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import type { Poster } from "../../functions/mail-to-alert/deliver";
import { createHandler, Outcome } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { sesReceive, SesEventOptions } from "./ses-stand-in";
import type { ArcVerifier } from "../../functions/mail-to-alert/relay";
import { LOCAL_REPLY_KEY } from "./local-reply-key";
import type { ReplyRequest } from "../../functions/reply-sender/contract";

export interface DryRunResult {
  readonly outcome: Outcome;
  /** The exact JSON that would be POSTed, when the mail pages. */
  readonly payload?: AlertPayload;
  /** The reply request the handler would queue (replies on, and the mail gets one). */
  readonly reply?: ReplyRequest;
  /** Log and metric lines the handler wrote. */
  readonly logs: readonly Record<string, unknown>[];
}

export type DryRunOptions = Partial<SesEventOptions> & {
  /** ARC verifier for relayed mail (tests inject one with a stub DNS). */
  readonly arcVerifier?: ArcVerifier;
};

/**
 * Runs the real handler on one raw mail with the raw mail in memory and a poster that records
 * instead of sending: what `npm run preview` prints and what the fixture tests assert.
 */
export async function dryRun(raw: Uint8Array, config: FunctionRuntimeConfig, options: DryRunOptions = {}): Promise<DryRunResult> {
  // The handler reads the copy SES would have stored (SES's results on top), as it does in Lambda.
  const { event, stored } = sesReceive(raw, { ...options, recipients: options.recipients ?? [config.addresses[0]!] });
  const posted: AlertPayload[] = [];
  const poster: Poster = {
    async post(_url, payload) {
      posted.push(payload);
      return { status: 200, retryAfter: null };
    },
  };
  const logs: Record<string, unknown>[] = [];
  const replies: ReplyRequest[] = [];
  const handle = createHandler({
    config,
    integrationUrl: async () => "http://preview.invalid/",
    mailSource: { get: async () => stored },
    arcVerifier: options.arcVerifier,
    poster,
    replyQueue: { send: async (r) => void replies.push(r) },
    // As deployed: the alert's reply context signed (here with the local key), so preview-status can verify it.
    replyKey: async () => LOCAL_REPLY_KEY,
    // The reply says when the page went out: in a dry run, when the mail was received.
    ...(options.timestamp ? { now: () => options.timestamp!.getTime() } : {}),
    log: jsonLogger(config.slug, (l) => logs.push(JSON.parse(l) as Record<string, unknown>)),
  });
  const outcome = await handle(event);
  return { outcome, payload: posted[0], reply: replies[0], logs };
}
