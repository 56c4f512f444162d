import * as fs from "node:fs";
import * as path from "node:path";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import type { DeadLetterRecord } from "../../functions/mail-to-alert/dead-letter";
import type { Poster } from "../../functions/mail-to-alert/deliver";
import { createHandler, HandlerDeps } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { SesArrival, sesReceive, SesEventOptions } from "../../tools/lib/ses-stand-in";
import { testConfig } from "./support/config";

const fixture = (f: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", f));
const RCPT = ["black-friday-2026@oncall.example.com"];

function harness(over: Partial<HandlerDeps> = {}, raw?: Uint8Array) {
  const posted: AlertPayload[] = [];
  const lines: string[] = [];
  const reads: string[] = [];
  // What SES stored per object key (SES's results on top of the mail), as S3 would return it.
  const stored = new Map<string, Uint8Array>();
  const poster: Poster = { post: async (_u, p) => (posted.push(p), { status: 200, retryAfter: null }) };
  const handle = createHandler({
    config: testConfig,
    integrationUrl: async () => "https://oncall.example/integrations/v1/webhook/TOKEN123/",
    mailSource: { get: async (key) => (reads.push(key), stored.get(key) ?? raw ?? fixture("01-plain-ascii.eml")) },
    poster,
    log: jsonLogger(testConfig.slug, (l) => lines.push(l)),
    sleep: async () => undefined,
    ...over,
  });
  const register = (a: SesArrival) => {
    const mail = (a.event.Records[0] as { ses: { mail: { messageId: string } } }).ses.mail;
    stored.set(testConfig.prefix + mail.messageId, a.stored);
    return a.event;
  };
  /** A mail arrives: SES stores it with its results on top and invokes the function. */
  const receive = (mail: Uint8Array, options: SesEventOptions) => handle(register(sesReceive(mail, options)));
  return { handle, receive, register, posted, lines, reads };
}

describe("handler", () => {
  it("reads the raw mail at prefix + SES messageId and posts the alert", async () => {
    const h = harness();
    const out = await h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT, messageId: "sesid0001" });
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
    const out = await h.receive(fixture("30-virus.eml"), { recipients: RCPT, verdicts: { virus: "FAIL" } });
    expect(out).toMatchObject({ action: "drop", reason: "VIRUS" });
    expect(h.reads).toEqual([]);
  });

  it("ignores the SES setup notification without touching S3", async () => {
    const h = harness();
    const out = await h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT, messageId: "AMAZON_SES_SETUP_NOTIFICATION" });
    expect(out).toMatchObject({ action: "drop", reason: "SES_SETUP_NOTIFICATION" });
    expect(h.reads).toEqual([]);
  });

  it.each([[undefined], [{}], [{ Records: [] }], [{ Records: [{ ses: { mail: { messageId: "../etc" }, receipt: {} } }] }]])("drops a malformed event %#", async (event) => {
    const h = harness();
    await expect(h.handle(event)).resolves.toMatchObject({ action: "drop", reason: "MALFORMED_EVENT" });
  });

  it("throws when the raw mail cannot be read, so Lambda retries", async () => {
    const h = harness({ mailSource: { get: async () => Promise.reject(Object.assign(new Error("Access Denied"), { name: "AccessDenied" })) } });
    await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).rejects.toThrow("Access Denied");
    expect(h.lines.some((l) => l.includes("raw mail could not be read"))).toBe(true);
  });

  it("pages from the SES headers with PARSE_FAILED when the parser cannot read the mail", async () => {
    const h = harness({}, fixture("36-deeply-nested-unparseable.eml"));
    const out = await h.receive(fixture("36-deeply-nested-unparseable.eml"), { recipients: RCPT });
    expect(out).toMatchObject({ action: "page", markers: ["PARSE_FAILED"] });
    expect(h.posted[0]).toMatchObject({ subject: "Nested doom", from: { address: "cto@acme-shop.example" }, to: RCPT });
  });

  it("re-decides on the full raw headers: an auto-reply flag beyond SES's truncated copy still drops", async () => {
    const raw = fixture("21-auto-reply-out-of-office.eml");
    const h = harness({}, raw);
    const event = h.register(sesReceive(raw, { recipients: RCPT })) as { Records: { ses: { mail: { headers: { name: string }[] } } }[] };
    const mail = event.Records[0]!.ses.mail;
    mail.headers = mail.headers.filter((h) => h.name.toLowerCase() !== "auto-submitted");
    await expect(h.handle(event)).resolves.toMatchObject({ action: "drop", reason: "AUTOMATED" });
    expect(h.reads).toHaveLength(1);
  });

  it("gives a duplicate delivery of the same mail the same grouping key", async () => {
    const h = harness();
    const raw = fixture("01-plain-ascii.eml");
    await h.receive(raw, { recipients: RCPT, messageId: "first0001" });
    await h.receive(raw, { recipients: RCPT, messageId: "second0002" });
    expect(h.posted[0]!.alert_uid).toBe(h.posted[1]!.alert_uid);
    expect(h.posted[0]!.alert_uid).toMatch(/^black-friday-2026:[0-9a-f]{32}$/);
  });

  it("groups by the SES message id when the mail has no Message-ID", async () => {
    const raw = Buffer.from("From: cto@acme-shop.example\r\nSubject: x\r\nDate: Fri, 27 Nov 2026 14:05:00 +0000\r\n\r\nbody\r\n");
    const h = harness({}, raw);
    await h.receive(raw, { recipients: RCPT, messageId: "aaa111" });
    await h.receive(raw, { recipients: RCPT, messageId: "bbb222" });
    expect(h.posted[0]!.alert_uid).not.toBe(h.posted[1]!.alert_uid);
  });

  it("fails loudly on delivery failure, counts it, and never logs the URL", async () => {
    const h = harness({ poster: { post: async () => ({ status: 503, retryAfter: null }) }, random: () => 0 });
    await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).rejects.toMatchObject({ name: "DeliveryError", kind: "exhausted" });
    expect(h.lines.some((l) => l.includes('"DeliveryFailures":1'))).toBe(true);
    expect(h.lines.join("\n")).not.toContain("TOKEN123");
  });

  it("keeps the body out of the logs of a delivered alert", async () => {
    const h = harness();
    await h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT });
    expect(h.lines.join("\n")).not.toContain("HTTP 502");
  });

  it("uses the receipt time, not the wall clock, for the window (retries decide the same)", async () => {
    const h = harness({ now: () => Date.parse("2027-06-01T00:00:00Z") });
    const out = await h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT, timestamp: new Date("2026-11-27T14:05:00Z") });
    expect(out).toMatchObject({ action: "page", markers: [] });
  });

  it("truncates a generated 3 MB body and marks the alert TRUNCATED", async () => {
    const line = "Order pipeline stalled; queue depth rising. ";
    const raw = Buffer.from(
      `From: cto@acme-shop.example\r\nTo: black-friday-2026@oncall.example.com\r\nSubject: Huge\r\nDate: Fri, 27 Nov 2026 14:05:00 +0000\r\nMessage-ID: <huge@acme-shop.example>\r\nContent-Type: text/plain\r\n\r\n${(line + "\r\n").repeat(70_000)}`,
    );
    const h = harness({}, raw);
    const out = await h.receive(raw, { recipients: RCPT });
    expect(out).toMatchObject({ action: "page", markers: ["TRUNCATED"] });
    const p = h.posted[0]!;
    expect(p.message).toMatch(/\[… [\d,]+ characters omitted …\]/);
    expect(p.message.startsWith(line.trim())).toBe(true);
    expect(p.message.length).toBeLessThan(testConfig.bodyMaxChars + 2000);
  });

  it("fails closed: a stored copy without SES's results on top never pages (notify, UNVERIFIED)", async () => {
    const raw = fixture("01-plain-ascii.eml");
    const h = harness({}, raw); // S3 serves the mail as the sender wrote it: no SES header
    const event = sesReceive(raw, { recipients: RCPT }).event;
    await expect(h.handle(event)).resolves.toMatchObject({ action: "notify", reason: "UNVERIFIED" });
  });

  it("counts a trusted sender's dropped mail on its own metric and logs it at WARN", async () => {
    const h = harness();
    await h.receive(fixture("21-auto-reply-out-of-office.eml"), { recipients: RCPT });
    const lines = h.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ level: "WARN", message: "mail dropped", reason: "AUTOMATED", trustedSender: true }));
    expect(lines).toContainEqual(expect.objectContaining({ TrustedMailDropped: 1, Event: testConfig.slug }));
    const stranger = harness();
    await stranger.receive(fixture("26-untrusted-sender.eml"), { recipients: RCPT });
    expect(stranger.lines.join("\n")).not.toContain("TrustedMailDropped");
  });

  it("settles only verdict drops on a truncated SES header copy, and decides the rest on the stored mail", async () => {
    const raw = fixture("01-plain-ascii.eml");
    const h = harness();
    const event = h.register(sesReceive(raw, { recipients: RCPT, messageId: "trunc0001" })) as { Records: { ses: { mail: { headers: { name: string }[]; headersTruncated: boolean } } }[] };
    const mail = event.Records[0]!.ses.mail;
    mail.headersTruncated = true;
    mail.headers = mail.headers.slice(0, 3); // SES's copy lost From and its own results
    await expect(h.handle(event)).resolves.toMatchObject({ action: "page", reason: "TRUSTED_SENDER" });
    expect(h.reads).toEqual(["black-friday-2026/trunc0001"]);
  });

  it("runs the ARC verifier only for mail that names a declared relay", async () => {
    const calls: number[] = [];
    const arcVerifier = { verify: async () => (calls.push(1), { status: "fail" as const, detail: "stub" }) };
    const relayConfig = { ...testConfig, trustedSenders: { ...testConfig.trustedSenders, relays: [{ address: "emergency@platform.example", sealer: "google.com" }] } };
    const h = harness({ arcVerifier, config: relayConfig });
    await h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT });
    expect(calls).toHaveLength(0);
    const viaGroup = Buffer.from(fixture("01-plain-ascii.eml").toString("latin1").replace(/^From: .*$/m, "From: 'Jane' via Emergency <emergency@platform.example>\r\nX-Original-Sender: cto@acme-shop.example"), "latin1");
    await expect(h.receive(viaGroup, { recipients: RCPT, mailFrom: "emergency+bnc@platform.example" })).resolves.toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED", claimsTrusted: true });
    expect(calls).toHaveLength(1);
  });

  it("takes the delivery deadline from the Lambda context after the integration URL is read (a slow SSM read eats into it)", async () => {
    let clock = 0;
    const deadlineAt = 20_000; // the Lambda times out 20 s after the invocation started
    const attempts: number[] = [];
    const h = harness({
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
      random: () => 1,
      integrationUrl: async () => ((clock += 15_000), "https://oncall.example/integrations/v1/webhook/T/"), // SSM answers after 15 s
      poster: { post: async () => (attempts.push(clock), (clock += 100), { status: 503, retryAfter: null }) },
    });
    const event = h.register(sesReceive(fixture("01-plain-ascii.eml"), { recipients: RCPT }));
    await expect(h.handle(event, { getRemainingTimeInMillis: () => deadlineAt - clock })).rejects.toMatchObject({ name: "DeliveryError" });
    // No attempt starts within the 3 s margin before the timeout, counted from after the URL read.
    expect(attempts.length).toBeGreaterThan(0);
    for (const t of attempts) expect(t).toBeLessThanOrEqual(deadlineAt - 3000);
  });

  describe("permanent delivery failures are dead-lettered by the handler itself", () => {
    function withQueue(status: number, send?: () => Promise<void>) {
      const sent: DeadLetterRecord[] = [];
      const calls: number[] = [];
      const h = harness({
        poster: { post: async () => (calls.push(1), { status, retryAfter: null }) },
        deadLetters: { send: send ?? (async (r) => void sent.push(r)) },
        now: () => Date.parse("2026-11-27T15:00:03Z"),
        random: () => 0,
      });
      return { h, sent, calls };
    }

    it("403: one attempt, one dead letter with the SES event and the failure, no throw, ERROR log and PermanentFailures", async () => {
      const { h, sent, calls } = withQueue(403);
      const event = h.register(sesReceive(fixture("01-plain-ascii.eml"), { recipients: RCPT, messageId: "perm0001" }));
      const out = await h.handle(event, { awsRequestId: "req-1" });
      expect(out).toMatchObject({ action: "dead-lettered", reason: "PERMANENT_DELIVERY_FAILURE", status: 403, attempts: 1, messageId: "perm0001" });
      expect(calls).toHaveLength(1);
      expect(sent).toHaveLength(1);
      const record = sent[0]!;
      expect(record.requestPayload).toEqual(event);
      expect(record.requestContext).toEqual({ requestId: "req-1", condition: "PermanentDeliveryFailure" });
      expect(record.failure).toEqual({
        kind: "permanent",
        status: 403,
        attempts: 1,
        reason: expect.stringContaining("re-apply the event stack"),
        alertUid: (out as { alertUid: string }).alertUid,
        messageId: "perm0001",
        at: "2026-11-27T15:00:03.000Z",
      });
      const lines = h.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", message: "alert delivery failed permanently; event dead-lettered", status: 403, messageId: "perm0001" }));
      expect(lines).toContainEqual(expect.objectContaining({ PermanentFailures: 1, Event: testConfig.slug }));
      expect(h.lines.join("\n")).not.toContain("DeliveryFailures");
      expect(h.lines.join("\n")).not.toContain("TOKEN123");
    });

    it.each([400, 401, 404, 410, 413, 422])("%i is permanent too", async (status) => {
      const { h, sent } = withQueue(status);
      await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).resolves.toMatchObject({ action: "dead-lettered", status });
      expect(sent).toHaveLength(1);
    });

    it.each([503, 429, 408])("%i is transient: retried, then thrown as before, nothing dead-lettered by the handler", async (status) => {
      const { h, sent, calls } = withQueue(status);
      await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).rejects.toMatchObject({ name: "DeliveryError", kind: "exhausted", lastStatus: status });
      expect(calls).toHaveLength(5);
      expect(sent).toHaveLength(0);
      expect(h.lines.some((l) => l.includes('"DeliveryFailures":1'))).toBe(true);
    });

    it("a failed SQS send throws, so Lambda's retries and on-failure destination still hold the event", async () => {
      const denied = Object.assign(new Error("not authorized to sqs:SendMessage"), { name: "AccessDenied" });
      const { h } = withQueue(403, async () => Promise.reject(denied));
      await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).rejects.toBe(denied);
      expect(h.lines.some((l) => l.includes("dead-letter send failed"))).toBe(true);
      expect(h.lines.join("\n")).not.toContain("PermanentFailures");
    });

    it("without a dead-letter sink a permanent failure throws like before (Lambda's path)", async () => {
      const h = harness({ poster: { post: async () => ({ status: 403, retryAfter: null }) } });
      await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).rejects.toMatchObject({ name: "DeliveryError", kind: "rejected", lastStatus: 403 });
    });
  });

  it("posts the notify lane to its own integration (its own rate budget) and pages to the paging one", async () => {
    const urls: string[] = [];
    const h = harness({
      integrationUrl: async () => "https://oncall.example/integrations/v1/webhook/PAGE/",
      notifyIntegrationUrl: async () => "https://oncall.example/integrations/v1/webhook/NOTIFY/",
      poster: { post: async (url) => (urls.push(url), { status: 200, retryAfter: null }) },
    });
    await expect(h.receive(fixture("01-plain-ascii.eml"), { recipients: RCPT })).resolves.toMatchObject({ action: "page" });
    await expect(h.receive(fixture("33-gray-unverified.eml"), { recipients: RCPT, verdicts: { spf: "GRAY", dkim: "GRAY", dmarc: "GRAY" } })).resolves.toMatchObject({ action: "notify" });
    expect(urls).toEqual(["https://oncall.example/integrations/v1/webhook/PAGE/", "https://oncall.example/integrations/v1/webhook/NOTIFY/"]);
    // Without a notify integration, the notify lane falls back to the paging integration (nothing is lost).
    const fallback: string[] = [];
    const h2 = harness({ poster: { post: async (url) => (fallback.push(url), { status: 200, retryAfter: null }) } });
    await h2.receive(fixture("33-gray-unverified.eml"), { recipients: RCPT, verdicts: { spf: "GRAY", dkim: "GRAY", dmarc: "GRAY" } });
    expect(fallback).toEqual(["https://oncall.example/integrations/v1/webhook/TOKEN123/"]);
  });
});
