import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { PipelineAlarms, PipelineAlarmsProps } from "../../../lib";
import { ACCOUNT, child, numberVariable, ref, statements, synth, testStack } from "../support";

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
});
