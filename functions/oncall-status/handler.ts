import { describeNetworkError } from "../mail-to-alert/deliver";
import type { Logger } from "../mail-to-alert/log";
import type { ReplyQueue } from "../mail-to-alert/reply/reply-step";
import type { StatusConfig } from "./contract";
import { statusRequestFor } from "./status-request";
import { secretMatches } from "./verify";

/** The HTTP request as API Gateway (HTTP API, payload 2.0) or a function URL hands it over. */
export interface HttpEvent {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string } };
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface StatusDeps {
  readonly config: StatusConfig;
  /** The shared secret (SSM SecureString, read once per cold start). */
  readonly secret: () => Promise<string>;
  /**
   * The reply-context key(s) that sign the alert's `reply` (current first; SSM SecureString, read
   * once per cold start); `refresh` re-reads them (a warm function may hold a key since rotated).
   */
  readonly replyKeys: (refresh: boolean) => Promise<readonly string[]>;
  readonly queue: ReplyQueue;
  readonly log: Logger;
  readonly now?: () => number;
}

/** A refused signature re-reads the key at most this often: a flood of forged webhooks must not flood SSM. */
const KEY_REFRESH_MS = 60_000;

/** OnCall's payload is small; anything bigger is not OnCall. */
const MAX_BODY_BYTES = 512 * 1024;

const respond = (statusCode: number, body = ""): HttpResponse => ({ statusCode, headers: { "content-type": "text/plain" }, body });

/**
 * POST from a Grafana OnCall outgoing webhook: authenticated by the shared secret in the
 * Authorization header (constant-time comparison), then turned into a status mail request on the
 * reply queue. Refusals say nothing a caller could learn from (401 with an empty body). Each
 * outcome is logged and counted (StatusRequests{Result}); the secret and the body never are.
 */
export function createStatusHandler(deps: StatusDeps) {
  const now = deps.now ?? Date.now;
  const { log } = deps;
  let keyReadAt = Number.NEGATIVE_INFINITY;
  const counted = (result: string, response: HttpResponse, fields: Record<string, string> = {}) => {
    log.info("status webhook", { result, status: response.statusCode, ...fields });
    log.count("StatusRequests", { Result: result });
    return response;
  };
  return async function handle(event: HttpEvent): Promise<HttpResponse> {
    const method = event.requestContext?.http?.method ?? "POST";
    if (method !== "POST") return counted("METHOD_NOT_ALLOWED", respond(405));
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    let secret: string;
    try {
      secret = await deps.secret();
    } catch (e) {
      log.error("status secret could not be read; OnCall will see a 503", { error: describeNetworkError(e) });
      return counted("SECRET_UNAVAILABLE", respond(503));
    }
    if (!secretMatches(headers.authorization, secret)) return counted("UNAUTHORIZED", respond(401));
    const raw = event.body === undefined ? "" : event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return counted("TOO_LARGE", respond(413));
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return counted("MALFORMED", respond(400, "not JSON"));
    }
    let result;
    try {
      result = statusRequestFor(body, deps.config, now(), await deps.replyKeys(false));
      if (!result.ok && result.reason === "UNSIGNED_REPLY_CONTEXT" && now() - keyReadAt >= KEY_REFRESH_MS) {
        keyReadAt = now();
        result = statusRequestFor(body, deps.config, now(), await deps.replyKeys(true));
      }
    } catch (e) {
      log.error("reply-context key could not be read; OnCall will see a 503", { error: describeNetworkError(e) });
      return counted("REPLY_KEY_UNAVAILABLE", respond(503));
    }
    if (!result.ok && result.reason === "UNSIGNED_REPLY_CONTEXT") {
      // Not from our mail function: a forged alert (integration URL) or webhook (leaked secret). Nothing is sent.
      log.warn("status webhook with an unsigned or forged reply context: refused, nothing sent", { detail: result.detail });
    }
    if (!result.ok) {
      // 200 for what OnCall should not retry and nobody needs to see; 400 for a stale or broken request.
      const code = result.reason === "NOT_A_STATUS_EVENT" || result.reason === "NO_REPLY_THREAD" ? 200 : 400;
      return counted(result.reason, respond(code, result.reason), { detail: result.detail });
    }
    try {
      await deps.queue.send(result.request);
    } catch (e) {
      log.error("status mail could not be queued; OnCall will see a 503", { error: describeNetworkError(e), onceKey: result.request.onceKey });
      return counted("QUEUE_FAILED", respond(503));
    }
    return counted("QUEUED", respond(202, "queued"), { kind: result.request.kind, onceKey: result.request.onceKey });
  };
}
