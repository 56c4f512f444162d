import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { TerraformVariable } from "cdktf";
import { HealthContacts, PipelineAlarms, PipelineAlarmsProps } from "../../../lib";
import { ACCOUNT, child, numberVariable, ref, statements, stringVariable, synth, testStack } from "../support";

const PROPS: PipelineAlarmsProps = {
  topicName: "email-to-oncall-checkout-health",
  functionName: "email-to-oncall-checkout",
  deadLetterQueueName: "email-to-oncall-checkout-dlq",
  eventSlug: "checkout",
  accountId: ACCOUNT,
};

function build(props: Partial<PipelineAlarmsProps> = {}) {
  const stack = testStack();
  const alarms = new PipelineAlarms(stack, "alarms", { ...PROPS, ...props });
  return { stack, alarms, s: synth(stack) };
}

describe("PipelineAlarms", () => {
  describe("defaults", () => {
    const { alarms, s } = build();
    const topicArn = ref(alarms.topic, "arn");
    const all = () => alarms.alarms.map((a) => s.of(a));

    it("publishes to an SNS topic of the name given (not KMS-encrypted: CloudWatch must publish)", () => {
      expect(s.of(alarms.topic)).toEqual({ name: "email-to-oncall-checkout-health" });
    });

    it("lets only CloudWatch of this account publish to the topic", () => {
      const doc = child(alarms, "topic-policy-document", DataAwsIamPolicyDocument);
      expect(statements(s.of(doc))).toEqual([
        {
          sid: "CloudWatchAlarmsOfThisAccount",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }],
          actions: ["sns:Publish"],
          resources: [topicArn],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] }],
        },
      ]);
      expect(s.of(child(alarms, "topic-policy", SnsTopicPolicy))).toEqual({ arn: topicArn, policy: ref(doc, "json") });
    });

    it("raises an alarm for each way a mail may not have paged, in runbook order", () => {
      expect(all().map((a) => [a.alarm_name, a.namespace, a.metric_name, a.statistic, a.dimensions])).toEqual([
        ["email-to-oncall-checkout-errors", "AWS/Lambda", "Errors", "Sum", { FunctionName: "email-to-oncall-checkout" }],
        ["email-to-oncall-checkout-dead-letter-queue-not-empty", "AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum", { QueueName: "email-to-oncall-checkout-dlq" }],
        ["email-to-oncall-checkout-trusted-mail-dropped", "EmailToOncall", "TrustedMailDropped", "Sum", { Event: "checkout" }],
        ["email-to-oncall-checkout-throttles", "AWS/Lambda", "Throttles", "Sum", { FunctionName: "email-to-oncall-checkout" }],
        ["email-to-oncall-checkout-destination-delivery-failures", "AWS/Lambda", "DestinationDeliveryFailures", "Sum", { FunctionName: "email-to-oncall-checkout" }],
      ]);
    });

    it("fires on the first occurrence in one five-minute period and treats no data as fine", () => {
      for (const a of all()) {
        expect(a).toMatchObject({ threshold: 1, comparison_operator: "GreaterThanOrEqualToThreshold", evaluation_periods: 1, period: 300, treat_missing_data: "notBreaching" });
      }
    });

    it("tells the topic when an alarm fires and when it clears", () => {
      for (const a of all()) expect(a).toMatchObject({ alarm_actions: [topicArn], ok_actions: [topicArn] });
    });

    it("carries a runbook line in every alarm description", () => {
      for (const a of all()) expect(a.alarm_description).toMatch(/README runbook|function\.reservedConcurrency/);
    });
  });

  it("takes the period given", () => {
    const { alarms, s } = build({ periodSeconds: 120 });
    for (const a of alarms.alarms) expect(s.of(a).period).toBe(120);
  });

  it("accepts a period token", () => {
    const stack = testStack();
    const period = numberVariable(stack, "period_seconds");
    const alarms = new PipelineAlarms(stack, "alarms", { ...PROPS, periodSeconds: period.value });
    const s = synth(stack);
    for (const a of alarms.alarms) expect(s.of(a).period).toBe(period.json);
  });

  it.each([0, 30, 90, 60.5])("rejects periodSeconds %s (a multiple of 60)", (periodSeconds) => {
    expect(() => new PipelineAlarms(testStack(), "alarms", { ...PROPS, periodSeconds })).toThrow(/PipelineAlarms: periodSeconds must be a multiple of 60/);
  });

  describe("contacts: a second channel that does not depend on OnCall", () => {
    const contacts = { email: ["oncall-backup@platform.example"], sms: ["+15555550100"], https: ["https://pager.example/hooks/KEY"] };
    const { alarms, s } = build({ contacts });
    const c = alarms.contacts!;
    const topicArn = ref(alarms.topic, "arn");
    const queue = () => s.of(c.deadLetterQueue!);
    const sub = (protocol: string) => s.resources("aws_sns_topic_subscription").filter((x) => x.protocol === protocol);

    it("subscribes each e-mail address and each phone number to the health topic", () => {
      expect(c).toBeInstanceOf(HealthContacts);
      expect(sub("email")).toEqual([expect.objectContaining({ topic_arn: topicArn, protocol: "email", endpoint: "oncall-backup@platform.example" })]);
      expect(sub("sms")).toEqual([expect.objectContaining({ topic_arn: topicArn, protocol: "sms", endpoint: "+15555550100" })]);
      expect(sub("email")[0].delivery_policy).toBeUndefined();
    });

    it("subscribes each HTTPS endpoint, its URL marked sensitive", () => {
      expect(sub("https")).toEqual([expect.objectContaining({ topic_arn: topicArn, protocol: "https", endpoint: '${sensitive("https://pager.example/hooks/KEY")}' })]);
    });

    it("retries HTTPS with exponential backoff within SNS's limits, throttled", () => {
      const policy = JSON.parse(sub("https")[0].delivery_policy);
      expect(policy).toEqual({
        healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 60, numRetries: 50, numNoDelayRetries: 3, numMinDelayRetries: 2, numMaxDelayRetries: 35, backoffFunction: "exponential" },
        throttlePolicy: { maxReceivesPerSecond: 10 },
        requestPolicy: { headerContentType: "application/json" },
      });
      const r = policy.healthyRetryPolicy;
      expect(r.numRetries).toBeLessThanOrEqual(100);
      expect(r.numNoDelayRetries + r.numMinDelayRetries + r.numMaxDelayRetries).toBeLessThanOrEqual(r.numRetries);
    });

    it("dead-letters what HTTPS still missed to an encrypted queue kept 14 days", () => {
      expect(JSON.parse(sub("https")[0].redrive_policy)).toEqual({ deadLetterTargetArn: ref(c.deadLetterQueue!, "arn") });
      expect(queue()).toEqual({ name: "email-to-oncall-checkout-health-https-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
    });

    it("lets only this topic's SNS send to that queue", () => {
      const doc = child(c, "https-dead-letter-queue-policy-document", DataAwsIamPolicyDocument);
      expect(statements(s.of(doc))).toEqual([
        {
          sid: "HealthTopicDeadLetters",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["sns.amazonaws.com"] }],
          actions: ["sqs:SendMessage"],
          resources: [ref(c.deadLetterQueue!, "arn")],
          condition: [
            { test: "ArnEquals", variable: "aws:SourceArn", values: [topicArn] },
            { test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] },
          ],
        },
      ]);
      expect(s.of(child(c, "https-dead-letter-queue-policy", SqsQueuePolicy))).toEqual({ queue_url: ref(c.deadLetterQueue!, "url"), policy: ref(doc, "json") });
    });

    it("alarms on the queue to the health topic, so the e-mail and SMS contacts hear a dead HTTPS contact", () => {
      expect(s.of(c.deadLetterAlarm!)).toMatchObject({
        alarm_name: "email-to-oncall-checkout-health-https-dead-letters",
        namespace: "AWS/SQS",
        metric_name: "ApproximateNumberOfMessagesVisible",
        statistic: "Maximum",
        dimensions: { QueueName: "email-to-oncall-checkout-health-https-dlq" },
        period: 300,
        evaluation_periods: 1,
        threshold: 1,
        comparison_operator: "GreaterThanOrEqualToThreshold",
        alarm_actions: [topicArn],
        ok_actions: [topicArn],
      });
      expect(alarms.alarms).not.toContain(c.deadLetterAlarm);
    });
  });

  it("makes no queue without HTTPS contacts, and nothing at all without contacts", () => {
    const email = build({ contacts: { email: ["a@platform.example"] } });
    expect(email.alarms.contacts?.deadLetterQueue).toBeUndefined();
    expect(email.s.resources("aws_sqs_queue")).toEqual([]);
    expect(email.s.resources("aws_sns_topic_subscription")).toHaveLength(1);
    for (const props of [{}, { contacts: {} }, { contacts: { email: [], sms: [], https: [] } }]) {
      const { alarms, s } = build(props);
      expect(alarms.contacts).toBeUndefined();
      expect(s.resources("aws_sns_topic_subscription")).toEqual([]);
      expect(s.resources("aws_sqs_queue")).toEqual([]);
    }
  });

  it("accepts contact tokens (checked by SNS at apply)", () => {
    const stack = testStack();
    const mail = stringVariable(stack, "mail");
    const phone = stringVariable(stack, "phone");
    const hook = stringVariable(stack, "hook");
    new PipelineAlarms(stack, "alarms", { ...PROPS, contacts: { email: [mail.value], sms: [phone.value], https: [hook.value] } });
    const endpoints = Object.fromEntries(synth(stack).resources("aws_sns_topic_subscription").map((x) => [x.protocol, x.endpoint]));
    expect(endpoints).toEqual({ email: mail.json, sms: phone.json, https: "${sensitive(var.hook)}" });
  });

  it.each([
    [{ email: ["not-an-address"] }, /PipelineAlarms: contacts\.email must be e-mail addresses, got "not-an-address"/],
    [{ sms: ["5555550100"] }, /PipelineAlarms: contacts\.sms must be E\.164 phone numbers/],
    [{ sms: ["+0555550100"] }, /PipelineAlarms: contacts\.sms must be E\.164/],
    [{ sms: ["+1555"] }, /PipelineAlarms: contacts\.sms must be E\.164/],
    [{ https: ["http://pager.example/hook"] }, /PipelineAlarms: contacts\.https must be https:\/\/ URLs/],
  ])("rejects contacts %j", (contacts, error) => {
    expect(() => new PipelineAlarms(testStack(), "alarms", { ...PROPS, contacts })).toThrow(error);
  });

  it("rejects a contact list that is itself a token (one subscription per entry is made at synth)", () => {
    const stack = testStack();
    const list = new TerraformVariable(stack, "mails", { type: "list(string)" }).listValue;
    expect(() => new PipelineAlarms(stack, "alarms", { ...PROPS, contacts: { email: list } })).toThrow(/PipelineAlarms: contacts\.email must be a list known at synth/);
  });

  it("rejects a health topic name too long for the HTTPS dead-letter queue's name", () => {
    expect(() => new PipelineAlarms(testStack(), "alarms", { ...PROPS, topicName: "t".repeat(71), contacts: { https: ["https://pager.example/h"] } })).toThrow(/HealthContacts: deadLetterQueueName must be 1-80/);
  });
});
