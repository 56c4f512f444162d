import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Duration, EventCanary, EventCanaryProps } from "../../../lib";
import { ACCOUNT, child, expectLeastPrivilege, ref, statements, stubFunctionCode, synth, testStack } from "../support";

const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:email-to-oncall-checkout-health`;
const IDENTITY = `arn:aws:ses:eu-west-1:${ACCOUNT}:identity/oncall.example.com`;
const KEY = { name: "/email-to-oncall/checkout/canary-key", arn: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/email-to-oncall/checkout/canary-key` };
const PROPS: EventCanaryProps = {
  functionName: "email-to-oncall-checkout-canary",
  eventSlug: "checkout",
  addresses: ["checkout@oncall.example.com", "vip@oncall.example.com"],
  fromAddress: "canary@oncall.example.com",
  sendingIdentityArn: IDENTITY,
  keyParameter: KEY,
  activeFrom: new Date("2026-11-26T05:00:00Z"),
  activeUntil: new Date("2026-11-28T05:00:00Z"),
  topicArn: TOPIC_ARN,
  accountId: ACCOUNT,
  codeZip: stubFunctionCode(),
};

function build(props: Partial<EventCanaryProps> = {}) {
  const stack = testStack();
  const c = new EventCanary(stack, "canary", { ...PROPS, ...props });
  return { c, s: synth(stack) };
}
const make = (props: Partial<EventCanaryProps>) => () => new EventCanary(testStack(), "canary", { ...PROPS, ...props });

describe("EventCanary", () => {
  const { c, s } = build();

  it("may send only as the canary address through the mail domain's identity, read only its key, write only its logs", () => {
    const granted = statements(s.of(child(c, "permissions", DataAwsIamPolicyDocument)));
    for (const st of granted) expectLeastPrivilege(st);
    expect(granted).toEqual([
      { sid: "SendCanaryFromMailDomain", effect: "Allow", actions: ["ses:SendEmail", "ses:SendRawEmail"], resources: [IDENTITY], condition: [
          { test: "StringEquals", variable: "ses:FromAddress", values: ["canary@oncall.example.com"] },
          { test: "ForAllValues:StringEquals", variable: "ses:Recipients", values: ["checkout@oncall.example.com", "vip@oncall.example.com"] },
        ] },
      { sid: "ReadCanaryKey", effect: "Allow", actions: ["ssm:GetParameter"], resources: [KEY.arn] },
      { sid: "WriteOwnLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${ref(c.logGroup, "arn")}:*`] },
    ]);
    expect(s.of(child(c, "role-policy", IamRolePolicy))).toMatchObject({ name: "canary", role: ref(c.role, "id") });
  });

  it("is told whom to send to, as whom, with which key (its name, never its value) and when", () => {
    expect(s.of(c.function).environment.variables).toEqual({
      EVENT_SLUG: "checkout",
      CANARY_TO: "checkout@oncall.example.com,vip@oncall.example.com",
      CANARY_FROM: "canary@oncall.example.com",
      CANARY_KEY_PARAMETER: KEY.name,
      CANARY_ACTIVE_FROM: "2026-11-26T05:00:00.000Z",
      CANARY_ACTIVE_UNTIL: "2026-11-28T05:00:00.000Z",
    });
    expect(s.of(c.function)).toMatchObject({ runtime: "nodejs22.x", architectures: ["arm64"], timeout: 30, memory_size: 128, logging_config: { log_group: ref(c.logGroup, "name") } });
  });

  it("runs every 15 minutes by default, invoked by its rule only", () => {
    expect(s.of(c.schedule)).toMatchObject({ name: "email-to-oncall-checkout-canary", schedule_expression: "rate(15 minutes)" });
    expect(s.of(child(c, "target", CloudwatchEventTarget))).toMatchObject({ rule: ref(c.schedule, "name"), arn: ref(c.function, "arn") });
    expect(s.of(c.permission)).toMatchObject({ principal: "events.amazonaws.com", source_account: ACCOUNT, source_arn: ref(c.schedule, "arn") });
  });

  it("alarms on the health topic when two intervals saw neither a received canary nor an idle run, missing data breaching", () => {
    expect(c.missingAlarms).toHaveLength(2);
    expect(c.missingAlarms.map((x) => s.of(x).alarm_name)).toEqual(["email-to-oncall-checkout-canary-missing-checkout@oncall.example.com", "email-to-oncall-checkout-canary-missing-vip@oncall.example.com"]);
    const a = s.of(c.missingAlarm);
    expect(a).toMatchObject({
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      treat_missing_data: "breaching",
      alarm_actions: [TOPIC_ARN],
      ok_actions: [TOPIC_ARN],
    });
    expect(a.metric_query).toEqual([
      // Per address: a broken alias is not hidden by the canaries of the other addresses.
      { id: "received", return_data: false, metric: { namespace: "EmailToOncall", metric_name: "CanaryReceived", dimensions: { Event: "checkout", Address: "checkout@oncall.example.com" }, period: 900, stat: "Sum" } },
      { id: "idle", return_data: false, metric: { namespace: "EmailToOncall", metric_name: "CanaryIdle", dimensions: { Event: "checkout" }, period: 900, stat: "Sum" } },
      { id: "heard", expression: "FILL(received, 0) + FILL(idle, 0)", label: "canaries received plus idle runs", return_data: true },
    ]);
    expect(a.metric_name).toBeUndefined();
  });

  it("takes the interval and names given", () => {
    const t = build({ interval: Duration.minutes(60), alarmName: "canary-lost", roleName: "r", ruleName: "rule", logGroupName: "/lg" });
    expect(t.s.of(t.c.schedule)).toMatchObject({ name: "rule", schedule_expression: "rate(60 minutes)" });
    expect(t.s.of(t.c.missingAlarm)).toMatchObject({ alarm_name: "canary-lost-checkout@oncall.example.com" });
    const one = build({ addresses: ["checkout@oncall.example.com"] });
    expect(one.c.missingAlarms.map((x) => one.s.of(x).alarm_name)).toEqual(["email-to-oncall-checkout-canary-missing"]);
    expect(t.s.of(t.c.missingAlarm).metric_query[0].metric.period).toBe(3600);
    expect(t.s.of(t.c.role).name).toBe("r");
    expect(t.s.of(t.c.logGroup).name).toBe("/lg");
  });

  it("refuses an interval outside 5-720 whole minutes", () => {
    expect(make({ interval: Duration.minutes(4) })).toThrow(/EventCanary: interval must be whole minutes from 5 to 720/);
    expect(make({ interval: Duration.minutes(721) })).toThrow(/interval must be whole minutes/);
    expect(make({ interval: Duration.seconds(330) })).toThrow(/interval must be whole minutes/);
  });
  it("refuses a function name Lambda would refuse", () => expect(make({ functionName: "x".repeat(65) })).toThrow(/EventCanary: functionName must be letters/));
  it("refuses no address, or more than 50", () => {
    expect(make({ addresses: [] })).toThrow(/EventCanary: addresses must hold 1 to 50/);
    expect(make({ addresses: Array.from({ length: 51 }, (_, i) => `a${i}@oncall.example.com`) })).toThrow(/addresses must hold 1 to 50/);
  });
  it("refuses an address that is not one", () => expect(make({ addresses: ["checkout"] })).toThrow(/EventCanary: addresses must be full e-mail addresses/));
  it("refuses a From that is not an address", () => expect(make({ fromAddress: "canary" })).toThrow(/EventCanary: fromAddress must be an e-mail address/));
  it("refuses an active period that ends before it starts", () => expect(make({ activeUntil: PROPS.activeFrom })).toThrow(/EventCanary: activeFrom must be before activeUntil/));
  it("refuses a log retention CloudWatch does not offer", () => expect(make({ logRetentionDays: 10 })).toThrow(/EventCanary: logRetentionDays/));
});
