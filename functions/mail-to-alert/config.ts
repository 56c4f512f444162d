import { createHash } from "node:crypto";
import type * as z from "zod/mini";
import { ENV_CANARY_KEY_PARAMETER, ENV_REPLY_KEY_PARAMETER, ENV_DEAD_LETTER_QUEUE_URL, ENV_EVENT_CONFIG, ENV_EVENT_CONFIG_FILE, ENV_EVENT_CONFIG_SHA256, ENV_NOTIFY_URL_PARAMETER, ENV_ONCALL_HEARTBEAT, ENV_REPLY_QUEUE_URL, ENV_URL_DIRECT, ENV_URL_PARAMETER } from "./contract";
import { FunctionRuntimeConfig, runtimeConfigSchema } from "./runtime-config-schema";

// Cold-start settings: EVENT_CONFIG checked against its schema (runtime-config-schema.ts), with
// messages that name the field, and where the OnCall integration URL comes from.

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.join(".") : "(root)";
  if (issue.code === "unrecognized_keys") return `${where}: unknown field(s) ${issue.keys.join(", ")}`;
  if (issue.code === "invalid_type" && issue.message === "Invalid input") return `${where}: missing or not a ${issue.expected}`;
  return `${where}: ${issue.message}`;
}

const noFiles: ReadTextFile = (path) => {
  throw new Error(`no file reader given for ${path}`);
};

export class ConfigurationError extends Error {
  override readonly name = "ConfigurationError";
}

/** Where the OnCall integration URL comes from: directly (local runs) or an SSM SecureString. */
export type UrlSource = { readonly kind: "direct"; readonly url: string } | { readonly kind: "parameter"; readonly name: string };

export interface FunctionSettings {
  readonly config: FunctionRuntimeConfig;
  readonly urlSource: UrlSource;
  /** The notify lane's integration URL; undefined: the notify lane posts to `urlSource`. */
  readonly notifyUrlSource?: UrlSource;
  /** The event's dead-letter queue; unset in local runs, which use a folder. */
  readonly deadLetterQueueUrl?: string;
  /** SSM parameter of the canary key; undefined: the canary header is not looked at. */
  readonly canaryKeyParameter?: string;
  /** SSM parameter of the reply-context key; undefined: alerts carry no `reply` (no status mails). */
  readonly replyKeyParameter?: string;
  /** Ping the OnCall heartbeat on each valid canary. */
  readonly heartbeat?: boolean;
  /** The event's reply queue; unset: no reply is queued. */
  readonly replyQueueUrl?: string;
  /** Accepted but degraded settings, logged once per cold start. */
  readonly warnings: readonly string[];
}

/**
 * `presigned` is not implemented: it would need @aws-sdk/s3-request-presigner (not guaranteed in
 * the runtime) or a hand-rolled SigV4 signer, and would put a bearer link to customer mail into
 * chat and SMS. Paging must not stop over a link style, so the console link is used and a warning
 * logged; the stack should reject the value at synth.
 */
function degradedSettings(config: FunctionRuntimeConfig): string[] {
  return config.rawMailLink === "presigned" ? ['rawMailLink "presigned" is not implemented; alerts link the raw mail in the S3 console instead'] : [];
}

/** Parses and validates the runtime config (JSON); the error names the field so a bad deploy is obvious at cold start. */
export function parseRuntimeConfig(json: string | undefined, source: string = ENV_EVENT_CONFIG): FunctionRuntimeConfig {
  if (!json) throw new ConfigurationError(`${source} is not set: the event stack must pass the function's configuration as JSON`);
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new ConfigurationError(`${source} is not valid JSON (${(e as Error).message})`);
  }
  const result = runtimeConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(describeIssue);
    throw new ConfigurationError(`${source} is invalid: ${problems.join("; ")}`);
  }
  return result.data;
}

/** Reads a file as UTF-8 (the config layer's JSON); a port, so tests need no /opt. */
export type ReadTextFile = (path: string) => string;

/**
 * The runtime config: `EVENT_CONFIG` when set (local runs; configs holding Terraform references),
 * else the config layer's file named by `EVENT_CONFIG_FILE`, whose SHA-256 must be
 * `EVENT_CONFIG_SHA256` (a layer and an environment from two different applies must not mix).
 */
export function readRuntimeConfig(env: Readonly<Record<string, string | undefined>>, readFile: ReadTextFile): FunctionRuntimeConfig {
  const file = env[ENV_EVENT_CONFIG_FILE];
  if (env[ENV_EVENT_CONFIG] || !file) return parseRuntimeConfig(env[ENV_EVENT_CONFIG]);
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    throw new ConfigurationError(`${ENV_EVENT_CONFIG_FILE} ${file} cannot be read (${(e as Error).message}): the function's config layer is missing`);
  }
  const expected = env[ENV_EVENT_CONFIG_SHA256];
  const actual = createHash("sha256").update(text).digest("hex");
  if (expected && expected !== actual) throw new ConfigurationError(`${file} has SHA-256 ${actual}, but ${ENV_EVENT_CONFIG_SHA256} says ${expected}: the config layer and the function's environment come from different deploys`);
  return parseRuntimeConfig(text, file);
}

/** An SQS queue URL, https://<host>/<12-digit account>/<name>; a typo must fail the cold start, not the first 403. */
function parseQueueUrl(value: string | undefined, name = ENV_DEAD_LETTER_QUEUE_URL): string | undefined {
  if (value === undefined || value === "") return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:" || !/^\/\d{12}\/[A-Za-z0-9_-]{1,80}$/.test(url.pathname)) {
    throw new ConfigurationError(`${name} must be an SQS queue URL (https://sqs.<region>.amazonaws.com/<account id>/<queue name>)`);
  }
  return value;
}

export function loadSettings(env: Readonly<Record<string, string | undefined>>, readFile: ReadTextFile = noFiles): FunctionSettings {
  const config = readRuntimeConfig(env, readFile);
  const deadLetterQueueUrl = parseQueueUrl(env[ENV_DEAD_LETTER_QUEUE_URL]);
  const replyQueueUrl = parseQueueUrl(env[ENV_REPLY_QUEUE_URL], ENV_REPLY_QUEUE_URL);
  const direct = env[ENV_URL_DIRECT];
  if (direct) {
    if (!/^https?:\/\//.test(direct)) throw new ConfigurationError(`${ENV_URL_DIRECT} must be an http(s) URL`);
    return { config, urlSource: { kind: "direct", url: direct }, deadLetterQueueUrl, replyQueueUrl, warnings: degradedSettings(config) };
  }
  const name = env[ENV_URL_PARAMETER];
  if (!name) throw new ConfigurationError(`${ENV_URL_PARAMETER} is not set: name the SSM SecureString that holds the OnCall integration URL (or set ${ENV_URL_DIRECT} for local runs)`);
  // Still safe without it (a permanent failure then takes Lambda's retries), but slower: say so.
  const missingQueue = deadLetterQueueUrl ? [] : [`${ENV_DEAD_LETTER_QUEUE_URL} is not set; a permanent delivery failure waits for Lambda's retries before it is dead-lettered`];
  const notifyName = env[ENV_NOTIFY_URL_PARAMETER];
  const notifyUrlSource: UrlSource | undefined = notifyName ? { kind: "parameter", name: notifyName } : undefined;
  const canaryKeyParameter = env[ENV_CANARY_KEY_PARAMETER] || undefined;
  const heartbeat = env[ENV_ONCALL_HEARTBEAT] === "1";
  const replyKeyParameter = env[ENV_REPLY_KEY_PARAMETER] || undefined;
  const noReplyQueue = config.replies && !replyQueueUrl ? [`replies are configured but ${ENV_REPLY_QUEUE_URL} is not set; no reply is queued`] : [];
  return { config, urlSource: { kind: "parameter", name }, notifyUrlSource, deadLetterQueueUrl, replyQueueUrl, canaryKeyParameter, replyKeyParameter, heartbeat, warnings: [...degradedSettings(config), ...missingQueue, ...noReplyQueue] };
}
