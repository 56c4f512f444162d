import * as fs from "node:fs";
import * as path from "node:path";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import type { Poster } from "../../functions/mail-to-alert/deliver";
import { createHandler, HandlerDeps } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { sesEventFor } from "../../tools/lib/ses-event";
import { testConfig } from "./support/config";

const fixture = (f: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", f));
const RCPT = ["black-friday-2026@oncall.example.com"];

function harness(over: Partial<HandlerDeps> = {}, raw?: Uint8Array) {
  const posted: AlertPayload[] = [];
  const lines: string[] = [];
  const reads: string[] = [];
  const poster: Poster = { post: async (_u, p) => (posted.push(p), { status: 200, retryAfter: null }) };
  const handle = createHandler({
    config: testConfig,
    integrationUrl: async () => "https://oncall.example/integrations/v1/webhook/TOKEN123/",
    mailSource: { get: async (key) => (reads.push(key), raw ?? fixture("01-plain-ascii.eml")) },
    poster,
    log: jsonLogger(testConfig.slug, (l) => lines.push(l)),
    sleep: async () => undefined,
    ...over,
  });
  return { handle, posted, lines, reads };
}

describe("handler", () => {
  it("reads the raw mail at prefix + SES messageId and posts the alert", async () => {
    const h = harness();
    const out = await h.handle(sesEventFor(fixture("01-plain-ascii.eml"), { recipients: RCPT, messageId: "sesid0001" }));
    expect(out).toMatchObject({ action: "page", reason: "TRUSTED_SENDER", attempts: 1 });
    expect(h.reads).toEqual(["black-friday-2026/sesid0001"]);
    expect(h.posted[0]!.raw_mail_url).toBe(
      "https://eu-west-1.console.aws.amazon.com/s3/object/email-to-oncall-raw-mail-test?region=eu-west-1&bucketType=general&prefix=black-friday-2026%2Fsesid0001",
    );
    expect(h.posted[0]!.recipients).toEqual(RCPT);
    expect(h.lines.some((l) => l.includes('"AlertsDelivered":1'))).toBe(true);
  });

  it("never reads the body of mail SES already condemned", async () => {
    const h = harness();
    const out = await h.handle(sesEventFor(fixture("30-virus.eml"), { recipients: RCPT, verdicts: { virus: "FAIL" } }));
    expect(out).toMatchObject({ action: "drop", reason: "VIRUS" });
    expect(h.reads).toEqual([]);
  });

  it("ignores the SES setup notification without touching S3", async () => {
    const h = harness();
    const out = await h.handle(sesEventFor(fixture("01-plain-ascii.eml"), { recipients: RCPT, messageId: "AMAZON_SES_SETUP_NOTIFICATION" }));
    expect(out).toMatchObject({ action: "drop", reason: "SES_SETUP_NOTIFICATION" });
    expect(h.reads).toEqual([]);
  });

  it.each([[undefined], [{}], [{ Records: [] }], [{ Records: [{ ses: { mail: { messageId: "../etc" }, receipt: {} } }] }]])("drops a malformed event %#", async (event) => {
    const h = harness();
    await expect(h.handle(event)).resolves.toMatchObject({ action: "drop", reason: "MALFORMED_EVENT" });
  });

  it("throws when the raw mail cannot be read, so Lambda retries", async () => {
    const h = harness({ mailSource: { get: async () => Promise.reject(Object.assign(new Error("Access Denied"), { name: "AccessDenied" })) } });
    await expect(h.handle(sesEventFor(fixture("01-plain-ascii.eml"), { recipients: RCPT }))).rejects.toThrow("Access Denied");
    expect(h.lines.some((l) => l.includes("raw mail could not be read"))).toBe(true);
  });

  it("pages from the SES headers with PARSE_FAILED when the parser cannot read the mail", async () => {
    const h = harness({}, fixture("36-deeply-nested-unparseable.eml"));
    const out = await h.handle(sesEventFor(fixture("36-deeply-nested-unparseable.eml"), { recipients: RCPT }));
    expect(out).toMatchObject({ action: "page", markers: ["PARSE_FAILED"] });
    expect(h.posted[0]).toMatchObject({ subject: "Nested doom", from: { address: "cto@acme-shop.example" }, to: RCPT });
  });

  it("re-decides on the full raw headers: an auto-reply flag beyond SES's truncated copy still drops", async () => {
    const raw = fixture("21-auto-reply-out-of-office.eml");
    const event = sesEventFor(raw, { recipients: RCPT }) as { Records: { ses: { mail: { headers: { name: string }[] } } }[] };
    const mail = event.Records[0]!.ses.mail;
    mail.headers = mail.headers.filter((h) => h.name.toLowerCase() !== "auto-submitted");
    const h = harness({}, raw);
    await expect(h.handle(event)).resolves.toMatchObject({ action: "drop", reason: "AUTOMATED" });
    expect(h.reads).toHaveLength(1);
  });

  it("gives a duplicate delivery of the same mail the same grouping key", async () => {
    const h = harness();
    const raw = fixture("01-plain-ascii.eml");
    await h.handle(sesEventFor(raw, { recipients: RCPT, messageId: "first0001" }));
    await h.handle(sesEventFor(raw, { recipients: RCPT, messageId: "second0002" }));
    expect(h.posted[0]!.alert_uid).toBe(h.posted[1]!.alert_uid);
    expect(h.posted[0]!.alert_uid).toMatch(/^black-friday-2026:[0-9a-f]{32}$/);
  });

  it("groups by the SES message id when the mail has no Message-ID", async () => {
    const raw = Buffer.from("From: cto@acme-shop.example\r\nSubject: x\r\nDate: Fri, 27 Nov 2026 14:05:00 +0000\r\n\r\nbody\r\n");
    const h = harness({}, raw);
    await h.handle(sesEventFor(raw, { recipients: RCPT, messageId: "aaa111" }));
    await h.handle(sesEventFor(raw, { recipients: RCPT, messageId: "bbb222" }));
    expect(h.posted[0]!.alert_uid).not.toBe(h.posted[1]!.alert_uid);
  });

  it("fails loudly on delivery failure, counts it, and never logs the URL", async () => {
    const h = harness({ poster: { post: async () => ({ status: 503, retryAfter: null }) }, random: () => 0 });
    await expect(h.handle(sesEventFor(fixture("01-plain-ascii.eml"), { recipients: RCPT }))).rejects.toMatchObject({ name: "DeliveryError", kind: "exhausted" });
    expect(h.lines.some((l) => l.includes('"DeliveryFailures":1'))).toBe(true);
    expect(h.lines.join("\n")).not.toContain("TOKEN123");
  });

  it("keeps the body out of the logs of a delivered alert", async () => {
    const h = harness();
    await h.handle(sesEventFor(fixture("01-plain-ascii.eml"), { recipients: RCPT }));
    expect(h.lines.join("\n")).not.toContain("HTTP 502");
  });

  it("uses the receipt time, not the wall clock, for the window (retries decide the same)", async () => {
    const h = harness({ now: () => Date.parse("2027-06-01T00:00:00Z") });
    const out = await h.handle(sesEventFor(fixture("01-plain-ascii.eml"), { recipients: RCPT, timestamp: new Date("2026-11-27T14:05:00Z") }));
    expect(out).toMatchObject({ action: "page", markers: [] });
  });

  it("truncates a generated 3 MB body and marks the alert TRUNCATED", async () => {
    const line = "Order pipeline stalled; queue depth rising. ";
    const raw = Buffer.from(
      `From: cto@acme-shop.example\r\nTo: black-friday-2026@oncall.example.com\r\nSubject: Huge\r\nDate: Fri, 27 Nov 2026 14:05:00 +0000\r\nMessage-ID: <huge@acme-shop.example>\r\nContent-Type: text/plain\r\n\r\n${(line + "\r\n").repeat(70_000)}`,
    );
    const h = harness({}, raw);
    const out = await h.handle(sesEventFor(raw, { recipients: RCPT }));
    expect(out).toMatchObject({ action: "page", markers: ["TRUNCATED"] });
    const p = h.posted[0]!;
    expect(p.message).toMatch(/\[… [\d,]+ characters omitted …\]/);
    expect(p.message.startsWith(line.trim())).toBe(true);
    expect(p.message.length).toBeLessThan(testConfig.bodyMaxChars + 2000);
  });
});
