import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { ENV_STATUS_CONFIG, ENV_STATUS_REPLY_QUEUE_URL, ENV_STATUS_SECRET_PARAMETER } from "../../../functions/oncall-status/contract";
import { ENV_REPLY_KEY_PARAMETER } from "../../../functions/mail-to-alert/contract";
import { StatusEndpoint, StatusEndpointProps } from "../../../lib";
import { STATUS_CONFIG } from "../../functions/oncall-status/support";
import { ACCOUNT, child, expectLeastPrivilege, ref, resolve, statements, stubFunctionCode, synth, testStack } from "../support";

const PROPS: StatusEndpointProps = {
  name: "e2o-checkout-status",
  secretParameterName: "/e2o/checkout/oncall-status-secret",
  config: STATUS_CONFIG,
  replyKeyParameter: { name: "/e2o/checkout/reply-key", arn: "arn:aws:ssm:eu-west-1:123456789012:parameter/e2o/checkout/reply-key" },
  replyQueue: { url: "https://sqs.eu-west-1.amazonaws.com/123456789012/q", arn: "arn:aws:sqs:eu-west-1:123456789012:q" },
  accountId: ACCOUNT,
  topicArn: "arn:aws:sns:eu-west-1:123456789012:health",
  codeZip: stubFunctionCode(),
};

function build(props: Partial<StatusEndpointProps> = {}) {
  const stack = testStack();
  const e = new StatusEndpoint(stack, "status", { ...PROPS, ...props });
  return { e, s: synth(stack) };
}

describe("StatusEndpoint", () => {
  const { e, s } = build();

  it("generates the shared secret, keeps it in a SecureString and hands it on only as sensitive()", () => {
    expect(s.of(e.secret)).toEqual({ length: 48, special: false });
    expect(s.of(e.secretParameter)).toMatchObject({ name: "/e2o/checkout/oncall-status-secret", type: "SecureString", value: ref(e.secret, "result") });
    expect(s.of(e.secretParameter).value).not.toMatch(/sensitive/);
    expect(s.tf.output).toBeUndefined();
    // The secret never reaches the function's environment: it reads the parameter.
    expect(JSON.stringify(s.of(e.function).environment)).not.toContain("random_password");
  });

  it("is an HTTP API route POST /oncall to the function (payload 2.0), throttled, invokable only through this API", () => {
    expect(s.of(e.api)).toMatchObject({ name: "e2o-checkout-status", protocol_type: "HTTP" });
    const integration = s.only("aws_apigatewayv2_integration");
    expect(integration).toMatchObject({ api_id: ref(e.api, "id"), integration_type: "AWS_PROXY", integration_uri: ref(e.function, "arn"), payload_format_version: "2.0" });
    expect(s.only("aws_apigatewayv2_route")).toMatchObject({ route_key: "POST /oncall", target: `integrations/${ref(child(e, "integration", Apigatewayv2Integration), "id")}` });
    expect(child(e, "route", Apigatewayv2Route)).toBeDefined();
    expect(s.of(e.stage)).toMatchObject({ name: "$default", auto_deploy: true, default_route_settings: { throttling_rate_limit: 5, throttling_burst_limit: 10 } });
    expect(s.of(e.permission)).toEqual({ statement_id: "AllowStatusApi", action: "lambda:InvokeFunction", function_name: ref(e.function, "function_name"), principal: "apigateway.amazonaws.com", source_account: ACCOUNT, source_arn: `${ref(e.api, "execution_arn")}/*/*/oncall` });
    expect(resolve(e, e.url)).toBe(`${ref(e.api, "api_endpoint")}/oncall`);
  });

  it("its role reads the secret and the reply-context key, queues status mails on the reply queue, writes its logs: nothing else", () => {
    const st = statements(s.of(child(e, "permissions", DataAwsIamPolicyDocument)));
    for (const x of st) expectLeastPrivilege(x);
    expect(st.map((x) => [x.sid, x.actions, x.resources])).toEqual([
      ["ReadSharedSecret", ["ssm:GetParameter"], [ref(e.secretParameter, "arn")]],
      ["ReadReplyKey", ["ssm:GetParameter"], [PROPS.replyKeyParameter.arn]],
      ["QueueStatusMails", ["sqs:SendMessage"], [PROPS.replyQueue.arn]],
      ["WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [`${ref(e.logGroup, "arn")}:*`]],
    ]);
    expect(s.of(e.function).environment.variables).toEqual({ [ENV_STATUS_CONFIG]: JSON.stringify(STATUS_CONFIG), [ENV_STATUS_SECRET_PARAMETER]: ref(e.secretParameter, "name"), [ENV_STATUS_REPLY_QUEUE_URL]: PROPS.replyQueue.url, [ENV_REPLY_KEY_PARAMETER]: PROPS.replyKeyParameter.name });
  });

  it("alarms on its errors to the health topic; rejects bad props", () => {
    expect(s.of(e.alarm)).toMatchObject({ alarm_name: "e2o-checkout-status-errors", metric_name: "Errors", dimensions: { FunctionName: "e2o-checkout-status" }, alarm_actions: [PROPS.topicArn] });
    // A refused forgery (unsigned reply context) is heard too: someone holds the integration URL or a webhook.
    expect(s.of(e.forgeryAlarm)).toMatchObject({ alarm_name: "e2o-checkout-status-forged-requests", namespace: "EmailToOncall", metric_name: "StatusRequests", dimensions: { Event: PROPS.config.slug, Result: "UNSIGNED_REPLY_CONTEXT" }, alarm_actions: [PROPS.topicArn], threshold: 1 });
    expect(() => build({ rateLimit: 0 })).toThrow(/StatusEndpoint: rateLimit/);
    expect(() => build({ name: "bad name" })).toThrow(/StatusEndpoint: name must be/);
  });
});
