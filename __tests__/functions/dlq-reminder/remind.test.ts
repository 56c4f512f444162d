import { queueNameOf, reminderFor } from "../../../functions/dlq-reminder/remind";

const base = { slug: "black-friday-2026", queueName: "email-to-oncall-black-friday-2026-dlq", checkedAt: "2026-11-27T15:30:00.000Z" };

describe("reminderFor", () => {
  it("says nothing for an empty queue (or a count that is not a whole positive number)", () => {
    expect(reminderFor({ ...base, stuck: 0 })).toBeUndefined();
    expect(reminderFor({ ...base, stuck: -1 })).toBeUndefined();
    expect(reminderFor({ ...base, stuck: Number.NaN })).toBeUndefined();
  });

  it("renders one message for 3 stuck mails: how many, where, when checked, and how to stop it", () => {
    const r = reminderFor({ ...base, stuck: 3 })!;
    expect(r.subject).toBe("email-to-oncall black-friday-2026: 3 mails are stuck in the dead-letter queue");
    expect(r.message).toContain("3 mails are stuck in email-to-oncall-black-friday-2026-dlq (event black-friday-2026) at 2026-11-27T15:30:00.000Z");
    expect(r.message).toContain("replay or purge to stop these reminders");
    expect(r.message).toContain("npm run replay -- --event black-friday-2026 --dlq-file dlq.json");
    expect(r.message).toContain("aws sqs purge-queue");
  });

  it("uses the singular for one mail", () => {
    expect(reminderFor({ ...base, stuck: 1 })!.subject).toContain(": 1 mail is stuck");
  });

  it("keeps the subject within what SNS accepts (ASCII, 100 characters)", () => {
    const r = reminderFor({ ...base, slug: "x".repeat(40) + "é", stuck: 123456 })!;
    expect(r.subject.length).toBeLessThanOrEqual(100);
    expect(r.subject).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("queueNameOf", () => {
  it("takes the URL's last segment", () => {
    expect(queueNameOf("https://sqs.eu-west-1.amazonaws.com/123456789012/e2o-bf-dlq")).toBe("e2o-bf-dlq");
    expect(queueNameOf("https://sqs.eu-west-1.amazonaws.com/123456789012/e2o-bf-dlq/")).toBe("e2o-bf-dlq");
  });
});
