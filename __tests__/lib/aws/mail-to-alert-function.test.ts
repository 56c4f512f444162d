import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Fn, TerraformStack } from "cdktf";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { ENV_DEAD_LETTER_QUEUE_URL, ENV_EVENT_CONFIG, ENV_EVENT_CONFIG_FILE, ENV_EVENT_CONFIG_SHA256, ENV_URL_PARAMETER } from "../../../functions/mail-to-alert/contract";
import { runtimeConfigOfLayerZip } from "../../../lib/aws/runtime-config-layer";
import { buildRuntimeConfig, LOG_RETENTION_DAYS, MailToAlertFunction, MailToAlertFunctionProps, RuntimeConfigInput } from "../../../lib";
import { ACCOUNT, address, child, expectLeastPrivilege, numberVariable, ref, statements, stringVariable, stubFunctionCode, synth, testStack, WINDOW } from "../support";

const URL = "https://oncall.example.com/integrations/v1/webhook/SECRET/";
const RULE_ARN = `arn:aws:ses:eu-west-1:${ACCOUNT}:receipt-rule-set/rules:receipt-rule/email-to-oncall-checkout`;

function runtimeConfig(input: Partial<RuntimeConfigInput> = {}) {
  return buildRuntimeConfig({
    slug: "checkout",
    title: "Checkout launch",
    customer: "Acme Shop",
    addresses: ["checkout@oncall.example.com"],
    window: WINDOW,
    trustedSenders: { addresses: ["cto@acme-shop.example"] },
    bucket: "raw-mail",
    prefix: "checkout/",
    region: "eu-west-1",
    ...input,
  });
}

function props(overrides: Partial<MailToAlertFunctionProps> = {}): MailToAlertFunctionProps {
  return {
    functionName: "email-to-oncall-checkout",
    roleName: "email-to-oncall-checkout-fn",
    logGroupName: "/aws/lambda/email-to-oncall-checkout",
    deadLetterQueueName: "email-to-oncall-checkout-dlq",
    urlParameterName: "/email-to-oncall/checkout/oncall-integration-url",
    integrationUrl: URL,
    codeZip: stubFunctionCode(),
    runtimeConfig: runtimeConfig(),
    accountId: ACCOUNT,
    sourceRuleArn: RULE_ARN,
    ...overrides,
  };
}

function build(overrides: Partial<MailToAlertFunctionProps> = {}, stack: TerraformStack = testStack()) {
  const fn = new MailToAlertFunction(stack, "mail-to-alert", props(overrides));
  const s = synth(stack);
  const doc = (id: string) => s.of(child(fn, id, DataAwsIamPolicyDocument));
  return { fn, s, doc, lambda: () => s.of(fn.function) };
}

describe("MailToAlertFunction", () => {
  describe("defaults", () => {
    const { fn, s, doc, lambda } = build();

    it("runs the code zip on nodejs22.x, arm64, with 1024 MB and 360 s (OnCall's rate window plus a minute)", () => {
      expect(lambda()).toMatchObject({
        function_name: "email-to-oncall-checkout",
        runtime: "nodejs22.x",
        architectures: ["arm64"],
        handler: "index.handler",
        memory_size: 1024,
        timeout: 360,
      });
      expect(lambda().filename).toMatch(/\.zip$/);
      expect(lambda().source_code_hash).toEqual(expect.any(String));
    });

    it("bounds a mail flood with reserved concurrency 5", () => {
      expect(lambda().reserved_concurrent_executions).toBe(5);
    });

    it("describes what it does for which addresses", () => {
      expect(lambda().description).toBe("Turns mail to checkout@oncall.example.com into Grafana OnCall alerts");
    });

    it("logs JSON to its own log group, created first, kept 90 days", () => {
      expect(s.of(fn.logGroup)).toEqual({ name: "/aws/lambda/email-to-oncall-checkout", retention_in_days: 90 });
      expect(lambda().logging_config).toEqual({ log_format: "JSON", log_group: ref(fn.logGroup, "name"), application_log_level: "INFO", system_log_level: "WARN" });
      expect(lambda().depends_on).toEqual([address(fn.logGroup)]);
    });

    it("reads its event config from its config layer (file and hash in the environment), only the URL parameter's name, and its own queue's URL", () => {
      const variables = lambda().environment.variables;
      expect(Object.keys(variables).sort()).toEqual([ENV_DEAD_LETTER_QUEUE_URL, ENV_EVENT_CONFIG_FILE, ENV_EVENT_CONFIG_SHA256, ENV_URL_PARAMETER].sort());
      expect(variables[ENV_DEAD_LETTER_QUEUE_URL]).toBe(ref(fn.deadLetterQueue, "url"));
      expect(variables[ENV_EVENT_CONFIG_FILE]).toBe("/opt/email-to-oncall/runtime-config.json");
      const text = runtimeConfigOfLayerZip(fs.readFileSync(fn.configLayer!.zipPath))!;
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(runtimeConfig())));
      expect(variables[ENV_EVENT_CONFIG_SHA256]).toBe(createHash("sha256").update(text).digest("hex"));
      expect(variables[ENV_URL_PARAMETER]).toBe(ref(fn.urlParameter, "name"));
      expect(lambda().layers).toEqual([ref(fn.configLayer!.layer, "arn")]);
      expect(s.of(fn.configLayer!.layer)).toMatchObject({
        layer_name: "email-to-oncall-checkout-config",
        compatible_runtimes: ["nodejs22.x"],
        compatible_architectures: ["arm64"],
        filename: expect.stringMatching(/^assets\/.+\/runtime-config\.zip$/),
        lifecycle: { create_before_destroy: true },
      });
    });

    it("keeps a config holding Terraform references in the environment, where Terraform resolves them", () => {
      const stack = testStack();
      const bucket = stringVariable(stack, "bucket");
      const f = new MailToAlertFunction(stack, "tokens", { ...props(), runtimeConfig: runtimeConfig({ bucket: bucket.value }) });
      const out = synth(stack);
      expect(f.configLayer).toBeUndefined();
      expect(JSON.parse(out.of(f.function).environment.variables[ENV_EVENT_CONFIG]).bucket).toBe(bucket.json);
      expect(out.of(f.function).layers).toBeUndefined();
    });

    it("keeps the integration URL out of everything but the SecureString parameter", () => {
      expect(s.of(fn.urlParameter)).toMatchObject({ name: "/email-to-oncall/checkout/oncall-integration-url", type: "SecureString", value: URL });
      const withUrl = Object.entries(s.tf.resource ?? {}).flatMap(([type, rs]) => Object.values(rs).filter((r) => JSON.stringify(r).includes("SECRET")).map(() => type));
      expect(withUrl).toEqual(["aws_ssm_parameter"]);
      expect(s.tf.output).toBeUndefined();
    });

    it("fails over to an encrypted dead-letter queue that keeps a message 14 days", () => {
      expect(s.of(fn.deadLetterQueue)).toEqual({ name: "email-to-oncall-checkout-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
      expect(s.of(fn.invokeConfig)).toEqual({
        function_name: ref(fn.function, "function_name"),
        maximum_retry_attempts: 2,
        maximum_event_age_in_seconds: 21600,
        destination_config: { on_failure: { destination: ref(fn.deadLetterQueue, "arn") } },
      });
    });

    it("lets only SES of this account, through this rule, invoke it", () => {
      expect(s.of(fn.sesPermission)).toEqual({
        statement_id: "AllowSesReceiptRule",
        action: "lambda:InvokeFunction",
        function_name: ref(fn.function, "function_name"),
        principal: "ses.amazonaws.com",
        source_account: ACCOUNT,
        source_arn: RULE_ARN,
      });
    });

    it("has its own role, assumable only by Lambda for this account", () => {
      expect(s.of(fn.role)).toMatchObject({ name: "email-to-oncall-checkout-fn", assume_role_policy: ref(child(fn, "assume-role", DataAwsIamPolicyDocument), "json") });
      expect(lambda().role).toBe(ref(fn.role, "arn"));
      expect(statements(doc("assume-role"))).toEqual([
        {
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
          actions: ["sts:AssumeRole"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [ACCOUNT] }],
        },
      ]);
    });

    it("grants named actions on its own resources only (no *)", () => {
      const granted = statements(doc("permissions"));
      for (const st of granted) expectLeastPrivilege(st);
      expect(granted.map((st) => [st.sid, st.actions, st.resources])).toEqual([
        ["ReadThisEventsRawMail", ["s3:GetObject"], ["arn:aws:s3:::raw-mail/checkout/*"]],
        ["WriteOwnLogs", ["logs:CreateLogStream", "logs:PutLogEvents"], [`${ref(fn.logGroup, "arn")}:*`]],
        ["FailOverToOwnQueue", ["sqs:SendMessage"], [ref(fn.deadLetterQueue, "arn")]],
        ["ReadIntegrationUrl", ["ssm:GetParameter"], [ref(fn.urlParameter, "arn")]],
      ]);
      expect(s.of(child(fn, "role-policy", IamRolePolicy))).toEqual({ name: "mail-to-alert", role: ref(fn.role, "id"), policy: ref(child(fn, "permissions", DataAwsIamPolicyDocument), "json") });
      expect(s.resources("aws_iam_role_policy_attachment")).toHaveLength(0);
    });
  });

  it("with replyKeyParameter: names it in the environment and may read that parameter alone; without: neither", () => {
    const replyKeyParameter = { name: "/e2o/checkout/reply-key", arn: "arn:aws:ssm:eu-west-1:123456789012:parameter/e2o/checkout/reply-key" };
    const { lambda, doc } = build({ replyKeyParameter });
    expect(lambda().environment.variables.REPLY_KEY_PARAMETER).toBe(replyKeyParameter.name);
    const read = statements(doc("permissions")).filter((x) => x.sid === "ReadReplyKey");
    expect(read).toEqual([{ sid: "ReadReplyKey", effect: "Allow", actions: ["ssm:GetParameter"], resources: [replyKeyParameter.arn] }]);
    const plain = build();
    expect(plain.lambda().environment.variables.REPLY_KEY_PARAMETER).toBeUndefined();
    expect(statements(plain.doc("permissions")).map((x) => x.sid)).not.toContain("ReadReplyKey");
  });

  it("takes the settings given", () => {
    const { fn, s, lambda } = build({ runtime: "nodejs24.x", memoryMb: 512, timeoutSeconds: 120, reservedConcurrency: 2, logRetentionDays: 365, retryAttempts: 0, maxEventAgeSeconds: 3600 });
    expect(lambda()).toMatchObject({ runtime: "nodejs24.x", memory_size: 512, timeout: 120, reserved_concurrent_executions: 2 });
    expect(s.of(fn.logGroup).retention_in_days).toBe(365);
    expect(s.of(fn.invokeConfig)).toMatchObject({ maximum_retry_attempts: 0, maximum_event_age_in_seconds: 3600 });
  });

  it("accepts a sensitive() integration URL (the OnCall integration's link)", () => {
    const { fn, s } = build({ integrationUrl: Fn.sensitive("https://example.invalid/hook") as string });
    expect(s.of(fn.urlParameter).value).toBe('${sensitive("https://example.invalid/hook")}');
  });

  it("builds ARNs in the region's partition", () => {
    const { doc } = build({ runtimeConfig: runtimeConfig({ region: "us-gov-west-1" }) });
    expect(statements(doc("permissions"))[0].resources).toEqual(["arn:aws-us-gov:s3:::raw-mail/checkout/*"]);
  });

  it("asks data aws_partition for a region token", () => {
    const stack = testStack();
    const region = stringVariable(stack, "region");
    const { fn, doc } = build({ runtimeConfig: runtimeConfig({ region: region.value }) }, stack);
    expect(statements(doc("permissions"))[0].resources).toEqual([`arn:${ref(child(fn, "partition", DataAwsPartition), "partition")}:s3:::raw-mail/checkout/*`]);
  });

  it("accepts every numeric setting as a token and writes it as is", () => {
    const stack = testStack();
    const v = (name: string) => numberVariable(stack, name);
    const [memory, timeout, concurrency, retention, retries, age] = ["memory_mb", "timeout_seconds", "concurrency", "retention_days", "retries", "max_age"].map(v);
    const { fn, s, lambda } = build(
      { memoryMb: memory.value, timeoutSeconds: timeout.value, reservedConcurrency: concurrency.value, logRetentionDays: retention.value, retryAttempts: retries.value, maxEventAgeSeconds: age.value },
      stack,
    );
    expect(lambda()).toMatchObject({ memory_size: memory.json, timeout: timeout.json, reserved_concurrent_executions: concurrency.json });
    expect(s.of(fn.logGroup).retention_in_days).toBe(retention.json);
    expect(s.of(fn.invokeConfig)).toMatchObject({ maximum_retry_attempts: retries.json, maximum_event_age_in_seconds: age.json });
  });

  describe("validation", () => {
    const make = (overrides: Partial<MailToAlertFunctionProps>) => () => new MailToAlertFunction(testStack(), "mail-to-alert", props(overrides));

    it.each([9, 901, 30.5])("rejects timeoutSeconds %s", (timeoutSeconds) => {
      expect(make({ timeoutSeconds })).toThrow(/MailToAlertFunction: timeoutSeconds must be an integer from 10 to 900/);
    });
    it.each([-1, 3])("rejects retryAttempts %s", (retryAttempts) => {
      expect(make({ retryAttempts })).toThrow(/MailToAlertFunction: retryAttempts must be an integer from 0 to 2/);
    });
    it.each([59, 21601])("rejects maxEventAgeSeconds %s", (maxEventAgeSeconds) => {
      expect(make({ maxEventAgeSeconds })).toThrow(/MailToAlertFunction: maxEventAgeSeconds must be an integer from 60 to 21600/);
    });
    it.each([127, 10241])("rejects memoryMb %s", (memoryMb) => {
      expect(make({ memoryMb })).toThrow(/MailToAlertFunction: memoryMb must be an integer from 128 to 10240/);
    });
    it.each([0, 1001])("rejects reservedConcurrency %s", (reservedConcurrency) => {
      expect(make({ reservedConcurrency })).toThrow(/MailToAlertFunction: reservedConcurrency must be an integer from 1 to 1000/);
    });
    it.each([0, 2, 366])("rejects logRetentionDays %s (not a CloudWatch Logs period)", (logRetentionDays) => {
      expect(make({ logRetentionDays })).toThrow(/MailToAlertFunction: logRetentionDays must be one of 1, 3, 5/);
    });
    it("accepts every CloudWatch Logs period", () => {
      for (const logRetentionDays of LOG_RETENTION_DAYS) expect(make({ logRetentionDays })).not.toThrow();
    });
    it("takes a config far beyond Lambda's 4 KB environment in its layer, and refuses one only when it holds Terraform references", () => {
      const addresses = Array.from({ length: 120 }, (_, i) => `person-${i}@acme-shop.example`);
      expect(make({ runtimeConfig: runtimeConfig({ trustedSenders: { addresses } }) })).not.toThrow();
      const stack = testStack();
      const bucket = stringVariable(stack, "bucket");
      expect(() => new MailToAlertFunction(stack, "tokens", { ...props(), runtimeConfig: runtimeConfig({ bucket: bucket.value, trustedSenders: { addresses } }) })).toThrow(
        /MailToAlertFunction: the event's function configuration is \d+ bytes and holds Terraform references, so it must go in the environment, where Lambda allows 4 KB/,
      );
    });
  });

  // BUG: the description lists every address; Lambda (and the provider's plan-time check) allow
  // 256 characters, so an inbox with a handful of long addresses synthesizes but cannot be planned.
  it("keeps the description within Lambda's 256 characters for many addresses", () => {
    const addresses = Array.from({ length: 6 }, (_, i) => `checkout-emergency-${i}@oncall.example.com`);
    const { lambda } = build({ runtimeConfig: runtimeConfig({ addresses }) });
    expect(lambda().description.length).toBeLessThanOrEqual(256);
  });
});
