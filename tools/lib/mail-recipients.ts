import { parseMail } from "../../functions/mail-to-alert/parse";

/** Who a mail was for, and where that was read: what pickEvent needs to choose the event. */
export interface Recipients {
  readonly addresses: readonly string[];
  readonly source: string;
}

/** The To and Cc addresses of a raw mail (lower case; none when it cannot be parsed). */
export async function headerRecipients(raw: Uint8Array): Promise<Recipients> {
  const parsed = await parseMail(raw);
  return { addresses: parsed.ok ? [...parsed.mail.to, ...parsed.mail.cc] : [], source: "mail's To/Cc" };
}

/** The envelope recipient given on the command line, else the mail's To/Cc. */
export async function recipientsOf(raw: Uint8Array, envelopeTo: string | undefined): Promise<Recipients> {
  if (envelopeTo) return { addresses: [envelopeTo.toLowerCase()], source: "envelope recipient (--to)" };
  return headerRecipients(raw);
}
