import type { AuthStatus } from "../../functions/mail-to-alert/contract";

export const VERDICT_KEYS = ["spf", "dkim", "dmarc", "spam", "virus"] as const;
export type VerdictKey = (typeof VERDICT_KEYS)[number];
const STATUSES: readonly AuthStatus[] = ["PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED"];

/** `spf=PASS,dmarc=GRAY` or `all=GRAY,spf=PASS` (later entries win) as SES verdicts. */
export function parseVerdicts(spec: string | undefined): Partial<Record<VerdictKey, AuthStatus>> {
  const out: Partial<Record<VerdictKey, AuthStatus>> = {};
  if (!spec) return out;
  for (const part of spec.split(",").filter(Boolean)) {
    const [k, v] = part.split("=").map((s) => s.trim());
    const status = v?.toUpperCase() as AuthStatus;
    if (!STATUSES.includes(status)) throw new Error(`--verdicts: "${part}": status must be one of ${STATUSES.join(", ")}`);
    const key = k?.toLowerCase();
    if (key === "all") for (const x of VERDICT_KEYS) out[x] = status;
    else if ((VERDICT_KEYS as readonly string[]).includes(key ?? "")) out[key as VerdictKey] = status;
    else throw new Error(`--verdicts: "${part}": name must be one of ${VERDICT_KEYS.join(", ")} or all`);
  }
  return out;
}
