import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether the Authorization header OnCall sent is the shared secret, in constant time: both sides
 * are hashed first, so the comparison takes the same time whatever their lengths and contents.
 * A `Bearer ` prefix is accepted (OnCall sends the header value as configured).
 */
export function secretMatches(presented: string | undefined, secret: string): boolean {
  if (presented === undefined || secret.length === 0) return false;
  const value = presented.replace(/^Bearer\s+/i, "");
  const a = createHash("sha256").update(value, "utf8").digest();
  const b = createHash("sha256").update(secret, "utf8").digest();
  return timingSafeEqual(a, b);
}
