import { promises as dns } from "node:dns";
import type { ArcVerdict, ArcVerifier } from "./relay";
import { parseAuthResults } from "./ses-auth-results";

/** DNS lookup as mailauth calls it: TXT records as arrays of strings. */
export type DnsResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

/** DNS answers that say "this name has no such record": a verdict. Anything else (timeouts, SERVFAIL) is transient. */
const DEFINITE_DNS_ERRORS = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);

/** RFC 8617 allows 50 sets; more than a handful means a loop or an attack. */
const MAX_ARC_SETS = 10;

export class ArcTransientError extends Error {
  override readonly name = "ArcTransientError";
}

function tag(value: string, name: string): string | undefined {
  return new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*([^;\\s]+)`, "i").exec(value)?.[1];
}

/** Header fields of the raw mail's header section, unfolded (the ARC headers are read after mailauth verified them). */
function arcHeaders(raw: Uint8Array, name: string): string[] {
  const text = Buffer.from(raw.subarray(0, Math.min(raw.length, 1024 * 1024))).toString("latin1");
  const end = text.search(/\r?\n\r?\n/);
  const unfolded = (end >= 0 ? text.slice(0, end) : text).replace(/\r?\n[ \t]+/g, " ");
  const prefix = `${name.toLowerCase()}:`;
  return unfolded
    .split(/\r?\n/)
    .filter((l) => l.toLowerCase().startsWith(prefix))
    .map((l) => l.slice(prefix.length).trim());
}

/**
 * ARC verification with `mailauth` (the postal-mime author's library): the ARC-Message-Signature
 * of the newest set and every ARC-Seal are verified against DNS. mailauth and its dependencies
 * are loaded on first use only (about 1 MB), so mail that names no relay pays nothing for them.
 * `resolver` is injected in tests (a stub DNS with test keys); Lambda uses the system resolver.
 */
export function mailauthArcVerifier(resolver?: DnsResolver): ArcVerifier {
  return {
    async verify(raw: Uint8Array, sealer: string): Promise<ArcVerdict> {
      const declared = sealer.toLowerCase();
      // Before any DNS: the newest seal must be the declared sealer's, or no key is looked up at all.
      const seals = arcHeaders(raw, "arc-seal");
      if (seals.length === 0) return { status: "none", detail: "no ARC-Seal" };
      if (seals.length > MAX_ARC_SETS) return { status: "fail", detail: `${seals.length} ARC sets (more than ${MAX_ARC_SETS})` };
      const newest = seals.reduce((a, b) => (Number(tag(b, "i") ?? 0) > Number(tag(a, "i") ?? 0) ? b : a));
      const newestSealer = tag(newest, "d")?.toLowerCase();
      if (newestSealer !== declared) return { status: "fail", instance: Number(tag(newest, "i")), sealer: newestSealer, detail: `newest seal by ${newestSealer ?? "nobody"}` };
      const [{ dkimVerify }, { arc }] = await Promise.all([import("mailauth/lib/dkim/verify"), import("mailauth/lib/arc")]);
      const input = Buffer.from(raw);
      // Only the sealer's keys are fetched: the mail's other DKIM signatures (anyone's, any number)
      // are answered "no key" at once, so a stranger's slow name server cannot stall or fail us.
      // mailauth reports every ARC failure as permanent; a lookup of the sealer's key that could not
      // be answered must instead retry the mail (Lambda retries, then the dead-letter queue).
      const transient: string[] = [];
      const base: DnsResolver = resolver ?? ((name, rrtype) => dns.resolve(name, rrtype) as Promise<string[][] | string[]>);
      const watched: DnsResolver = async (name, rrtype) => {
        if (!name.toLowerCase().endsWith(`._domainkey.${declared}`)) throw Object.assign(new Error(`not the sealer's key: ${name}`), { code: "ENOTFOUND" });
        try {
          return await base(name, rrtype);
        } catch (e) {
          const code = (e as { code?: string }).code ?? "";
          if (!DEFINITE_DNS_ERRORS.has(code)) transient.push(`${code || (e as Error).message} for ${name}`);
          throw e;
        }
      };
      const opts = { resolver: watched };
      const dkim = await dkimVerify(input, opts);
      if (!dkim.arc || !("chain" in dkim.arc) || !dkim.arc.chain) return { status: "none", detail: "no ARC headers" };
      const result = await arc(dkim.arc as Parameters<typeof arc>[0], opts);
      const status = String(result?.status?.result ?? "none").toLowerCase();
      const comment = String(result?.status?.comment ?? "");
      if (status !== "pass" && (status === "temperror" || transient.length > 0)) throw new ArcTransientError(`ARC verification could not reach DNS: ${transient.join(", ") || comment || status}`);
      const instance = typeof result?.i === "number" ? result.i : undefined;
      if (status !== "pass" || instance === undefined) return { status: status === "none" ? "none" : "fail", instance, detail: comment || status };
      const newestSeals = seals.filter((v) => tag(v, "i") === String(instance));
      const aars = arcHeaders(raw, "arc-authentication-results").filter((v) => /^\s*i\s*=\s*(\d+)\s*;/.exec(v)?.[1] === String(instance));
      // One set per instance, or the chain is not what was verified.
      if (newestSeals.length !== 1 || aars.length !== 1) return { status: "fail", instance, detail: `instance ${instance} has ${newestSeals.length} seals and ${aars.length} ARC-Authentication-Results` };
      const verifiedSealer = tag(newestSeals[0]!, "d")?.toLowerCase();
      return { status: "pass", instance, sealer: verifiedSealer, results: parseAuthResults(aars[0]!.replace(/^\s*i\s*=\s*\d+\s*;/, "")), detail: comment || "pass" };
    },
  };
}
