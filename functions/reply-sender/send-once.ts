import type { ReplyRequest } from "./contract";

/**
 * Idempotency records (a DynamoDB table with TTL and conditional writes in Lambda, memory
 * locally). A key is free when it has no record, its record expired (TTL deletes lazily, so the
 * expiry is compared too), or its holder's lease lapsed (a sender that died between claim and send).
 */
export interface IdempotencyStore {
  /** Takes the key if free; false when another holds it or it is done. Times in epoch ms. */
  claim(key: string, record: { readonly now: number; readonly leaseUntil: number; readonly expiresAt: number }): Promise<boolean>;
  /** The key is done until `expiresAt` (a retry or duplicate then finds it taken). */
  complete(key: string, expiresAt: number): Promise<void>;
  /** Frees a claimed key after a failed send, so the retry can send. */
  release(key: string): Promise<void>;
}

export type SendOnceResult = "REPLY_SENT" | "NO_REPLY_DUPLICATE" | "NO_REPLY_RATE_LIMITED";

export interface SendOnceDeps {
  readonly store: IdempotencyStore;
  readonly send: () => Promise<void>;
  readonly now: () => number;
  /** How long a claim holds before another delivery may take over (longer than one send). @default 60 s */
  readonly leaseMs?: number;
  /** How long a sent reply's record keeps duplicates away. @default 7 days */
  readonly doneTtlMs?: number;
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_DONE_TTL_MS = 7 * 86_400_000;

/**
 * Exactly one reply per `onceKey`, at most one per thread per interval. A failed send releases
 * both claims and throws (the queue retries); a rate-limited mail is recorded as decided, so its
 * retries stay silent too.
 */
export async function sendOnce(request: Pick<ReplyRequest, "onceKey" | "thread">, deps: SendOnceDeps): Promise<SendOnceResult> {
  const now = deps.now();
  const lease = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const doneUntil = now + (deps.doneTtlMs ?? DEFAULT_DONE_TTL_MS);
  const { store } = deps;
  if (!(await store.claim(request.onceKey, { now, leaseUntil: now + lease, expiresAt: now + lease }))) return "NO_REPLY_DUPLICATE";
  const thread = request.thread;
  if (thread) {
    const until = now + thread.intervalSeconds * 1000;
    if (!(await store.claim(thread.key, { now, leaseUntil: until, expiresAt: until }))) {
      await store.complete(request.onceKey, doneUntil);
      return "NO_REPLY_RATE_LIMITED";
    }
  }
  try {
    await deps.send();
  } catch (e) {
    // Best effort: a release that fails leaves a lease that lapses by itself.
    await Promise.allSettled([store.release(request.onceKey), ...(thread ? [store.release(thread.key)] : [])]);
    throw e;
  }
  await store.complete(request.onceKey, doneUntil);
  return "REPLY_SENT";
}

/** The store in memory: `npm run local`, tests. Same rules as the DynamoDB one. */
export function memoryStore(): IdempotencyStore & { readonly records: ReadonlyMap<string, { status: string; leaseUntil: number; expiresAt: number }> } {
  const records = new Map<string, { status: string; leaseUntil: number; expiresAt: number }>();
  return {
    records,
    async claim(key, r) {
      const held = records.get(key);
      if (held && held.expiresAt >= r.now && !(held.status === "in-progress" && held.leaseUntil < r.now)) return false;
      records.set(key, { status: "in-progress", leaseUntil: r.leaseUntil, expiresAt: r.expiresAt });
      return true;
    },
    async complete(key, expiresAt) {
      records.set(key, { status: "done", leaseUntil: 0, expiresAt });
    },
    async release(key) {
      records.delete(key);
    },
  };
}
