import type { DecisionInput } from "../../../functions/mail-to-alert/decide";
import { factsFromHeaders } from "../../../functions/mail-to-alert/mail-facts";
import type { Verdicts } from "../../../functions/mail-to-alert/ses-event-reader";
import { sesHeaderBlock } from "../../../tools/lib/ses-stand-in";
import { splitHeaderSection } from "../../../functions/mail-to-alert/headers";
import { testConfig } from "./config";

export const PASS: Verdicts = { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" };
export const IN_WINDOW = new Date("2026-11-27T14:00:00Z");
export const RCPT = "black-friday-2026@oncall.example.com";

export type HeaderList = readonly (readonly [string, string])[];

export interface InputOptions extends Partial<Omit<DecisionInput, "verdicts" | "facts">> {
  readonly verdicts?: Partial<Verdicts>;
  readonly mailFrom?: string;
  /**
   * SES's Authentication-Results value as SES would write it on top of the mail. Default: written
   * from the verdicts and the From header by the local SES stand-in (tools/lib/ses-stand-in.ts).
   * `null`: SES wrote none (the topmost Authentication-Results is then the sender's, if any).
   */
  readonly sesResults?: string | null;
  readonly partTypes?: readonly string[];
}

/** A header list as SES stores the mail: SES's block first, then the sender's headers. */
export function storedHeaders(headers: Record<string, string> | HeaderList, o: InputOptions = {}): { name: string; value: string }[] {
  const list: HeaderList = Array.isArray(headers) ? (headers as HeaderList) : Object.entries({ From: "cto@acme-shop.example", Subject: "help", ...(headers as Record<string, string>) });
  const sender = list.map(([name, value]) => ({ name, value }));
  const mailFrom = o.mailFrom ?? "cto@acme-shop.example";
  const verdicts = { ...PASS, ...o.verdicts };
  let ses: { name: string; value: string }[];
  if (o.sesResults === null) ses = [];
  else if (o.sesResults !== undefined) ses = [{ name: "Authentication-Results", value: o.sesResults }];
  else {
    const raw = Buffer.from(`${sender.map((h) => `${h.name}: ${h.value}`).join("\r\n")}\r\n\r\n`);
    ses = splitHeaderSection(Buffer.from(sesHeaderBlock(raw, mailFrom, verdicts) + "\r\n"));
  }
  return [...ses, ...sender];
}

/** A decision input for the example event, as the handler builds it from a stored mail. */
export function decisionInput(headers: Record<string, string> | HeaderList, o: InputOptions = {}): DecisionInput {
  return {
    facts: factsFromHeaders(storedHeaders(headers, o), {}, o.partTypes ?? []),
    verdicts: { ...PASS, ...o.verdicts },
    envelope: { recipients: [RCPT], mailFrom: o.mailFrom ?? "cto@acme-shop.example", messageId: "abc123", ...o.envelope },
    config: o.config ?? testConfig,
    receivedAt: o.receivedAt ?? IN_WINDOW,
    arc: o.arc,
  };
}
