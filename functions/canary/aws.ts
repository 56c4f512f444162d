import type { SendEmailCommand as SendEmail, SESv2Client as SES } from "@aws-sdk/client-sesv2";
import type { RawMailSender } from "./handler";

/** Test seam: point the clients at a local stand-in (never set in Lambda). */
export interface ClientOverrides {
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * A SecureString read once per cold start (a failure is not cached). `refresh` reads it again: a
 * warm function must see a rotated key. The value is a credential: it is never logged.
 */
export function ssmSecret(name: string, region: string, overrides: ClientOverrides = {}): (refresh?: boolean) => Promise<string> {
  let cached: Promise<string> | undefined;
  return (refresh = false) => {
    if (refresh) cached = undefined;
    cached ??= import("@aws-sdk/client-ssm")
      .then((m) => new m.SSMClient({ region, ...overrides }).send(new m.GetParameterCommand({ Name: name, WithDecryption: true })))
      .then((r) => {
        const v = r.Parameter?.Value;
        if (!v || v.length < 32) throw new Error(`SSM parameter ${name} does not hold a canary key (32 characters or more)`);
        return v;
      })
      .catch((e: unknown) => {
        cached = undefined;
        throw e;
      });
    return cached;
  };
}

/** SES v2 SendEmail with raw content: the signed header goes out as written. */
export function sesRawSender(region: string, overrides: ClientOverrides = {}): RawMailSender {
  let loaded: Promise<{ ses: SES; SendEmailCommand: typeof SendEmail }> | undefined;
  return {
    async send(from, to, raw) {
      loaded ??= import("@aws-sdk/client-sesv2").then((m) => ({ ses: new m.SESv2Client({ region, ...overrides }), SendEmailCommand: m.SendEmailCommand }));
      const { ses, SendEmailCommand } = await loaded;
      await ses.send(new SendEmailCommand({ FromEmailAddress: from, Destination: { ToAddresses: [to] }, Content: { Raw: { Data: new TextEncoder().encode(raw) } } }));
    },
  };
}
