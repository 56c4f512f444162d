import type { FoundationConfig } from "./schema";

/** Raw-mail bucket name: the configured one, or one derived from prefix and domain (stable, unique per domain). */
export function bucketNameFor(f: Pick<FoundationConfig, "rawMail" | "namePrefix" | "mailDomain">): string {
  if (f.rawMail.bucketName) return f.rawMail.bucketName;
  const derived = `${f.namePrefix}-${f.mailDomain.replace(/\./g, "-")}-raw-mail`;
  return derived.length <= 63 ? derived : `${derived.slice(0, 54).replace(/-+$/, "")}-raw-mail`;
}
