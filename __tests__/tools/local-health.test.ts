import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pipelineAlarmSpecs } from "../../lib/aws/pipeline-alarms";
import { alarmMessage, localAlarmSpecs, snsNotification, startLocalHealth } from "../../tools/lib/local-health";
import { manualScheduler } from "../e2e/support/sinks";

describe("local health emulation (alarms → SNS → local subscribers)", () => {
  let dir: string;
  const logs: string[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-health-unit-"));
    logs.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const health = (over = {}) =>
    startLocalHealth({ events: [{ slug: "bf", region: "eu-west-1" }, { slug: "bf-2", region: "eu-west-1" }], deadLetterDir: dir, now: () => new Date("2026-11-27T15:05:00Z"), log: (l) => logs.push(l), scheduler: manualScheduler(), ...over });

  it("watches every deployed alarm of the event, plus delivery and permanent failures, once each", () => {
    const specs = localAlarmSpecs("bf");
    const deployed = pipelineAlarmSpecs("local-bf", "local-bf-dlq", "bf");
    expect(specs.slice(0, deployed.length)).toEqual(deployed);
    expect(specs.map((s) => s.metricName)).toEqual(expect.arrayContaining(["Errors", "ApproximateNumberOfMessagesVisible", "TrustedMailDropped", "DeliveryFailures", "PermanentFailures"]));
    expect(new Set(specs.map((s) => `${s.namespace}/${s.metricName}`)).size).toBe(specs.length);
  });

  it("goes to ALARM on a datapoint ≥ 1 in the period and back to OK on a period without data, per event", async () => {
    const h = health();
    h.record("bf", "EmailToOncall", "TrustedMailDropped");
    const first = await h.evaluate();
    expect(first.map((n) => n.subject)).toEqual(['ALARM: "local-bf-trusted-mail-dropped" in eu-west-1']);
    expect(first[0]!.deliveries).toEqual([]); // no subscribers: logged only
    expect(h.states()["local-bf-2-trusted-mail-dropped"]).toBe("OK");
    expect((await h.evaluate()).map((n) => n.subject)).toEqual(['OK: "local-bf-trusted-mail-dropped" in eu-west-1']);
    expect(await h.evaluate()).toEqual([]);
    expect(logs.filter((l) => l.includes('"health alarm state changed"')).map((l) => JSON.parse(l).to)).toEqual(["ALARM", "OK"]);
    await h.stop();
  });

  it("counts each event's own dead letters (bf's files are not bf-2's) and reminds with the dlq-reminder's words", async () => {
    fs.writeFileSync(path.join(dir, "bf-2-0123abcd.json"), "{}");
    fs.writeFileSync(path.join(dir, "bf-2-4567abcd.json"), "{}");
    fs.writeFileSync(path.join(dir, "notes.txt"), "");
    const h = health();
    const raised = await h.evaluate();
    expect(raised.map((n) => n.subject)).toEqual(['ALARM: "local-bf-2-dead-letter-queue-not-empty" in eu-west-1']);
    expect(JSON.parse(raised[0]!.message)).toMatchObject({ NewStateValue: "ALARM", Trigger: { Statistic: "MAXIMUM", Dimensions: [{ name: "QueueName", value: "local-bf-2-dlq" }] } });
    const reminders = await h.remind();
    expect(reminders.map((n) => [n.slug, n.subject])).toEqual([["bf-2", "email-to-oncall bf-2: 2 mails are stuck in the dead-letter queue"]]);
    expect(reminders[0]!.message).toContain("2 mails are stuck in local-bf-2-dlq (event bf-2) at 2026-11-27T15:05:00.000Z");
    await h.stop();
  });

  it("schedules one evaluation period and each event's reminder interval; 0 turns reminders off", async () => {
    const scheduler = manualScheduler();
    const h = health({ scheduler, periodMs: 10_000, remindEveryMs: { bf: 0, "bf-2": 300_000 } });
    expect(scheduler.scheduled).toEqual([10_000, 300_000]);
    await h.stop();
  });

  it.each([
    [{ smtp: [{ host: "mail.example.com", port: 25 }] }, /only talks to 127\.0\.0\.1.*mail\.example\.com/],
    [{ urls: ["https://events.pagerduty.com/x"] }, /only talks to 127\.0\.0\.1.*events\.pagerduty\.com/],
    [{ urls: ["ftp://127.0.0.1/x"] }, /http:\/\/ or https:\/\/ only/],
  ])("refuses a target that is not local: %j", (targets, message) => {
    expect(() => health(targets)).toThrow(message);
  });

  it("shapes the HTTP body like SNS's notification of a CloudWatch alarm", () => {
    const spec = localAlarmSpecs("bf").find((s) => s.suffix === "errors")!;
    const at = new Date("2026-11-27T15:05:00Z");
    const m = alarmMessage(spec, "bf", "eu-west-1", "OK", "ALARM", 3, 300, at);
    expect(m).toMatchObject({ AlarmName: "local-bf-errors", AlarmDescription: spec.runbook, NewStateValue: "ALARM", OldStateValue: "OK", StateChangeTime: "2026-11-27T15:05:00.000Z", Trigger: { MetricName: "Errors", Namespace: "AWS/Lambda", Statistic: "SUM", Period: 300, Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", TreatMissingData: "notBreaching" } });
    expect(String(m.NewStateReason)).toContain("[3.0 (2026-11-27T15:05:00.000Z)]");
    const n = snsNotification("arn:aws:sns:eu-west-1:000000000000:t", "ALARM: x", JSON.stringify(m), at, "id-1");
    expect(n).toMatchObject({ Type: "Notification", MessageId: "id-1", TopicArn: "arn:aws:sns:eu-west-1:000000000000:t", Subject: "ALARM: x", Timestamp: "2026-11-27T15:05:00.000Z", SignatureVersion: "1" });
    expect(JSON.parse(n.Message!)).toEqual(m);
  });
});
