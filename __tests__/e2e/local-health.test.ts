import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { LocalOptions, LocalServer, startLocal } from "../../tools/lib/local-server";
import { testConfig } from "../functions/support/config";
import { httpSink, manualScheduler, sendRaw, smtpSink, virtualClock } from "./support/sinks";

/**
 * The second channel through `npm run local`: OnCall fails, the health emulation's alarms reach a
 * local SMTP sink (the health e-mail contacts) and a local HTTP sink (a second paging service),
 * and the reminders repeat while the dead-letter folder holds mail. Time is virtual (support/sinks.ts):
 * the test closes evaluation periods and reminder checks itself.
 */
const EVENT = testConfig.addresses[0]!;
const SLUG = testConfig.slug;
const MAIL = `From: Jane <cto@acme-shop.example>\r\nTo: ${EVENT}\r\nSubject: Checkout is down\r\nMessage-ID: <down@acme-shop.example>\r\n\r\nPlease page.\r\n`;
const alarm = (suffix: string) => `local-${SLUG}-${suffix}`;

/** An OnCall that answers every request with `status` and counts them. */
async function failingOnCall(status: number): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits++;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/integrations/v1/webhook/T0KEN/`,
    hits: () => hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A URL nothing listens on: connection refused on every attempt. */
async function refusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/integrations/v1/webhook/T0KEN/`;
}

describe("pipeline health through npm run local (second channel, reminders)", () => {
  let mailDir: string;
  let local: LocalServer | undefined;
  let mailbox: Awaited<ReturnType<typeof smtpSink>>;
  let pager: Awaited<ReturnType<typeof httpSink>>;
  let closers: (() => Promise<void>)[];
  const logs: string[] = [];

  beforeEach(async () => {
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-health-"));
    mailbox = await smtpSink();
    pager = await httpSink();
    closers = [];
    logs.length = 0;
  });
  afterEach(async () => {
    await local?.close();
    local = undefined;
    for (const c of closers) await c();
    await mailbox.close();
    await pager.close();
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  async function start(oncallUrl: string, over: Partial<LocalOptions> = {}) {
    const clock = virtualClock();
    const scheduler = manualScheduler();
    local = await startLocal({
      configs: [testConfig],
      mailDir,
      oncallUrl,
      lambdaRetryDelaysMs: [60_000, 120_000],
      retryPolicy: { timeoutMs: 1000, maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 20_000 },
      sleep: clock.sleep,
      now: clock.now,
      log: (l) => logs.push(l),
      clock: () => new Date("2026-11-27T15:00:00Z"),
      health: { smtp: [{ host: "127.0.0.1", port: mailbox.port }], urls: [pager.url], emailTo: ["oncall-backup@platform.example"], periodMs: 300_000, remindEveryMs: 1_800_000, scheduler, sleep: clock.sleep },
      ...over,
    });
    return { local, scheduler };
  }

  const alarmsIn = (state: string) =>
    pager.posts
      .map((p) => JSON.parse(p.body.Message!) as { AlarmName: string; NewStateValue: string })
      .filter((m) => m.NewStateValue === state)
      .map((m) => m.AlarmName)
      .sort();

  it.each([
    ["connection refused", async () => ({ url: await refusedUrl(), hits: () => 0 })],
    ["503 every time", async () => {
      const down = await failingOnCall(503);
      closers.push(down.close);
      return down;
    }],
  ])("OnCall down for the whole run (%s): the mail is dead-lettered and the second channel hears the alarms, then their recovery", async (_name, oncall) => {
    const down = await oncall();
    const { local } = await start(down.url);
    await sendRaw(local.smtpPort, MAIL, EVENT);
    await local.idle();
    expect(local.invocations[0]!.result).toBe("dead-lettered");
    expect(down.hits()).toBe(_name === "connection refused" ? 0 : 9); // 3 invocations × 3 delivery attempts when it answers at all

    const raised = await local.health.evaluate();
    const expected = [alarm("dead-letter-queue-not-empty"), alarm("delivery-failures"), alarm("errors")];
    expect(raised.map((n) => n.subject).sort()).toEqual(expected.map((a) => `ALARM: "${a}" in eu-west-1`));
    expect(raised.every((n) => n.deliveries.length === 2 && n.deliveries.every((d) => d.ok))).toBe(true);
    // The e-mail contacts: one mail per alarm, to the configured addresses, saying what to do.
    expect(mailbox.mails.map((m) => m.subject).sort()).toEqual(expected.map((a) => `ALARM: "${a}" in eu-west-1`));
    expect(mailbox.mails.every((m) => m.to.join() === "oncall-backup@platform.example")).toBe(true);
    const dlqMail = mailbox.mails.find((m) => m.subject.includes("dead-letter-queue-not-empty"))!;
    expect(dlqMail.text).toContain("has entered the ALARM state");
    expect(dlqMail.text).toContain("A customer mail did not page after all retries");
    // The HTTP contact: an SNS notification whose Message is the CloudWatch alarm.
    expect(alarmsIn("ALARM")).toEqual(expected);
    const post = pager.posts.find((p) => p.body.Subject!.includes("dead-letter-queue-not-empty"))!;
    expect(post.headers["x-amz-sns-message-type"]).toBe("Notification");
    expect(post.body).toMatchObject({ Type: "Notification", TopicArn: `arn:aws:sns:eu-west-1:000000000000:local-${SLUG}-health` });
    expect(JSON.parse(post.body.Message!)).toMatchObject({
      NewStateValue: "ALARM",
      OldStateValue: "OK",
      Trigger: { Namespace: "AWS/SQS", MetricName: "ApproximateNumberOfMessagesVisible", Dimensions: [{ name: "QueueName", value: `local-${SLUG}-dlq` }], Threshold: 1 },
    });
    expect(JSON.stringify(pager.posts)).not.toContain("T0KEN");

    // Still stuck next period: no second notification (CloudWatch speaks on changes only)…
    mailbox.mails.length = 0;
    pager.posts.length = 0;
    expect((await local.health.evaluate()).map((n) => n.subject).sort()).toEqual([`OK: "${alarm("delivery-failures")}" in eu-west-1`, `OK: "${alarm("errors")}" in eu-west-1`]);
    expect(local.health.states()[alarm("dead-letter-queue-not-empty")]).toBe("ALARM");
    // …until the mail is handled and the folder emptied (replayed, then deleted).
    fs.rmSync(path.join(mailDir, "_dead-letter"), { recursive: true });
    expect((await local.health.evaluate()).map((n) => n.subject)).toEqual([`OK: "${alarm("dead-letter-queue-not-empty")}" in eu-west-1`]);
    expect(alarmsIn("OK")).toEqual(expected);
    expect(await local.health.evaluate()).toEqual([]);
  });

  it("a permanent 403 is dead-lettered in one invocation and reaches the second channel as a permanent failure, not as a function error", async () => {
    const refusing = await failingOnCall(403);
    closers.push(refusing.close);
    const { local } = await start(refusing.url);
    await sendRaw(local.smtpPort, MAIL, EVENT);
    await local.idle();
    expect(local.invocations[0]!).toMatchObject({ attempts: [expect.objectContaining({ ok: true })], result: { action: "dead-lettered", status: 403 } });
    expect(refusing.hits()).toBe(1);
    const raised = await local.health.evaluate();
    expect(raised.map((n) => JSON.parse(n.message).AlarmName).sort()).toEqual([alarm("dead-letter-queue-not-empty"), alarm("permanent-failures")]);
    expect(local.health.states()[alarm("errors")]).toBe("OK");
    expect(mailbox.mails).toHaveLength(2);
    expect(pager.posts).toHaveLength(2);
  });

  it("reminds at the configured interval while the dead-letter folder holds mail, and stops once it is emptied", async () => {
    const refusing = await failingOnCall(403);
    closers.push(refusing.close);
    const { local, scheduler } = await start(refusing.url);
    expect(scheduler.scheduled).toEqual([300_000, 1_800_000]); // one evaluation period, one reminder interval
    expect(await local.health.remind()).toEqual([]); // empty: nothing to say

    await sendRaw(local.smtpPort, MAIL, EVENT);
    await local.idle();
    const first = await local.health.remind();
    expect(first.map((n) => n.subject)).toEqual([`email-to-oncall ${SLUG}: 1 mail is stuck in the dead-letter queue`]);
    expect(first[0]!.message).toContain(`npm run replay -- --event ${SLUG}`);

    // A second dead letter while the alarm is already in ALARM: only the reminder tells anyone.
    await local.health.evaluate();
    await sendRaw(local.smtpPort, MAIL.replace("<down@", "<down-2@"), EVENT);
    await local.idle();
    expect(await local.health.evaluate()).toEqual(expect.not.arrayContaining([expect.objectContaining({ subject: expect.stringContaining("dead-letter-queue-not-empty") })]));
    expect((await local.health.remind()).map((n) => n.subject)).toEqual([`email-to-oncall ${SLUG}: 2 mails are stuck in the dead-letter queue`]);

    // One replayed and deleted, then the other purged: the reminders count down, then stop.
    const files = fs.readdirSync(path.join(mailDir, "_dead-letter")).sort();
    fs.rmSync(path.join(mailDir, "_dead-letter", files[0]!));
    expect((await local.health.remind()).map((n) => n.subject)).toEqual([`email-to-oncall ${SLUG}: 1 mail is stuck in the dead-letter queue`]);
    fs.rmSync(path.join(mailDir, "_dead-letter", files[1]!));
    expect(await local.health.remind()).toEqual([]);
    expect(await local.health.remind()).toEqual([]);

    const reminders = pager.posts.filter((p) => p.body.Subject!.includes("stuck"));
    expect(reminders.map((p) => p.body.Subject)).toEqual([1, 2, 1].map((n) => `email-to-oncall ${SLUG}: ${n === 1 ? "1 mail is" : "2 mails are"} stuck in the dead-letter queue`));
    expect(mailbox.mails.filter((m) => m.subject.includes("stuck"))).toHaveLength(3);
    expect(logs.filter((l) => l.includes('"dead-letter queue checked"')).map((l) => JSON.parse(l).stuck)).toEqual([0, 1, 2, 1, 0, 0]);
  });

  it("keeps going when a subscriber is down: the other still hears, and the miss is logged", async () => {
    const refusing = await failingOnCall(403);
    closers.push(refusing.close);
    await pager.close();
    const { local } = await start(refusing.url);
    await sendRaw(local.smtpPort, MAIL, EVENT);
    await local.idle();
    const raised = await local.health.evaluate();
    expect(raised).toHaveLength(2);
    for (const n of raised) expect(n.deliveries.map((d) => d.ok)).toEqual([true, false]);
    expect(mailbox.mails).toHaveLength(2);
    expect(logs.filter((l) => l.includes('"health notification not delivered"'))).toHaveLength(2);
    pager = await httpSink(); // for afterEach
  });
});
