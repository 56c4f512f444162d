import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import nodemailer from "nodemailer";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { startLocal, LocalOptions, LocalServer } from "../../tools/lib/local-server";
import { deadLettersFrom } from "../../tools/replay/dlq";
import { testConfig } from "../functions/support/config";

/** Stand-in for the OnCall integration: answers from a script, records every request. */
class FakeOnCall {
  readonly requests: { payload: AlertPayload; path: string }[] = [];
  private script: ((res: http.ServerResponse) => void)[] = [];
  private readonly hanging: http.ServerResponse[] = [];
  private server?: http.Server;
  url = "";

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.requests.push({ payload: JSON.parse(Buffer.concat(chunks).toString("utf8")), path: req.url ?? "" });
        (this.script.shift() ?? ((r) => r.writeHead(200).end("Ok.")))(res);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/integrations/v1/webhook/T0KEN/`;
    return this;
  }
  respond(...steps: ((res: http.ServerResponse) => void)[]): void {
    this.script.push(...steps);
  }
  hang = (res: http.ServerResponse) => void this.hanging.push(res);
  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

const status = (code: number, headers: Record<string, string> = {}) => (res: http.ServerResponse) => res.writeHead(code, headers).end();
const fixture = (f: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", f));
const EVENT_ADDRESS = testConfig.addresses[0]!;

describe("local pipeline end to end (SMTP → stored mail → SES event → handler → HTTP)", () => {
  let oncall: FakeOnCall;
  let local: LocalServer | undefined;
  let mailDir: string;
  let sleeps: number[];
  const logs: string[] = [];

  async function start(over: Partial<LocalOptions> = {}) {
    local = await startLocal({
      configs: [testConfig],
      mailDir,
      oncallUrl: oncall.url,
      lambdaRetryDelaysMs: [5, 5],
      retryPolicy: { timeoutMs: 300, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5000 },
      // Waits are recorded, then shortened: tests stay fast and still see what would be waited.
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((r) => setTimeout(r, Math.min(ms, 5)));
      },
      log: (l) => logs.push(l),
      clock: () => new Date("2026-11-27T15:00:00Z"),
      ...over,
    });
    return local;
  }

  async function send(raw: Buffer, to = EVENT_ADDRESS, from = "cto@acme-shop.example") {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: local!.smtpPort, secure: false, ignoreTLS: true });
    try {
      return await transport.sendMail({ envelope: { from, to: [to] }, raw });
    } finally {
      transport.close();
    }
  }

  beforeEach(async () => {
    oncall = await new FakeOnCall().start();
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-local-"));
    sleeps = [];
    logs.length = 0;
  });
  afterEach(async () => {
    await local?.close();
    local = undefined;
    await oncall.stop();
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  it("delivers the expected payload for a mail sent over SMTP, and stores the raw mail like the S3 action", async () => {
    await start();
    const info = await send(fixture("02-qp-latin1.eml"), EVENT_ADDRESS, "joerg@ops.acme-shop.example");
    expect(info.accepted).toEqual([EVENT_ADDRESS]);
    await local!.idle();
    expect(oncall.requests).toHaveLength(1);
    const p = oncall.requests[0]!.payload;
    expect(p).toMatchObject({ version: 1, title: "Preise für Größe XL falsch — Jörg Müller (Acme Shop)", recipients: [EVENT_ADDRESS], state: "alerting" });
    expect(p.message).toContain("Grüße aus München");
    expect(oncall.requests[0]!.path).toBe("/integrations/v1/webhook/T0KEN/");
    const inv = local!.invocations[0]!;
    // Stored like SES's S3 action: SES's own results on top, then the mail exactly as sent.
    const stored = fs.readFileSync(path.join(mailDir, testConfig.prefix, inv.messageId));
    expect(stored.subarray(stored.length - fixture("02-qp-latin1.eml").length)).toEqual(fixture("02-qp-latin1.eml"));
    expect(stored.toString("latin1")).toMatch(/^Return-Path: <[^>\r]*>\r\nReceived: [\s\S]*?\r\nX-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\nReceived-SPF: [^\r]*\r\nAuthentication-Results: amazonses\.com;\r\n/);
    expect(logs.join("\n")).not.toContain("T0KEN");
  });

  it("keeps a duplicate delivery and a reply in the thread's alert group", async () => {
    await start();
    await send(fixture("01-plain-ascii.eml"));
    await send(fixture("01-plain-ascii.eml"));
    await send(fixture("13-reply-gmail-quoted.eml"));
    await local!.idle();
    expect(oncall.requests).toHaveLength(3);
    expect(new Set(oncall.requests.map((r) => r.payload.alert_uid)).size).toBe(1);
    expect(new Set(local!.invocations.map((i) => i.messageId)).size).toBe(3);
  });

  it("rejects recipients no event owns at RCPT TO", async () => {
    await start();
    await expect(send(fixture("01-plain-ascii.eml"), "nobody@oncall.example.com")).rejects.toMatchObject({ responseCode: 550 });
    expect(oncall.requests).toHaveLength(0);
  });

  it("drops an untrusted sender without posting", async () => {
    await start();
    await send(fixture("26-untrusted-sender.eml"), EVENT_ADDRESS, "someone@freemail.example");
    await local!.idle();
    expect(oncall.requests).toHaveLength(0);
    expect(local!.invocations[0]!.result).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  it("retries a 500 and delivers one alert", async () => {
    oncall.respond(status(500), status(200));
    await start();
    await send(fixture("01-plain-ascii.eml"));
    await local!.idle();
    expect(oncall.requests).toHaveLength(2);
    expect(oncall.requests[1]!.payload).toEqual(oncall.requests[0]!.payload);
    expect(local!.invocations[0]!.result).toMatchObject({ action: "page", attempts: 2 });
  });

  it("waits for Retry-After on 429 before retrying", async () => {
    oncall.respond(status(429, { "retry-after": "2" }), status(200));
    await start();
    await send(fixture("01-plain-ascii.eml"));
    await local!.idle();
    expect(oncall.requests).toHaveLength(2);
    expect(sleeps).toContain(2000);
    expect(local!.invocations[0]!.result).toMatchObject({ action: "page", attempts: 2 });
  });

  it("times out a hanging OnCall, fails the invocation so Lambda retries, then dead-letters the event", async () => {
    oncall.respond(...Array.from({ length: 9 }, () => oncall.hang));
    await start({ retryPolicy: { timeoutMs: 100, maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5000 } });
    await send(fixture("01-plain-ascii.eml"));
    await local!.idle();
    const inv = local!.invocations[0]!;
    expect(inv.result).toBe("dead-lettered");
    expect(inv.attempts).toHaveLength(3);
    expect(inv.attempts.every((a) => !a.ok && a.error.includes("DeliveryError") && a.error.includes("TimeoutError"))).toBe(true);
    expect(oncall.requests).toHaveLength(9);
    const dlq = JSON.parse(fs.readFileSync(path.join(mailDir, "_dead-letter", `${testConfig.slug}-${inv.messageId}.json`), "utf8"));
    expect(dlq.event.Records[0].ses.mail.messageId).toBe(inv.messageId);
  });

  it("fails (never silently drops) when OnCall is down", async () => {
    const downUrl = oncall.url;
    await oncall.stop();
    oncall = await new FakeOnCall().start();
    await start({ oncallUrl: downUrl });
    await send(fixture("01-plain-ascii.eml"));
    await local!.idle();
    const inv = local!.invocations[0]!;
    expect(inv.result).toBe("dead-lettered");
    expect(inv.attempts.map((a) => (a.ok ? "ok" : a.error))).toEqual(Array(3).fill(expect.stringContaining("ECONNREFUSED")));
    expect(logs.some((l) => l.includes('"DeliveryFailures":1'))).toBe(true);
    expect(fs.readdirSync(path.join(mailDir, "_dead-letter"))).toHaveLength(1);
  });

  it("dead-letters a mail OnCall refuses with 403 in one invocation, no retries, as a record replay reads", async () => {
    oncall.respond(status(403));
    await start();
    await send(fixture("01-plain-ascii.eml"));
    await local!.idle();
    const inv = local!.invocations[0]!;
    expect(inv.attempts).toHaveLength(1);
    expect(inv.result).toMatchObject({ action: "dead-lettered", status: 403, attempts: 1 });
    expect(oncall.requests).toHaveLength(1);
    expect(sleeps).toEqual([]); // neither the delivery backoff nor Lambda's retry pauses
    const files = fs.readdirSync(path.join(mailDir, "_dead-letter"));
    expect(files).toEqual([`${testConfig.slug}-${inv.messageId}.json`]);
    const record = JSON.parse(fs.readFileSync(path.join(mailDir, "_dead-letter", files[0]!), "utf8"));
    expect(record.failure).toMatchObject({ kind: "permanent", status: 403, attempts: 1, messageId: inv.messageId });
    expect(record.requestPayload.Records[0].ses.mail.messageId).toBe(inv.messageId);
    expect(deadLettersFrom(record)).toEqual([expect.objectContaining({ messageId: inv.messageId, condition: "PermanentDeliveryFailure" })]);
    expect(logs.some((l) => l.includes('"PermanentFailures":1'))).toBe(true);
    expect(logs.join("\n")).not.toContain("T0KEN");
  });

  it("prints alerts through the built-in sink when no URL is configured", async () => {
    const printed: string[] = [];
    await start({ oncallUrl: undefined, print: (s) => printed.push(s) });
    expect(local!.sinkUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await send(fixture("07-html-only.eml"));
    await local!.idle();
    expect(printed.join("")).toContain("Search broken — cto@acme-shop.example (Acme Shop)");
  });
});
