import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { HTTPS_DELIVERY_POLICY, PipelineHealthIntegration, type PipelineHealthIntegrationProps } from "../../../lib";
import { ref, synth, testStack } from "../support";

function build(teamId?: string, more: Partial<PipelineHealthIntegrationProps> = {}, topicName: string | undefined = "email-to-oncall-checkout-health") {
  const stack = testStack();
  const topic = new SnsTopic(stack, "topic", { name: topicName });
  const health = new PipelineHealthIntegration(stack, "health", { name: "checkout: pipeline health", topic, escalationChainId: "DEFAULT", teamId, ...more });
  return { topic, health, s: synth(stack) };
}

describe("PipelineHealthIntegration", () => {
  const { topic, health, s } = build();

  it("is an amazon_sns integration paging the chain given", () => {
    expect(s.of(health.integration)).toEqual({ name: "checkout: pipeline health", type: "amazon_sns", default_route: { escalation_chain_id: "DEFAULT" } });
  });

  it("subscribes to the topic over HTTPS, with the link wrapped in sensitive()", () => {
    expect(s.of(health.subscription)).toEqual({
      topic_arn: ref(topic, "arn"),
      protocol: "https",
      endpoint: `\${sensitive(${ref(health.integration, "link").slice(2, -1)})}`,
      endpoint_auto_confirms: true,
      confirmation_timeout_in_minutes: 5,
      delivery_policy: JSON.stringify(HTTPS_DELIVERY_POLICY),
      redrive_policy: JSON.stringify({ deadLetterTargetArn: ref(health.deadLetterQueue, "arn") }),
    });
  });

  it("dead-letters what SNS could not deliver to OnCall into an encrypted queue only the topic may write, alarmed on the topic", () => {
    expect(s.of(health.deadLetterQueue)).toEqual({ name: "email-to-oncall-checkout-health-oncall-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
    expect(s.of(health.deadLetterAlarm)).toMatchObject({
      alarm_name: "email-to-oncall-checkout-health-oncall-dead-letters",
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: "email-to-oncall-checkout-health-oncall-dlq" },
      alarm_actions: [ref(topic, "arn")],
      ok_actions: [ref(topic, "arn")],
      alarm_description: expect.stringMatching(/second channel/),
    });
    const doc = Object.values(s.tf.data!.aws_iam_policy_document as Record<string, { statement: { condition: { variable: string; values: string[] }[] }[] }>)[0]!;
    expect(doc.statement[0]!.condition).toEqual([
      { test: "ArnEquals", variable: "aws:SourceArn", values: [ref(topic, "arn")] },
      // The topic's own account, read from its ARN.
      { test: "StringEquals", variable: "aws:SourceAccount", values: [`\${element(split(":", ${ref(topic, "arn").slice(2, -1)}), 4)}`] },
    ]);
  });

  it("takes the queue and alarm names given, and refuses a queue name SQS would refuse", () => {
    const named = build(undefined, { deadLetterQueueName: "health-missed", deadLetterAlarmName: "oncall-missed-alarms" });
    expect(named.s.of(named.health.deadLetterQueue).name).toBe("health-missed");
    expect(named.s.of(named.health.deadLetterAlarm).alarm_name).toBe("oncall-missed-alarms");
    expect(() => build(undefined, {}, "x".repeat(75))).toThrow(/PipelineHealthIntegration: deadLetterQueueName must be 1-80 letters/);
    expect(() => build(undefined, { deadLetterQueueName: "has space" })).toThrow(/deadLetterQueueName/);
  });

  it("never outputs the link", () => {
    expect(s.tf.output).toBeUndefined();
  });

  it("belongs to the team given", () => {
    const team = build("TEAM");
    expect(team.s.of(team.health.integration).team_id).toBe("TEAM");
  });
});
