import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { deadLetterRecord } from "../../functions/mail-to-alert/dead-letter";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { eventRuntimeConfigs } from "../../tools/lib/event-config";
import { sesEventFor } from "../../tools/lib/ses-stand-in";
import { parseReplayArgs, replay, runReplay } from "../../tools/replay";
import { deadLettersFrom } from "../../tools/replay/dlq";
import { verdictsFromStoredMail } from "../../tools/replay/verdicts";

const ROOT = path.join(__dirname, "..", "..");
const EVENTS = path.join(ROOT, "events");
const config = eventRuntimeConfigs(EVENTS).find((c) => c.slug === "black-friday-2026")!;

/** A mail as SES stores it in S3: its own Authentication-Results and verdict headers on top. */
function storedMail(opts: { messageIdHeader?: string; auth?: string; sesHeaders?: boolean; subject?: string } = {}): Buffer {
  const lines = [
    ...(opts.sesHeaders === false ? [] : [
      "Return-Path: <cto@acme-shop.example>",
      `Authentication-Results: amazonses.com;\r\n spf=pass (spfCheck: domain of acme-shop.example designates 192.0.2.1 as permitted sender) smtp.mailfrom=cto@acme-shop.example;\r\n ${opts.auth ?? "dkim=pass header.i=@acme-shop.example;\r\n dmarc=pass header.from=acme-shop.example;"}`,
      "X-SES-Spam-Verdict: PASS",
      "X-SES-Virus-Verdict: PASS",
    ]),
    "From: CTO <cto@acme-shop.example>",
    "To: black-friday-2026@oncall.example.com",
    `Subject: ${opts.subject ?? "Checkout is down"}`,
    "Date: Fri, 27 Nov 2026 14:00:00 +0000",
    ...(opts.messageIdHeader ? [`Message-ID: ${opts.messageIdHeader}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Payments fail since 13:55 UTC.",
    "",
  ];
  return Buffer.from(lines.join("\r\n"));
}

/** The normal path: SES event -> the Lambda's handler -> the alert it would post. */
async function normalPath(raw: Buffer, sesId: string, verdicts = {}): Promise<AlertPayload> {
  const sent: AlertPayload[] = [];
  const handle = createHandler({
    config,
    integrationUrl: async () => "http://normal.invalid/",
    mailSource: { get: async () => raw },
    poster: { post: async (_u, p) => (sent.push(p), { status: 200, retryAfter: null }) },
    log: jsonLogger(config.slug, () => undefined),
  });
  const outcome = await handle(sesEventFor(raw, { recipients: [config.addresses[0]!], messageId: sesId, verdicts }));
  expect(outcome.action).toBe("page");
  return sent[0]!;
}

interface Sink {
  url: string;
  received: AlertPayload[];
  close: () => Promise<void>;
}

async function startSink(status = 200): Promise<Sink> {
  const received: AlertPayload[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as AlertPayload);
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "Ok." : "no");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/integrations/v1/webhook/test/`, received, close: () => new Promise((r) => server.close(() => r())) };
}

describe("replay", () => {
  let dir: string;
  let sink: Sink;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "replay-"));
    sink = await startSink();
  });
  afterEach(async () => {
    await sink.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const store = (id: string, raw: Buffer) => {
    fs.mkdirSync(path.join(dir, config.prefix), { recursive: true });
    fs.writeFileSync(path.join(dir, config.prefix, id), raw);
  };
  const quiet = { write: () => undefined };

  test("a stored mail is re-delivered with the grouping key of the normal path (same alert group)", async () => {
    const raw = storedMail({ messageIdHeader: "<incident-1@acme-shop.example>" });
    store("0000abc123", raw);
    const original = await normalPath(raw, "0000abc123");
    const [r] = await replay(parseReplayArgs(["--event", "black-friday-2026", "--message-id", "0000abc123", "--mail-dir", dir, "--oncall-url", sink.url, "--config-dir", EVENTS]), quiet);
    expect(r!.error).toBeUndefined();
    expect(r!.outcome).toMatchObject({ action: "page", alertUid: original.alert_uid });
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.alert_uid).toBe(original.alert_uid);
    expect(sink.received[0]!.title).toBe(original.title);
    expect(sink.received[0]!.auth.verified).toBe(true);
  });

  test("without a Message-ID header the key falls back to the SES id, which the replay keeps", async () => {
    const raw = storedMail();
    store("0000nomsgid", raw);
    const original = await normalPath(raw, "0000nomsgid");
    await replay(parseReplayArgs(["--event", "black-friday-2026", "--message-id", "0000nomsgid", "--mail-dir", dir, "--oncall-url", sink.url, "--config-dir", EVENTS]), quiet);
    expect(sink.received[0]!.alert_uid).toBe(original.alert_uid);
    const other = await normalPath(raw, "0000different");
    expect(other.alert_uid).not.toBe(original.alert_uid);
  });

  test("the mail is judged as SES judged it: a DMARC failure stays dropped, a forged result does not count", async () => {
    store("0000spoof", storedMail({ auth: "dkim=fail header.i=@evil.example;\r\n dmarc=fail header.from=acme-shop.example;" }));
    const [r] = await replay(parseReplayArgs(["--event", "black-friday-2026", "--message-id", "0000spoof", "--mail-dir", dir, "--oncall-url", sink.url, "--config-dir", EVENTS]), quiet);
    expect(r!.outcome?.action).toBe("drop");
    expect(sink.received).toHaveLength(0);

    const forged = Buffer.concat([Buffer.from("Authentication-Results: evil.example; spf=pass; dkim=pass; dmarc=pass\r\n"), storedMail({ sesHeaders: false })]);
    expect(verdictsFromStoredMail(forged)).toEqual({ spf: "GRAY", dkim: "GRAY", dmarc: "GRAY", spam: "GRAY", virus: "GRAY" });
  });

  test("verdicts are read from the SES headers of the stored copy", () => {
    expect(verdictsFromStoredMail(storedMail())).toEqual({ spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" });
    expect(verdictsFromStoredMail(storedMail({ auth: "dkim=temperror;\r\n dmarc=softfail;" }))).toMatchObject({ dkim: "PROCESSING_FAILED", dmarc: "GRAY" });
  });

  test("from the dead-letter queue: the original SES event (verdicts, recipients) is replayed; the event is found from the recipient", async () => {
    const raw = storedMail({ messageIdHeader: "<incident-2@acme-shop.example>" });
    store("0000dlq1", raw);
    const original = await normalPath(raw, "0000dlq1", { dmarc: "GRAY" });
    const sesEvent = sesEventFor(raw, { recipients: [config.addresses[0]!], messageId: "0000dlq1", verdicts: { dmarc: "GRAY" } });
    const record = { version: "1.0", requestContext: { condition: "RetriesExhausted", approximateInvokeCount: 3 }, requestPayload: sesEvent, responsePayload: { errorType: "DeliveryError" } };
    const file = path.join(dir, "dlq.json");
    fs.writeFileSync(file, JSON.stringify({ Messages: [{ MessageId: "sqs-1", ReceiptHandle: "rh-1", Body: JSON.stringify(record) }] }));
    const [r] = await replay(parseReplayArgs(["--dlq-file", file, "--mail-dir", dir, "--oncall-url", sink.url, "--config-dir", EVENTS]), quiet);
    expect(r!.outcome).toMatchObject({ action: "page", alertUid: original.alert_uid });
    // The stored copy says dmarc=pass; the original event said GRAY, and the original event wins.
    expect(sink.received[0]!.auth.dmarc).toBe("GRAY");
    expect(sink.received[0]!.auth).toEqual(original.auth);
    expect(sink.received[0]!.markers).toEqual(original.markers);
  });

  test("the function's own dead letter (permanent failure) replays from its raw mail, once the cause is fixed", async () => {
    const raw = storedMail({ messageIdHeader: "<incident-403@acme-shop.example>" });
    store("0000perm", raw);
    const original = await normalPath(raw, "0000perm");
    const sesEvent = sesEventFor(raw, { recipients: [config.addresses[0]!], messageId: "0000perm" });
    const record = deadLetterRecord(sesEvent, { status: 403, attempts: 1, alertUid: original.alert_uid, messageId: "0000perm", at: "2026-11-27T15:00:00.000Z" }, "req-1");
    const file = path.join(dir, "dlq.json");
    fs.writeFileSync(file, JSON.stringify({ Messages: [{ MessageId: "sqs-2", ReceiptHandle: "rh-2", Body: JSON.stringify(record) }] }));
    let out = "";
    const code = await runReplay(["--dlq-file", file, "--mail-dir", dir, "--oncall-url", sink.url, "--config-dir", EVENTS], { out: (s) => (out += s), err: () => undefined, env: {} });
    expect(code).toBe(0);
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]!.alert_uid).toBe(original.alert_uid);
    expect(sink.received[0]!.message).toContain("Payments fail since 13:55 UTC.");
    expect(JSON.parse(out.trim())).toMatchObject({ messageId: "0000perm", action: "page", sent: true, deadLetteredBecause: expect.stringContaining("re-apply the event stack") });
  });

  test("a permanent failure during a replay is reported plainly: which mail, which status, what to fix; nothing is queued", async () => {
    const forbidden = await startSink(403);
    try {
      store("0000forb", storedMail());
      let out = "";
      let err = "";
      const code = await runReplay(["--event", "black-friday-2026", "--message-id", "0000forb", "--mail-dir", dir, "--oncall-url", forbidden.url, "--config-dir", EVENTS], { out: (s) => (out += s), err: (s) => (err += s), env: {} });
      expect(code).toBe(1);
      expect(forbidden.received).toHaveLength(1);
      expect(JSON.parse(out.trim())).toMatchObject({ messageId: "0000forb", action: "failed", permanent: true, status: 403, fix: expect.stringContaining("integration URL is wrong or the integration was deleted") });
      expect(err).toContain("permanent failure: mail 0000forb: OnCall answered HTTP 403.");
      expect(out + err).not.toContain(forbidden.url);
    } finally {
      await forbidden.close();
    }
  });

  test("dead-letter inputs: an SQS message, a bare record; anything else is refused", () => {
    const ev = sesEventFor(storedMail(), { recipients: ["x@y.example"], messageId: "m1" });
    expect(deadLettersFrom({ Body: JSON.stringify({ requestPayload: ev }), ReceiptHandle: "h" })).toEqual([{ event: ev, messageId: "m1", receiptHandle: "h", condition: undefined }]);
    expect(deadLettersFrom({ requestPayload: ev, requestContext: { condition: "EventAgeExceeded" } })[0]!.condition).toBe("EventAgeExceeded");
    expect(() => deadLettersFrom({ hello: 1 })).toThrow(/requestPayload/);
  });

  test("a missing mail and a rejecting endpoint are reported as failures, not silently skipped", async () => {
    const [missing] = await replay(parseReplayArgs(["--event", "black-friday-2026", "--message-id", "0000nothere", "--mail-dir", dir, "--oncall-url", sink.url, "--config-dir", EVENTS]), quiet);
    expect(missing!.error).toMatch(/ENOENT/);
    const rejecting = await startSink(400);
    try {
      store("0000rej", storedMail());
      const [r] = await replay(parseReplayArgs(["--event", "black-friday-2026", "--message-id", "0000rej", "--mail-dir", dir, "--oncall-url", rejecting.url, "--config-dir", EVENTS]), quiet);
      expect(r!.error).toBeDefined();
      expect(r!.error).not.toContain(rejecting.url);
    } finally {
      await rejecting.close();
    }
  });

  test("arguments: exactly one mail source, a plausible message id", () => {
    expect(() => parseReplayArgs(["--event", "x"])).toThrow(/exactly one/);
    expect(() => parseReplayArgs(["--message-id", "a", "--dlq-file", "f"])).toThrow(/exactly one/);
    expect(() => parseReplayArgs(["--message-id", "../../etc/passwd"])).toThrow(/SES message id/);
    expect(parseReplayArgs(["--file", "m.eml"], { ONCALL_URL: "http://127.0.0.1:1/" }).oncallUrl).toBe("http://127.0.0.1:1/");
  });

  test("the npm script prints one JSON line per mail and exits non-zero on failure", () => {
    store("0000cli", storedMail({ messageIdHeader: "<cli@acme-shop.example>" }));
    const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
    const ok = spawnSync(process.execPath, [tsx, "tools/replay.ts", "--event", "black-friday-2026", "--message-id", "0000cli", "--mail-dir", dir, "--dry-run"], { cwd: ROOT, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout.trim())).toMatchObject({ messageId: "0000cli", action: "page", dryRun: true, sent: false });
    const bad = spawnSync(process.execPath, [tsx, "tools/replay.ts", "--event", "black-friday-2026", "--message-id", "0000absent", "--mail-dir", dir, "--dry-run"], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout.trim())).toMatchObject({ action: "failed" });
  });

  test("a dry run says what it would have done: no 'alert delivered', no metrics, where it would post", async () => {
    store("0000dry", storedMail({ messageIdHeader: "<dry@acme-shop.example>" }));
    const logs: string[] = [];
    let out = "";
    const code = await runReplay(["--event", "black-friday-2026", "--message-id", "0000dry", "--mail-dir", dir, "--config-dir", EVENTS, "--dry-run"], { out: (s) => (out += s), err: (s) => logs.push(s), env: {} });
    expect(code).toBe(0);
    expect(sink.received).toHaveLength(0);
    const lines = logs.join("").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.message)).not.toContain("alert delivered");
    expect(lines.some((l) => "_aws" in l)).toBe(false);
    const param = "/email-to-oncall/black-friday-2026/oncall-integration-url";
    expect(lines.find((l) => l.message === "dry run: alert not sent")).toMatchObject({ wouldPostTo: `the OnCall URL in SSM parameter ${param} (eu-west-1)`, markers: [] });
    const result = JSON.parse(out.trim());
    expect(result).toMatchObject({ action: "page", dryRun: true, sent: false, wouldPostTo: expect.stringContaining(param), title: "Checkout is down — CTO (Acme Shop)" });
    expect(result).not.toHaveProperty("attempts");
    // Without --dry-run the same mail is posted, counted and logged as delivered.
    logs.length = 0;
    out = "";
    expect(await runReplay(["--event", "black-friday-2026", "--message-id", "0000dry", "--mail-dir", dir, "--config-dir", EVENTS, "--oncall-url", sink.url], { out: (s) => (out += s), err: (s) => logs.push(s), env: {} })).toBe(0);
    expect(sink.received).toHaveLength(1);
    expect(logs.join("")).toContain('"message":"alert delivered"');
    expect(JSON.parse(out.trim())).toMatchObject({ sent: true, postedTo: "the OnCall URL given (--oncall-url / ONCALL_URL)", attempts: 1 });
    expect(out + logs.join("")).not.toContain(sink.url);
  });

  test("without --event, a --file mail goes to the event its To/Cc names; --events-dir still works, with a warning", async () => {
    const two = path.join(dir, "config");
    fs.mkdirSync(two);
    for (const f of fs.readdirSync(EVENTS)) fs.copyFileSync(path.join(EVENTS, f), path.join(two, f));
    fs.cpSync(path.join(EVENTS, "..", "customers"), path.join(two, "customers"), { recursive: true });
    const bf = fs.readFileSync(path.join(EVENTS, "black-friday-2026.yaml"), "utf8");
    // Globex has an alias: one event at a time may serve it.
    const cyber = bf.replace("slug: black-friday-2026", "slug: cyber-monday-2026").replace("  - black-friday-2026\n", "  - cyber-monday-2026\n").replace("customers: [acme-shop, globex]", "customers: [acme-shop]");
    fs.writeFileSync(path.join(two, "cyber-monday-2026.yaml"), cyber);
    const file = path.join(dir, "m.eml");
    fs.writeFileSync(file, storedMail().toString().replace("To: black-friday-2026@", "To: cyber-monday-2026@"));
    let err = "";
    let out = "";
    expect(await runReplay(["--file", file, "--events-dir", two, "--dry-run"], { out: (s) => (out += s), err: (s) => (err += s), env: {} })).toBe(0);
    expect(err).toContain("warning: --events-dir is deprecated; use --config-dir");
    expect(JSON.parse(out.trim())).toMatchObject({ messageId: "m", action: "page", dryRun: true, wouldPostTo: expect.stringContaining("/cyber-monday-2026/") });
  });
});

