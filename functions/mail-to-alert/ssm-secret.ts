import type { ClientOverrides } from "./aws";

/**
 * A SecureString (an integration key, the canary key, the status secret, the reply-context key),
 * read once per cold start; a failure is not cached, and `refresh` reads it again (a rotation).
 * Values shorter than `minLength` are refused naming `what`. The value is a credential: never logged.
 */
export function ssmSecret(name: string, region: string, overrides: ClientOverrides = {}, minLength = 1, what = "a value"): (refresh?: boolean) => Promise<string> {
  let cached: Promise<string> | undefined;
  return (refresh = false) => {
    if (refresh) cached = undefined;
    cached ??= import("@aws-sdk/client-ssm")
      .then((m) => new m.SSMClient({ region, ...overrides }).send(new m.GetParameterCommand({ Name: name, WithDecryption: true })))
      .then((r) => {
        const v = r.Parameter?.Value;
        if (!v || v.length < minLength) throw new Error(`SSM parameter ${name} does not hold ${what}${minLength > 1 ? ` (${minLength} characters or more)` : ""}`);
        return v;
      })
      .catch((e: unknown) => {
        cached = undefined;
        throw e;
      });
    return cached;
  };
}
