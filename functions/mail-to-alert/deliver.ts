import type { AlertPayload } from "./contract";

/** Outcome of one HTTP attempt; network errors and timeouts are thrown instead. */
export interface PostResult {
  readonly status: number;
  /** Raw Retry-After header, if any. */
  readonly retryAfter: string | null;
}

/** Sends one alert. Implementations must honour the timeout and never put the URL in errors. */
export interface Poster {
  post(url: string, payload: AlertPayload, timeoutMs: number): Promise<PostResult>;
}

export interface RetryPolicy {
  /** Per-attempt timeout (connect + response headers + body). */
  readonly timeoutMs: number;
  /** Attempts in total, first one included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * A longer Retry-After is not waited for in-process: fail now and let Lambda's async retry (1-2
   * min later) try. A Retry-After that would end after the Lambda deadline fails at once too.
   */
  readonly maxRetryAfterMs: number;
}

/**
 * Defaults sized for the 60 s Lambda timeout: 5 attempts of at most 5 s, backoff 0.5/1/2/4 s
 * (full jitter, capped at 8 s), so the worst case is about 33 s plus the tail, inside the timeout.
 *
 * OnCall's Retry-After (429: 300 alerts per 5 minutes per integration) is waited for as long as
 * the invocation's deadline allows (the cap is Lambda's longest timeout, 15 minutes): a wait that
 * fits is always sooner than Lambda's next async retry, and a function that waits keeps its
 * reserved-concurrency slot, so the mails behind it queue in Lambda instead of spending their own
 * retries against the limit (bench/flood.bench.ts, BENCHMARKS.md). Was a fixed 20 s before.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { timeoutMs: 5000, maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 15 * 60_000 };

export interface RetryTiming {
  readonly sleep: (ms: number) => Promise<void>;
  /** [0, 1): jitter source. */
  readonly random: () => number;
  readonly now: () => number;
  /** Epoch ms after which no new attempt may start (Lambda deadline minus a margin). */
  readonly deadline: number;
}

export type DeliveryFailureKind = "rejected" | "exhausted" | "deadline";

export class DeliveryError extends Error {
  override readonly name = "DeliveryError";
  constructor(
    readonly kind: DeliveryFailureKind,
    readonly attempts: number,
    readonly lastStatus: number | undefined,
    readonly lastError: string | undefined,
  ) {
    super(`alert delivery ${kind} after ${attempts} attempt(s)${lastStatus !== undefined ? `, last HTTP ${lastStatus}` : ""}${lastError ? `, last error ${lastError}` : ""}`);
  }
}

export interface DeliveryReport {
  readonly attempts: number;
  readonly status: number;
}

/** Retry-After as milliseconds (delta-seconds or HTTP-date), or undefined when absent/unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  // Full jitter: spreads a burst of Lambdas retrying against a struggling OnCall.
  return Math.floor(random() * ceiling);
}

/**
 * How a non-2xx answer of OnCall is treated; the one place that says so. "permanent": a retry
 * cannot fix it (bad or deleted integration, payload refused), so the handler dead-letters the
 * event at once instead of spending Lambda's retries. "transient": retried here, then by Lambda.
 * "other" (e.g. 405, 409): not retried here, but thrown as before, since we cannot tell which it is.
 */
export type StatusClass = "permanent" | "transient" | "other";
export const PERMANENT_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 410, 413, 422]);
export function classifyStatus(status: number): StatusClass {
  if (PERMANENT_STATUSES.has(status)) return "permanent";
  return status === 408 || status === 429 || status >= 500 ? "transient" : "other";
}

/** A rejection no retry can fix (network errors, timeouts and exhausted retries never are). */
export function isPermanent(e: unknown): e is DeliveryError & { lastStatus: number } {
  return e instanceof DeliveryError && e.kind === "rejected" && e.lastStatus !== undefined && classifyStatus(e.lastStatus) === "permanent";
}

/** Error name/code only: undici's messages can embed the target, and the URL is a credential. */
export function describeNetworkError(e: unknown): string {
  // Duck-typed: errors from fetch may come from another realm (vm contexts), failing instanceof.
  if (typeof e !== "object" || e === null) return "unknown error";
  const { name, cause } = e as { name?: unknown; cause?: { code?: unknown; name?: unknown } };
  const label = typeof name === "string" ? name : "Error";
  const code = typeof cause?.code === "string" ? cause.code : typeof cause?.name === "string" ? cause.name : undefined;
  return code ? `${label}/${code}` : label;
}

/**
 * POST with timeout and retries: network errors, timeouts and transient statuses (408, 429 with
 * Retry-After honoured, 5xx) are retried with exponential backoff and full jitter; other statuses
 * fail at once as "rejected" (a retry cannot fix a bad token or payload). Throws DeliveryError;
 * the handler decides (isPermanent) whether it dead-letters the event or lets Lambda retry.
 */
export async function deliver(poster: Poster, url: string, payload: AlertPayload, policy: RetryPolicy, timing: RetryTiming): Promise<DeliveryReport> {
  let lastStatus: number | undefined;
  let lastError: string | undefined;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const remaining = timing.deadline - timing.now();
    if (remaining <= 0) throw new DeliveryError("deadline", attempt - 1, lastStatus, lastError);
    let wait: number | undefined;
    try {
      const res = await poster.post(url, payload, Math.min(policy.timeoutMs, remaining));
      lastStatus = res.status;
      lastError = undefined;
      if (res.status >= 200 && res.status < 300) return { attempts: attempt, status: res.status };
      if (classifyStatus(res.status) !== "transient") throw new DeliveryError("rejected", attempt, res.status, undefined);
      const hinted = retryAfterMs(res.retryAfter, timing.now());
      if (hinted !== undefined) {
        if (hinted > policy.maxRetryAfterMs) throw new DeliveryError("deadline", attempt, res.status, `Retry-After ${hinted} ms exceeds ${policy.maxRetryAfterMs} ms`);
        wait = hinted;
      }
    } catch (e) {
      if (e instanceof DeliveryError) throw e;
      lastStatus = undefined;
      lastError = describeNetworkError(e);
    }
    if (attempt === policy.maxAttempts) break;
    const delay = wait ?? backoffMs(attempt, policy, timing.random);
    if (timing.now() + delay >= timing.deadline) throw new DeliveryError("deadline", attempt, lastStatus, lastError);
    await timing.sleep(delay);
  }
  throw new DeliveryError("exhausted", policy.maxAttempts, lastStatus, lastError);
}

/** Poster over the global fetch (Node 20+ undici): one request, bounded by AbortSignal.timeout. */
export const fetchPoster: Poster = {
  async post(url, payload, timeoutMs) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "email-to-oncall/mail-to-alert" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    // Drain so the connection is reusable; the body ("Ok.") carries nothing we need.
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, retryAfter: res.headers.get("retry-after") };
  },
};
