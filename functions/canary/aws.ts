import type { SendEmailCommand as SendEmail, SESv2Client as SES } from "@aws-sdk/client-sesv2";
import { ssmSecret as sharedSsmSecret } from "../mail-to-alert/ssm-secret";
import type { RawMailSender } from "./handler";

import type { ClientOverrides } from "../mail-to-alert/aws";

/** The canary key: a SecureString of 32 characters or more, read as every function reads its secrets. */
export function ssmSecret(name: string, region: string, overrides: ClientOverrides = {}): (refresh?: boolean) => Promise<string> {
  return sharedSsmSecret(name, region, overrides, 32, "a canary key");
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
