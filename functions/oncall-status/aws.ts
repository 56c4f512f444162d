import type { ClientOverrides } from "../mail-to-alert/aws";

/** The shared secret from its SSM SecureString, once per cold start (a failure is not cached). Never logged. */
export function ssmSecret(name: string, region: string, overrides: ClientOverrides = {}): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
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
