import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { ENV_REPLY_EVENT_SLUG, ENV_REPLY_FROM_ADDRESSES, ENV_REPLY_TABLE } from "../../../functions/reply-sender/contract";
import { ReplyPipeline, ReplyPipelineProps } from "../../../lib";
import { ACCOUNT, address, child, expectLeastPrivilege, ref, statements, stringVariable, stubFunctionCode, synth, testStack } from "../support";

const PROPS: ReplyPipelineProps = {
  name: "e2o-checkout-reply",
  eventSlug: "checkout",
  fromAddresses: ["Checkout@oncall.example.com", "acme@oncall.example.com"],
  mailDomain: "oncall.example.com",
  region: "eu-west-1",
  accountId: ACCOUNT,
  topicArn: "arn:aws:sns:eu-west-1:123456789012:health",
  codeZip: stubFunctionCode(),
};

function build(props: Partial<ReplyPipelineProps> = {}) {
  const stack = testStack();
  const p = new ReplyPipeline(stack, "replies", { ...PROPS, ...props });
  return { p, s: synth(stack) };
}

describe("ReplyPipeline", () => {
  const { p, s } = build();
  const policy = () => statements(s.of(child(p, "permissions", DataAwsIamPolicyDocument)));

  it("queues reply requests with a dead-letter queue after five tries, both encrypted", () => {
    expect(s.of(p.queue)).toMatchObject({ name: "e2o-checkout-reply", sqs_managed_sse_enabled: true, visibility_timeout_seconds: 180, message_retention_seconds: 86400 });
    expect(s.of(p.queue).redrive_policy).toBe(`\${jsonencode({"deadLetterTargetArn" = aws_sqs_queue.${p.deadLetterQueue.friendlyUniqueId}.arn, "maxReceiveCount" = 5})}`);
    expect(s.of(p.deadLetterQueue)).toMatchObject({ name: "e2o-checkout-reply-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
  });

  it("keeps one idempotency record per key in a pay-per-request table with TTL", () => {
    expect(s.of(p.table)).toMatchObject({ name: "e2o-checkout-reply", billing_mode: "PAY_PER_REQUEST", hash_key: "pk", attribute: [{ name: "pk", type: "S" }], ttl: { attribute_name: "expiresAt", enabled: true }, server_side_encryption: { enabled: true } });
  });

  it("sends one reply per invocation from the queue, reporting failures per message", () => {
    expect(s.of(p.eventSource)).toMatchObject({ event_source_arn: ref(p.queue, "arn"), function_name: ref(p.function, "arn"), batch_size: 1, function_response_types: ["ReportBatchItemFailures"] });
    expect(s.of(p.function)).toMatchObject({ function_name: "e2o-checkout-reply", timeout: 30, reserved_concurrent_executions: 2, runtime: "nodejs22.x", role: ref(p.role, "arn") });
    expect(s.of(p.function).environment.variables).toEqual({ [ENV_REPLY_FROM_ADDRESSES]: "checkout@oncall.example.com,acme@oncall.example.com", [ENV_REPLY_TABLE]: ref(p.table, "name"), [ENV_REPLY_EVENT_SLUG]: "checkout" });
  });

  it("may send only through the mail domain's identity, only as the event's addresses; dynamodb only on its table", () => {
    const st = policy();
    for (const x of st) expectLeastPrivilege(x);
    const ses = st.filter((x) => x.actions!.some((a) => a.startsWith("ses:")));
    expect(ses).toEqual([
      {
        sid: "SendAsThisEventsAddresses",
        effect: "Allow",
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: ["arn:aws:ses:eu-west-1:123456789012:identity/oncall.example.com"],
        condition: [{ test: "StringEquals", variable: "ses:FromAddress", values: ["checkout@oncall.example.com", "acme@oncall.example.com"] }],
      },
    ]);
    const dynamo = st.filter((x) => x.actions!.some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toEqual([expect.objectContaining({ actions: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], resources: [ref(p.table, "arn")] })]);
    expect(st.find((x) => x.sid === "ReadReplyQueue")!.resources).toEqual([ref(p.queue, "arn")]);
  });

  it("alarms on the health topic: dead letters, sender errors, requests that could not be queued, alerts sent without a signed reply context", () => {
    const alarms = p.alarms.map((a) => s.of(a));
    expect(alarms.map((a) => [a.alarm_name, a.namespace, a.metric_name, a.dimensions])).toEqual([
      ["e2o-checkout-reply-dead-letter-queue-not-empty", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "e2o-checkout-reply-dlq" }],
      ["e2o-checkout-reply-errors", "AWS/Lambda", "Errors", { FunctionName: "e2o-checkout-reply" }],
      ["e2o-checkout-reply-queue-failures", "EmailToOncall", "ReplyQueueFailures", { Event: "checkout" }],
    ]);
    for (const a of alarms) expect(a).toMatchObject({ alarm_actions: [PROPS.topicArn], ok_actions: [PROPS.topicArn], threshold: 1 });
    // With status mails the alerts carry a signed reply context: alarm when one could not be signed.
    const signed = build({ signedContext: true });
    expect(signed.p.alarms.map((a) => signed.s.of(a).alarm_name).at(-1)).toBe("e2o-checkout-reply-key-unavailable");
    expect(signed.s.of(signed.p.alarms.at(-1)!)).toMatchObject({ namespace: "EmailToOncall", metric_name: "ReplyKeyUnavailable", dimensions: { Event: "checkout" } });
    expect(s.of(p.eventSource).depends_on).toEqual([address(p.role)]);
  });

  it("rejects bad props naming them", () => {
    expect(() => build({ name: "x".repeat(61) })).toThrow(/ReplyPipeline: name must be/);
    expect(() => build({ fromAddresses: [] })).toThrow(/ReplyPipeline: fromAddresses/);
    expect(() => build({ maxReceiveCount: 0 })).toThrow(/ReplyPipeline: maxReceiveCount/);
  });
});

describe("ReplyPipeline with addresses known only at plan time", () => {
  it("keeps the tokens intact in the IAM condition and the environment", () => {
    const stack = testStack();
    const v = stringVariable(stack, "address");
    const p = new ReplyPipeline(stack, "replies", { ...PROPS, fromAddresses: [v.value] });
    const s = synth(stack);
    expect(s.of(p.function).environment.variables.REPLY_FROM_ADDRESSES).toBe(v.json);
    const ses = statements(s.of(child(p, "permissions", DataAwsIamPolicyDocument))).find((x) => x.sid === "SendAsThisEventsAddresses")!;
    expect(ses.condition![0]!.values).toEqual([v.json]);
  });
});
