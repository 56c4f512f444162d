import type { ClientOverrides } from "../mail-to-alert/aws";

/** A SecureString (the shared secret, the reply-context key) once per cold start (a failure is not cached; `refresh` re-reads). Never logged. */
export function ssmSecret(name: string, region: string, overrides: ClientOverrides = {}): (refresh?: boolean) => Promise<string> {
  let cached: Promise<string> | undefined;
  return (refresh = false) => {
    if (refresh) cached = undefined;
    cached ??= import("@aws-sdk/client-ssm")
      .then((m) => new m.SSMClient({ region, ...overrides }).send(new m.GetParameterCommand({ Name: name, WithDecryption: true })))
      .then((r) => {
        const v = r.Parameter?.Value;
        if (!v) throw new Error(`SSM parameter ${name} is empty`);
        return v;
      })
      .catch((e: unknown) => {
        cached = undefined;
        throw e;
      });
    return cached;
  };
}
