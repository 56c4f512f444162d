import type { Block, Json } from "./model";

export const MASK = "(sensitive)";

/**
 * Attributes whose value is a credential, as `resource type pattern . attribute`. A reference to
 * one of them anywhere in a string (`${grafana_oncall_integration.mail.link}`) makes that string
 * sensitive: the OnCall integration link is itself a credential (whoever has it can page).
 */
const SECRET_REFERENCES: readonly RegExp[] = [
  /\bsensitive\s*\(/, // whatever the code wrapped in Terraform's sensitive() is, by its author's decision
  /\bgrafana_oncall_integration\.[\w-]+\.link\b/,
  /\b(?:data\.)?aws_ssm_parameter\.[\w-]+\.(?:value|insecure_value)\b/,
  /\baws_iam_access_key\.[\w-]+\.(?:secret|ses_smtp_password_v4)\b/,
  /\b(?:data\.)?aws_secretsmanager_secret_version\.[\w-]+\.secret_(?:string|binary)\b/,
  /\brandom_password\.[\w-]+\.result\b/,
  /\bgrafana_[\w]+\.[\w-]+\.(?:key|token|auth|password|secret)\b/,
  /\bvar\.[\w-]*(?:token|secret|password|auth)[\w-]*\b/i,
];

/** Attributes that always hold a secret in the resource types we use. */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_ssm_parameter: ["value"],
  aws_secretsmanager_secret_version: ["secret_string", "secret_binary"],
};

/** A key that names a credential: one underscore-separated word of it is a secret word. */
const SECRET_KEY_WORD = /^(?:password|passwd|secret|token|auth|credentials?|apikey|signature)$/i;
const SECRET_KEY_PAIR = /(?:^|_)(?:access_key|secret_key|private_key|api_key|client_secret|session_token|access_token)(?:_|$)/i;

function keyLooksSecret(key: string): boolean {
  const bare = key.replace(/^"|"$/g, "");
  if (SECRET_KEY_PAIR.test(bare)) return true;
  return bare.split(/[_-]/).some((w) => SECRET_KEY_WORD.test(w));
}

/** Literal strings that look like credentials even without a telling key. */
const CREDENTIAL_LITERALS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /\b(?:glsa|glc|ghp|gho|ghs|ghu|github_pat|xox[abprs]|sk_live|rk_live)_[A-Za-z0-9_-]{8,}/, // Grafana, GitHub, Slack, Stripe
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /:\/\/[^/\s:@]+:[^/\s@]+@/, // URL with user:password
  /[?&](?:token|key|secret|sig|signature|auth|password|access_token|X-Amz-Signature|X-Amz-Credential)=/i,
];

/** A URL path segment that looks like a random token (webhook URLs carry their secret there). */
function urlHasTokenSegment(s: string): boolean {
  for (const m of s.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
    const pathPart = m[0].replace(/^https?:\/\/[^/]+/, "").split(/[?#]/)[0] ?? "";
    for (const seg of pathPart.split("/")) if (looksRandom(seg, 16)) return true;
  }
  return false;
}

function looksRandom(s: string, minLength: number): boolean {
  if (s.length < minLength || !/^[A-Za-z0-9_+=\-/]+$/.test(s)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(s)).length;
  return /[0-9]/.test(s) && classes >= 2;
}

/** True when a literal string looks like a credential on its own. */
export function literalLooksSecret(s: string): boolean {
  if (CREDENTIAL_LITERALS.some((r) => r.test(s))) return true;
  if (urlHasTokenSegment(s)) return true;
  // A long opaque word with lower, upper case and digits (base64-ish secret); hex hashes have no
  // lower case and are left alone.
  return !/\s/.test(s) && s.length >= 32 && /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) && /^[A-Za-z0-9+/=_-]+$/.test(s);
}

export function referencesSecret(s: string): boolean {
  if (!s.includes("${")) return false;
  return SECRET_REFERENCES.some((r) => r.test(s));
}

function valueLooksSecret(v: Json | undefined): boolean {
  if (typeof v === "string") return referencesSecret(v) || literalLooksSecret(v);
  if (Array.isArray(v)) return v.some(valueLooksSecret);
  return false;
}

/** Top-level attribute name of a flattened path (`environment[0].variables.X` -> `environment`). */
const firstStep = (path: string) => path.split(/[.[⟨]/)[0] ?? path;
const steps = (path: string) => path.split(/\.|\[\d+\]|⟨json⟩/).filter((s) => s !== "");

/**
 * Decides whether one leaf of a block must be masked. `before` and `after` are judged together:
 * a change from a secret to anything must not reveal either side.
 */
export function isSensitive(block: Pick<Block, "kind" | "type" | "body">, path: string, before: Json | undefined, after: Json | undefined): boolean {
  if (block.kind === "output" && isSensitiveOutput(block.body) && (path === "value" || path.startsWith("value"))) return true;
  if (block.kind === "resource" || block.kind === "data") {
    const secretAttrs = SECRET_ATTRIBUTES[block.type];
    if (secretAttrs?.includes(firstStep(path))) return true;
  }
  // Provider blocks: credentials live under many names (token, auth, access_key, assume_role web
  // identity token file...); mask any step that names one. Elsewhere the same key rule applies.
  if (steps(path).some(keyLooksSecret)) return true;
  return valueLooksSecret(before) || valueLooksSecret(after);
}

function isSensitiveOutput(body: Json): boolean {
  return body !== null && typeof body === "object" && !Array.isArray(body) && body.sensitive === true;
}
