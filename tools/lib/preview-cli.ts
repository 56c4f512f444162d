import * as fs from "node:fs";
import { parseArgs } from "node:util";
import type { AuthStatus } from "../../functions/mail-to-alert/contract";
import { dryRun } from "./dry-run";
import { eventRuntimeConfigs, pickEvent } from "./event-config";

export const PREVIEW_USAGE = `usage: npm run preview -- <file.eml> [--event <slug>] [--verdicts spf=PASS,dkim=PASS,dmarc=GRAY,spam=PASS,virus=PASS | all=GRAY]
                          [--at <ISO time received>] [--mail-from <envelope sender>] [--to <envelope recipient>] [--config <dir>] [--json]`;

const VERDICT_KEYS = ["spf", "dkim", "dmarc", "spam", "virus"] as const;
const STATUSES: readonly AuthStatus[] = ["PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED"];

export function parseVerdicts(spec: string | undefined): Partial<Record<(typeof VERDICT_KEYS)[number], AuthStatus>> {
  const out: Partial<Record<(typeof VERDICT_KEYS)[number], AuthStatus>> = {};
  if (!spec) return out;
  for (const part of spec.split(",").filter(Boolean)) {
    const [k, v] = part.split("=").map((s) => s.trim());
    const status = v?.toUpperCase() as AuthStatus;
    if (!STATUSES.includes(status)) throw new Error(`--verdicts: "${part}": status must be one of ${STATUSES.join(", ")}`);
    const key = k?.toLowerCase();
    if (key === "all") for (const x of VERDICT_KEYS) out[x] = status;
    else if ((VERDICT_KEYS as readonly string[]).includes(key ?? "")) out[key as (typeof VERDICT_KEYS)[number]] = status;
    else throw new Error(`--verdicts: "${part}": name must be one of ${VERDICT_KEYS.join(", ")} or all`);
  }
  return out;
}

/** What `npm run preview` does; returns the exit code. Writes nothing anywhere and sends nothing. */
export async function runPreview(argv: readonly string[], write: (s: string) => void): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        event: { type: "string" },
        verdicts: { type: "string" },
        at: { type: "string" },
        "mail-from": { type: "string" },
        to: { type: "string" },
        config: { type: "string", default: "events" },
        json: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    write(`${(e as Error).message}\n${PREVIEW_USAGE}\n`);
    return 2;
  }
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) {
    write(`${PREVIEW_USAGE}\n`);
    return 2;
  }
  try {
    const config = pickEvent(eventRuntimeConfigs(args.values.config), args.values.event);
    const at = args.values.at ? new Date(args.values.at) : undefined;
    if (at && Number.isNaN(at.getTime())) throw new Error(`--at: not a date: ${args.values.at}`);
    const raw = fs.readFileSync(file);
    const r = await dryRun(raw, config, {
      verdicts: parseVerdicts(args.values.verdicts),
      timestamp: at,
      mailFrom: args.values["mail-from"],
      recipients: args.values.to ? [args.values.to.toLowerCase()] : undefined,
    });
    if (args.values.json) {
      write(`${JSON.stringify({ event: config.slug, decision: r.outcome, payload: r.payload ?? null }, null, 2)}\n`);
      return 0;
    }
    write(`event:    ${config.slug} (${config.title}, ${config.customer})\n`);
    write(`decision: ${r.outcome.action.toUpperCase()} (${r.outcome.reason}): ${r.outcome.detail}\n`);
    if (r.payload) {
      write(`markers:  ${r.payload.markers.length ? r.payload.markers.join(", ") : "none"}\n`);
      write(`payload that would be POSTed to the OnCall integration:\n${JSON.stringify(r.payload, null, 2)}\n`);
    }
    return 0;
  } catch (e) {
    write(`preview failed: ${(e as Error).message}\n`);
    return 1;
  }
}
