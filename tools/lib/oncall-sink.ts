import * as http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for a Grafana OnCall webhook integration: answers "200 Ok." like OnCall and
 * records every request; optionally rate-limits like OnCall (documented: 300 alerts per 5 minutes
 * per integration), answering 429 with a Retry-After header beyond the limit.
 *
 * OnCall does not document how its window works or whether it sends Retry-After; this sink uses
 * fixed windows (the count resets when a window ends, like django-ratelimit, which OnCall is built
 * on) and always says how long until the window ends: the longest wait a client can be told.
 */
export interface RateLimit {
  /** Alerts accepted per window. */
  readonly limit: number;
  readonly windowMs: number;
}

/** OnCall's documented limit per integration. */
export const ONCALL_RATE_LIMIT: RateLimit = { limit: 300, windowMs: 5 * 60_000 };

export interface SinkRequest {
  /** Sink clock when the request arrived. */
  readonly at: number;
  readonly status: number;
  /** Bytes of the request body (OnCall refuses more than 256 KB). */
  readonly bytes: number;
  /** The parsed JSON body, or undefined when it was not JSON. */
  readonly payload: Record<string, unknown> | undefined;
}

export interface OnCallSinkOptions {
  readonly rateLimit?: RateLimit;
  /** Clock of the rate limit (scaled or virtual in benchmarks and tests); default Date.now. */
  readonly now?: () => number;
  /** Prints each accepted alert (the built-in sink of `npm run local`); default silent. */
  readonly print?: (text: string) => void;
}

export interface OnCallSink {
  readonly url: string;
  /** Sink clock at start: rate-limit windows are counted from here. */
  readonly origin: number;
  readonly requests: readonly SinkRequest[];
  /** Requests answered 2xx. */
  accepted(): SinkRequest[];
  close(): Promise<void>;
}

/** Fixed-window counter: how a request at `now` is answered. Pure, for the unit test. */
export function rateLimitAnswer(limit: RateLimit, origin: number, counts: Map<number, number>, now: number): { status: 200 } | { status: 429; retryAfterSeconds: number } {
  const window = Math.floor((now - origin) / limit.windowMs);
  const used = counts.get(window) ?? 0;
  if (used < limit.limit) {
    counts.set(window, used + 1);
    return { status: 200 };
  }
  const endsAt = origin + (window + 1) * limit.windowMs;
  // Whole seconds (delta-seconds), rounded up so a client that waits exactly that long is in the next window.
  return { status: 429, retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now) / 1000)) };
}

export async function startOnCallSink(options: OnCallSinkOptions = {}): Promise<OnCallSink> {
  const now = options.now ?? Date.now;
  const origin = now();
  const counts = new Map<number, number>();
  const requests: SinkRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      let payload: Record<string, unknown> | undefined;
      try {
        payload = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      } catch {
        payload = undefined;
      }
      const at = now();
      const answer = options.rateLimit ? rateLimitAnswer(options.rateLimit, origin, counts, at) : ({ status: 200 } as const);
      requests.push({ at, status: answer.status, bytes: body.length, payload });
      if (answer.status === 429) {
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(answer.retryAfterSeconds) }).end('{"detail":"Request was throttled."}');
        return;
      }
      if (options.print) {
        options.print(payload ? `\n=== ALERT ${String(payload.state)} ${String(payload.alert_uid)}\n${String(payload.title)}\n${String(payload.message)}\n===\n` : "\n=== sink received a non-JSON body ===\n");
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("Ok.");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/integrations/v1/webhook/local-sink/`,
    origin,
    requests,
    accepted: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
