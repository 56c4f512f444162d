import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DeadLetterReminder, DeadLetterReminderProps, Duration } from "../../../lib";
import { ACCOUNT, address, child, expectLeastPrivilege, numberVariable, ref, statements, stubFunctionCode, synth, testStack } from "../support";

const QUEUE_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:email-to-oncall-checkout-dlq`;
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:email-to-oncall-checkout-health`;
const PROPS: DeadLetterReminderProps = {
  functionName: "email-to-oncall-checkout-remind",
  queueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/email-to-oncall-checkout-dlq`,
  queueArn: QUEUE_ARN,
  topicArn: TOPIC_ARN,
  eventSlug: "checkout",
  codeZip: stubFunctionCode(),
  accountId: ACCOUNT,
};

function build(props: Partial<DeadLetterReminderProps> = {}) {
  const stack = testStack();
  const r = new DeadLetterReminder(stack, "reminder", { ...PROPS, ...props });
  return { r, s: synth(stack) };
}
const make = (props: Partial<DeadLetterReminderProps>) => () => new DeadLetterReminder(testStack(), "reminder", { ...PROPS, ...props });

describe("DeadLetterReminder", () => {
  const { r, s } = build();
  const doc = (id: string) => s.of(child(r, id, DataAwsIamPolicyDocument));

  it("may count that queue's messages, publish to that topic and write its own logs, nothing else", () => {
    const granted = statements(doc("permissions"));
    for (const st of granted) expectLeastPrivilege(st);
    expect(granted.map((st) => [st.sid, st.actions, st.resources])).toEqual([
      ["CountDeadLetters", ["sqs:GetQueueAttributes"], [QUEUE_ARN]],
      ["RemindHealthTopic", ["sns:Publish"], [TOPIC_ARN]],
      ["WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [`${ref(r.logGroup, "arn")}:*`]],
    ]);
    expect(s.of(child(r, "role-policy", IamRolePolicy))).toEqual({ name: "dlq-reminder", role: ref(r.role, "id"), policy: ref(child(r, "permissions", DataAwsIamPolicyDocument), "json") });
    expect(statements(doc("assume-role"))[0]).toMatchObject({ principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }], condition: [{ variable: "aws:SourceAccount", values: [ACCOUNT] }] });
  });

  it("logs to its own log group, created first", () => {
    expect(s.of(r.logGroup)).toMatchObject({ name: "/aws/lambda/email-to-oncall-checkout-remind", retention_in_days: 30 });
    expect(s.of(r.function)).toMatchObject({ logging_config: { log_group: ref(r.logGroup, "name") }, depends_on: [address(r.logGroup)] });
  });

  it("alarms on its own errors to the health topic, over one interval, so a broken reminder is heard", () => {
    expect(s.of(r.errorAlarm)).toEqual({
      alarm_name: "email-to-oncall-checkout-remind-errors",
      alarm_description: expect.stringMatching(/nobody is reminded/),
      namespace: "AWS/Lambda",
      metric_name: "Errors",
      statistic: "Sum",
      dimensions: { FunctionName: "email-to-oncall-checkout-remind" },
      period: 1800,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
      alarm_actions: [TOPIC_ARN],
      ok_actions: [TOPIC_ARN],
    });
    const custom = build({ interval: Duration.minutes(5), errorAlarmName: "remind-failed" });
    expect(custom.s.of(custom.r.errorAlarm)).toMatchObject({ alarm_name: "remind-failed", period: 300 });
  });

  it("gets the queue URL, topic ARN and slug in its environment", () => {
    expect(s.of(r.function).environment.variables).toEqual({ DEAD_LETTER_QUEUE_URL: PROPS.queueUrl, HEALTH_TOPIC_ARN: TOPIC_ARN, EVENT_SLUG: "checkout" });
  });

  it("runs every 30 minutes by default, invoked by that rule only", () => {
    expect(s.of(r.schedule)).toMatchObject({ name: "email-to-oncall-checkout-remind", schedule_expression: "rate(30 minutes)" });
    expect(s.of(child(r, "target", CloudwatchEventTarget))).toMatchObject({ rule: ref(r.schedule, "name"), arn: ref(r.function, "arn") });
    expect(s.of(r.permission)).toMatchObject({
      action: "lambda:InvokeFunction",
      function_name: ref(r.function, "function_name"),
      principal: "events.amazonaws.com",
      source_account: ACCOUNT,
      source_arn: ref(r.schedule, "arn"),
    });
  });

  it("takes an interval of whole minutes from 5 to 1440", () => {
    expect(build({ interval: Duration.minutes(5) }).s.only("aws_cloudwatch_event_rule").schedule_expression).toBe("rate(5 minutes)");
    expect(build({ interval: Duration.days(1) }).s.only("aws_cloudwatch_event_rule").schedule_expression).toBe("rate(1440 minutes)");
    expect(make({ interval: Duration.minutes(4) })).toThrow(/DeadLetterReminder: interval must be whole minutes from 5 to 1440, got 4m/);
    expect(make({ interval: Duration.minutes(1441) })).toThrow(/interval must be whole minutes from 5 to 1440/);
    expect(make({ interval: Duration.seconds(330) })).toThrow(/interval must be whole minutes .*, got 330s/);
  });

  it("refuses an interval token (it could not be nested into the rate expression)", () => {
    const stack = testStack();
    const v = numberVariable(stack, "minutes");
    expect(() => new DeadLetterReminder(stack, "reminder", { ...PROPS, interval: Duration.minutes(v.value) })).toThrow(/interval must be known at synth/);
  });

  it("refuses a function name Lambda would refuse", () => {
    expect(make({ functionName: "x".repeat(65) })).toThrow(/DeadLetterReminder: functionName must be letters, digits, hyphens and underscores \(at most 64\)/);
  });
});
