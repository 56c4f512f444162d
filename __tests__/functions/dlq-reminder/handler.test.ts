import { createReminderHandler } from "../../../functions/dlq-reminder/handler";
import { loadReminderSettings } from "../../../functions/dlq-reminder/contract";

function deps(stuck: number | Error) {
  const published: { subject: string; message: string }[] = [];
  const lines: string[] = [];
  const check = createReminderHandler({
    slug: "bf",
    queueUrl: "https://sqs.eu-west-1.amazonaws.com/123456789012/e2o-bf-dlq",
    depth: { stuck: () => (stuck instanceof Error ? Promise.reject(stuck) : Promise.resolve(stuck)) },
    publisher: { publish: async (subject, message) => void published.push({ subject, message }) },
    now: () => new Date("2026-11-27T15:30:00Z"),
    log: (l) => lines.push(l),
  });
  return { check, published, lines };
}

describe("dlq-reminder handler", () => {
  it("publishes nothing when the queue is empty", async () => {
    const d = deps(0);
    await expect(d.check()).resolves.toEqual({ stuck: 0, reminded: false });
    expect(d.published).toEqual([]);
    expect(JSON.parse(d.lines[0]!)).toMatchObject({ event: "bf", stuck: 0, reminded: false });
  });

  it("publishes exactly one reminder for 3 stuck mails", async () => {
    const d = deps(3);
    await expect(d.check()).resolves.toEqual({ stuck: 3, reminded: true });
    expect(d.published).toHaveLength(1);
    expect(d.published[0]!.message).toContain("3 mails are stuck in e2o-bf-dlq");
  });

  it("throws when the queue cannot be read, so EventBridge retries", async () => {
    await expect(deps(new Error("AccessDenied")).check()).rejects.toThrow("AccessDenied");
  });
});

describe("loadReminderSettings", () => {
  const env = { DEAD_LETTER_QUEUE_URL: "https://q", HEALTH_TOPIC_ARN: "arn:aws:sns:eu-west-1:1:t", EVENT_SLUG: "bf", AWS_REGION: "eu-west-1" };
  it("reads the three variables and the runtime's region", () => {
    expect(loadReminderSettings(env)).toEqual({ queueUrl: "https://q", topicArn: "arn:aws:sns:eu-west-1:1:t", slug: "bf", region: "eu-west-1" });
  });
  it("names a missing variable", () => {
    expect(() => loadReminderSettings({ ...env, HEALTH_TOPIC_ARN: undefined })).toThrow(/HEALTH_TOPIC_ARN is not set/);
  });
});
