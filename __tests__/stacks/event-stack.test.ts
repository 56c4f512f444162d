import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SesReceiptRule } from "@cdktf/provider-aws/lib/ses-receipt-rule";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Testing } from "cdktf";
import { loadConfig } from "../../config/load";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { EventStack } from "../../stacks/event-stack";
import * as path from "node:path";
import * as fs from "node:fs";
import { createHash } from "node:crypto";
import { runtimeConfigOfLayerZip } from "../../lib/aws/runtime-config-layer";
import { dataSources, eventYaml, FOUNDATION_YAML, loadFiles, only, REPO_ROOT, resources, stubFunctionCode, synthConfig, synthFiles } from "../support/synth";

const slug = "black-friday-2026";
const { json, parsed, built } = synthFiles({
  "foundation.yaml": FOUNDATION_YAML,
  [`${slug}.yaml`]: eventYaml(slug, "function:\n  memoryMb: 2048\n  reservedConcurrency: 3\n  retryAttempts: 1\n  maxEventAgeSeconds: 3600\n  logRetentionDays: 30\n"),
});
const stack = json[slug];
const tf = parsed[slug];
/** The one resource of a type under a construct id (the stack holds the mail-to-alert and the dlq-reminder functions). */
const under = (type: string, id: string) => {
  const all = Object.entries(tf.resource[type] ?? {}).filter(([name]) => name.startsWith(`${id}_`));
  if (all.length !== 1) throw new Error(`expected exactly one ${type} under ${id}, found ${all.length}`);
  return all[0]![1] as Record<string, unknown>;
};
const fnRef = (attr: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_lambda_function\\.mail-to-alert_function_[A-F0-9]+\\.${attr}\\}$`));

describe("EventInbox (receipt rule)", () => {
  test("enabled, scanned, TLS required, for the event's addresses in the shared set", () => {
    expect(stack).toHaveResourceWithProperties(SesReceiptRule, {
      name: "email-to-oncall-black-friday-2026",
      rule_set_name: "email-to-oncall",
      recipients: ["black-friday-2026@oncall.example.com"],
      enabled: true,
      scan_enabled: true,
      tls_policy: "Require",
    });
  });

  test("stores the raw mail first (position 1) under the event prefix, then invokes the function asynchronously (position 2)", () => {
    const rule = only(tf, "aws_ses_receipt_rule");
    expect(rule.s3_action).toEqual([{ position: 1, bucket_name: "email-to-oncall-oncall-example-com-raw-mail", object_key_prefix: "black-friday-2026/" }]);
    expect(rule.lambda_action).toEqual([{ position: 2, function_arn: fnRef("arn"), invocation_type: "Event" }]);
  });

  test("is created only after SES may invoke the function", () => {
    expect(only(tf, "aws_ses_receipt_rule").depends_on).toEqual([expect.stringMatching(/^aws_lambda_permission\./)]);
  });
});

describe("MailToAlertFunction", () => {
  test("arm64 Node 22 function from the bundled asset, sized from config", () => {
    expect(stack).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "email-to-oncall-black-friday-2026",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      memory_size: 2048,
      timeout: 360,
      reserved_concurrent_executions: 3,
      logging_config: { log_format: "JSON", log_group: expect.stringMatching(/aws_cloudwatch_log_group\..+\.name/), application_log_level: "INFO", system_log_level: "WARN" },
    });
    const fn = under("aws_lambda_function", "mail-to-alert");
    expect(fn.filename).toMatch(/^assets\/.+\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-F0-9]{32}$/);
    expect(fn.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_group\./)]);
  });

  test("the config layer carries the validated event config; the environment its file, hash and the parameter NAME, never the URL", () => {
    const vars = (under("aws_lambda_function", "mail-to-alert").environment as { variables: Record<string, string> }).variables;
    expect(Object.keys(vars).sort()).toEqual(["CANARY_KEY_PARAMETER", "DEAD_LETTER_QUEUE_URL", "EVENT_CONFIG_FILE", "EVENT_CONFIG_SHA256", "ONCALL_NOTIFY_URL_PARAMETER", "ONCALL_URL_PARAMETER"]);
    expect(vars.CANARY_KEY_PARAMETER).toMatch(/^\$\{aws_ssm_parameter\.canary-key_parameter_.+\.name\}$/);
    expect(vars.ONCALL_NOTIFY_URL_PARAMETER).toMatch(/aws_ssm_parameter\..*notify-integration-url.*\.name/);
    expect(vars.ONCALL_URL_PARAMETER).toMatch(/aws_ssm_parameter\..+\.name/);
    const layer = built.events[0]!.inbox.function.configLayer!;
    const text = runtimeConfigOfLayerZip(fs.readFileSync(layer.zipPath))!;
    expect(vars.EVENT_CONFIG_SHA256).toBe(createHash("sha256").update(text).digest("hex"));
    const cfg = JSON.parse(text) as FunctionRuntimeConfig;
    expect(cfg).toEqual({
      slug,
      title: "Event black-friday-2026",
      customer: "Acme Shop",
      addresses: ["black-friday-2026@oncall.example.com"],
      window: { start: "2026-11-26T23:00:00.000Z", end: "2026-12-01T11:00:00.000Z", timeZone: "America/New_York" },
      trustedSenders: { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"], relays: [] },
      policy: { outsideWindow: "page", unverified: "notify", unlistedColleague: "notify" },
      bodyMaxChars: 8000,
      rawMailLink: "console",
      bucket: "email-to-oncall-oncall-example-com-raw-mail",
      prefix: "black-friday-2026/",
      region: "eu-west-1",
    });
  });

  test("integration URL kept in an SSM SecureString fed from the OnCall side", () => {
    expect(stack).toHaveResourceWithProperties(SsmParameter, {
      name: "/email-to-oncall/black-friday-2026/oncall-integration-url",
      type: "SecureString",
    });
  });

  test("log group with the configured retention", () => {
    expect(stack).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/lambda/email-to-oncall-black-friday-2026", retention_in_days: 30 });
  });

  test("async retries and max age from config, failing over to an encrypted, long-retention queue", () => {
    expect(stack).toHaveResourceWithProperties(SqsQueue, {
      name: "email-to-oncall-black-friday-2026-dlq",
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
    expect(stack).toHaveResourceWithProperties(LambdaFunctionEventInvokeConfig, {
      function_name: fnRef("function_name"),
      maximum_retry_attempts: 1,
      maximum_event_age_in_seconds: 3600,
      destination_config: { on_failure: { destination: expect.stringMatching(/aws_sqs_queue\..+\.arn/) } },
    });
  });

  test("SES may invoke it only from this account and this receipt rule", () => {
    expect(stack).toHaveResourceWithProperties(LambdaPermission, {
      action: "lambda:InvokeFunction",
      principal: "ses.amazonaws.com",
      function_name: fnRef("function_name"),
      source_account: expect.stringMatching(/data\.aws_caller_identity\..+\.account_id/),
      source_arn: expect.stringMatching(
        /^arn:aws:ses:eu-west-1:\$\{data\.aws_caller_identity\..+\.account_id\}:receipt-rule-set\/email-to-oncall:receipt-rule\/email-to-oncall-black-friday-2026$/,
      ),
    });
  });

  test("role assumable only by Lambda of this account", () => {
    const assume = dataSources(tf, "aws_iam_policy_document").find((d) => JSON.stringify(d).includes("sts:AssumeRole")) as { statement: unknown[] };
    expect(assume.statement).toEqual([
      {
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [expect.stringMatching(/account_id/)] }],
      },
    ]);
    expect(under("aws_iam_role", "mail-to-alert").name).toBe("email-to-oncall-black-friday-2026-fn");
  });

  test("role may read only its event's raw mail, write only its log group, send only to its queue, read only its parameter", () => {
    const doc = dataSources(tf, "aws_iam_policy_document").find((d) => JSON.stringify(d).includes("s3:GetObject")) as {
      statement: { sid?: string; actions: string[]; resources: string[] }[];
    };
    const grants = Object.fromEntries(doc.statement.filter((s) => s.sid !== "ReadCanaryKey").map((s) => [s.actions.join(","), s.resources]));
    // The canary key, on its own statement: the verifying side of the canary.
    expect(doc.statement.find((s) => s.sid === "ReadCanaryKey")?.resources).toEqual([expect.stringMatching(/^\$\{aws_ssm_parameter\.canary-key_parameter_.+\.arn\}$/)]);
    expect(grants).toEqual({
      "s3:GetObject": ["arn:aws:s3:::email-to-oncall-oncall-example-com-raw-mail/black-friday-2026/*"],
      "logs:CreateLogStream,logs:PutLogEvents": [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/)],
      "sqs:SendMessage": [expect.stringMatching(/^\$\{aws_sqs_queue\..+\.arn\}$/)],
      // The paging and the notify lane's integration URLs, nothing else.
      "ssm:GetParameter": [expect.stringMatching(/^\$\{aws_ssm_parameter\.mail-to-alert_integration-url_.+\.arn\}$/), expect.stringMatching(/^\$\{aws_ssm_parameter\.mail-to-alert_notify-integration-url_.+\.arn\}$/)],
    });
    expect(resources(tf, "aws_iam_role_policy_attachment")).toHaveLength(0); // no managed policies (AWSLambdaBasicExecutionRole grants logs on *)
  });

  test("the function is told its own queue's URL, and may send to that queue only (a permanent failure dead-letters itself)", () => {
    // The other queue is the OnCall health subscription's redrive queue (SNS writes it, not the function).
    const queues = Object.keys((tf.resource as Record<string, Record<string, unknown>>).aws_sqs_queue ?? {}).filter((q) => q.startsWith("mail-to-alert_"));
    expect(queues).toHaveLength(1);
    const queue = `aws_sqs_queue.${queues[0]}`;
    const vars = (under("aws_lambda_function", "mail-to-alert").environment as { variables: Record<string, string> }).variables;
    expect(vars.DEAD_LETTER_QUEUE_URL).toBe(`\${${queue}.url}`);
    const doc = dataSources(tf, "aws_iam_policy_document").find((d) => JSON.stringify(d).includes("sqs:SendMessage")) as { statement: { sid?: string; actions: string[]; resources: string[]; condition?: unknown }[] };
    const sqs = doc.statement.filter((st) => st.actions.some((a) => a.startsWith("sqs:")));
    expect(sqs).toEqual([{ sid: "FailOverToOwnQueue", effect: "Allow", actions: ["sqs:SendMessage"], resources: [`\${${queue}.arn}`] }]);
    // The on-failure destination (Lambda's path) is the same queue.
    expect(only(tf, "aws_lambda_function_event_invoke_config").destination_config).toEqual({ on_failure: { destination: `\${${queue}.arn}` } });
  });

  test("a function config beyond Lambda's 4 KB environment synthesizes: it goes to the config layer (issue 13)", () => {
    const many = Array.from({ length: 200 }, (_, i) => `      - person${i}@acme-shop.example`).join("\n");
    const config = loadFiles({
      "foundation.yaml": FOUNDATION_YAML,
      [`${slug}.yaml`]: eventYaml(slug).replace("  addresses: [cto@acme-shop.example]\n", `  addresses:\n${many.replace(/^ {4}/gm, "  ")}\n`),
    });
    const s = new EventStack(Testing.app(), slug, { foundation: config.foundation, event: config.events[0], functionCodeZip: stubFunctionCode() });
    const text = runtimeConfigOfLayerZip(fs.readFileSync(s.inbox.function.configLayer!.zipPath))!;
    expect(Buffer.byteLength(text)).toBeGreaterThan(4096);
    expect((JSON.parse(text) as FunctionRuntimeConfig).trustedSenders.addresses).toHaveLength(200);
  });
});

describe("PipelineAlarms", () => {
  const alarms = resources(tf, "aws_cloudwatch_metric_alarm");

  test("errors, dead-letter queue, trusted mail dropped, throttles and destination failures each alarm on the first occurrence", () => {
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      // The end-to-end canary's (below).
      "email-to-oncall-black-friday-2026-canary-missing",
      "email-to-oncall-black-friday-2026-dead-letter-queue-not-empty",
      "email-to-oncall-black-friday-2026-destination-delivery-failures",
      "email-to-oncall-black-friday-2026-errors",
      // What OnCall's health subscription missed after SNS's retries, and the reminder's own errors.
      "email-to-oncall-black-friday-2026-health-oncall-dead-letters",
      "email-to-oncall-black-friday-2026-remind-errors",
      "email-to-oncall-black-friday-2026-throttles",
      "email-to-oncall-black-friday-2026-trusted-mail-dropped",
    ]);
    for (const a of alarms.filter((x) => !String(x.alarm_name).endsWith("-canary-missing"))) {
      // The reminder's alarm spans its 30-minute interval: one failed check, one notification.
      const period = String(a.alarm_name).endsWith("-remind-errors") ? 1800 : 300;
      expect(a).toMatchObject({ threshold: 1, comparison_operator: "GreaterThanOrEqualToThreshold", evaluation_periods: 1, period, treat_missing_data: "notBreaching" });
      expect(a.alarm_description).toMatch(/\S{10,}/);
    }
    const dlq = alarms.find((a) => String(a.alarm_name).endsWith("dead-letter-queue-not-empty"))!;
    expect(dlq).toMatchObject({ namespace: "AWS/SQS", metric_name: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "email-to-oncall-black-friday-2026-dlq" } });
    // The function's own EMF metric: the Event dimension alone, as the function emits it (functions/mail-to-alert/log.ts).
    const trusted = alarms.find((a) => String(a.alarm_name).endsWith("trusted-mail-dropped"))!;
    expect(trusted).toMatchObject({ namespace: "EmailToOncall", metric_name: "TrustedMailDropped", statistic: "Sum", dimensions: { Event: "black-friday-2026" } });
    const errors = alarms.find((a) => String(a.alarm_name).endsWith("-errors"))!;
    expect(errors).toMatchObject({ namespace: "AWS/Lambda", metric_name: "Errors", dimensions: { FunctionName: "email-to-oncall-black-friday-2026" } });
  });

  test("every alarm notifies the health topic on alarm and on recovery; CloudWatch of this account may publish to it", () => {
    for (const a of alarms) {
      expect(a.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic\.alarms_topic_.+\.arn/)]);
      expect(a.ok_actions).toEqual(a.alarm_actions);
    }
    expect(only(tf, "aws_sns_topic").name).toBe("email-to-oncall-black-friday-2026-health");
    const doc = dataSources(tf, "aws_iam_policy_document").find((d) => JSON.stringify(d).includes("sns:Publish")) as { statement: Record<string, unknown>[] };
    expect(doc.statement[0]).toMatchObject({ principals: [{ type: "Service", identifiers: ["cloudwatch.amazonaws.com"] }], actions: ["sns:Publish"] });
  });
});

describe("dead-letter reminder", () => {
  test("checks the event's dead-letter queue every 30 minutes (the YAML default) and reminds its health topic", () => {
    expect(under("aws_cloudwatch_event_rule", "dlq-reminder")).toMatchObject({ name: "email-to-oncall-black-friday-2026-remind", schedule_expression: "rate(30 minutes)" });
    const fn = under("aws_lambda_function", "dlq-reminder");
    expect(fn).toMatchObject({ function_name: "email-to-oncall-black-friday-2026-remind", handler: "index.handler", runtime: "nodejs22.x" });
    expect(fn.filename).toMatch(/^assets\/.+\/dlq-reminder\.zip$/);
    expect((fn.environment as { variables: Record<string, string> }).variables).toEqual({
      DEAD_LETTER_QUEUE_URL: expect.stringMatching(/^\$\{aws_sqs_queue\.mail-to-alert_dead-letter-queue_[A-F0-9]+\.url\}$/),
      HEALTH_TOPIC_ARN: expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_[A-F0-9]+\.arn\}$/),
      EVENT_SLUG: "black-friday-2026",
    });
    expect(under("aws_lambda_permission", "dlq-reminder")).toMatchObject({ principal: "events.amazonaws.com", source_arn: expect.stringMatching(/aws_cloudwatch_event_rule\.dlq-reminder_schedule_.+\.arn/) });
  });

  test("takes function.deadLetterReminderMinutes from the YAML", () => {
    const other = synthFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "function:\n  deadLetterReminderMinutes: 120\n") }).parsed[slug]!;
    expect(resources(other, "aws_cloudwatch_event_rule").filter((r) => String(r.name).endsWith("-remind"))).toEqual([expect.objectContaining({ schedule_expression: "rate(120 minutes)" })]);
  });
});

describe("event stack independence", () => {
  test("no cross-stack references: no remote state, every foundation name is a literal derived from config", () => {
    expect(stack).not.toMatch(/terraform_remote_state/);
    expect(JSON.stringify(tf.data ?? {})).not.toMatch(/aws_s3_bucket|aws_ses_receipt_rule_set/);
  });

  test("outputs the address, the dead-letter queue and the function name", () => {
    expect(tf.output?.addresses.value).toBe("black-friday-2026@oncall.example.com");
    expect(Object.keys(tf.output ?? {})).toEqual(expect.arrayContaining(["dead_letter_queue_url", "function_name"]));
  });

  test("the shipped example config synthesizes one foundation and one event stack", () => {
    const config = loadConfig(`${__dirname}/../../events`);
    const app = Testing.app();
    const stackIds = [new EventStack(app, config.events[0].slug, { foundation: config.foundation, event: config.events[0], functionCodeZip: stubFunctionCode() })].map(
      (s) => s.node.id,
    );
    expect(stackIds).toEqual(["black-friday-2026"]);
  });
});

describe("health contacts of the shipped example (a channel that does not depend on OnCall)", () => {
  const example = synthConfig(loadConfig(path.join(REPO_ROOT, "events"), { now: () => new Date("2026-11-20T00:00:00Z") })).parsed["black-friday-2026"]!;
  const topic = expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_[A-F0-9]+\.arn\}$/);

  test("subscribes the backup mailbox and phone to the health topic, beside OnCall's own subscription", () => {
    const subs = resources(example, "aws_sns_topic_subscription").map((s) => [s.protocol, s.topic_arn, s.protocol === "https" ? "(OnCall)" : s.endpoint]);
    expect(subs).toEqual(
      expect.arrayContaining([
        ["email", topic, "oncall-backup@platform.example"],
        ["sms", topic, "+15555550100"],
        ["https", topic, "(OnCall)"],
      ]),
    );
    expect(subs).toHaveLength(3);
  });

  test("needs no HTTPS contacts' dead-letter queue: the example has no HTTPS contact (OnCall's subscription has its own)", () => {
    // The function's dead-letter queue, OnCall's health subscription's, and the reply queue with its own (the example turns replies on).
    expect(resources(example, "aws_sqs_queue").map((q) => q.name).sort()).toEqual(["email-to-oncall-black-friday-2026-dlq", "email-to-oncall-black-friday-2026-health-oncall-dlq", "email-to-oncall-black-friday-2026-reply", "email-to-oncall-black-friday-2026-reply-dlq"]);
  });

  test("an https contact in the YAML gets its retry policy and dead-letter queue", () => {
    const { parsed: p } = synthFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "health:\n  https: [https://pager.example/hooks/KEY]\n") });
    const mine = resources(p[slug]!, "aws_sns_topic_subscription").filter((s) => s.redrive_policy !== undefined && s.endpoint === '${sensitive("https://pager.example/hooks/KEY")}');
    expect(mine).toHaveLength(1);
    expect(JSON.parse(mine[0]!.delivery_policy as string).healthyRetryPolicy.backoffFunction).toBe("exponential");
    expect(resources(p[slug]!, "aws_sqs_queue").map((q) => q.name)).toContain("email-to-oncall-black-friday-2026-health-https-dlq");
  });

  test("the schema refuses a phone number that is not E.164", () => {
    expect(() => loadFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "health:\n  sms: ['555-0100']\n") })).toThrow(/E\.164/);
  });
});


describe("canary (YAML canary block)", () => {
  test("the example sends a canary every 15 minutes from canary@<mail domain>, active 24 h before the window until its end", () => {
    const fn = under("aws_lambda_function", "canary");
    expect(fn).toMatchObject({ function_name: "email-to-oncall-black-friday-2026-canary", runtime: "nodejs22.x", timeout: 30 });
    const vars = (fn.environment as { variables: Record<string, string> }).variables;
    expect(vars).toMatchObject({
      EVENT_SLUG: "black-friday-2026",
      CANARY_TO: "black-friday-2026@oncall.example.com",
      CANARY_FROM: "canary@oncall.example.com",
      // 2026-11-26T18:00 New York is 23:00Z; minus 24 h.
      CANARY_ACTIVE_FROM: "2026-11-25T23:00:00.000Z",
      CANARY_ACTIVE_UNTIL: "2026-12-01T11:00:00.000Z",
    });
    expect(resources(tf, "aws_cloudwatch_event_rule").find((r) => r.name === "email-to-oncall-black-friday-2026-canary")).toMatchObject({ schedule_expression: "rate(15 minutes)" });
  });

  test("the key is a random_password in a SecureString; the random provider is declared and nothing holds the key in clear", () => {
    expect(resources(tf, "random_password")).toEqual([{ length: 64, special: false }]);
    const param = resources(tf, "aws_ssm_parameter").find((p) => p.name === "/email-to-oncall/black-friday-2026/canary-key")!;
    expect(param).toMatchObject({ type: "SecureString", value: expect.stringMatching(/^\$\{random_password\..+\.result\}$/) });
    expect((tf.provider as Record<string, unknown>).random).toBeDefined();
    expect(JSON.stringify(tf.output ?? {})).not.toMatch(/random_password/);
  });

  test("interval, pre-flight and From come from the YAML; enabled: false removes the canary and its provider", () => {
    const tuned = synthFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "canary:\n  intervalMinutes: 30\n  preflightHours: 0\n  from: probe\n") }).parsed[slug]!;
    const fn = resources(tuned, "aws_lambda_function").find((f) => String(f.function_name).endsWith("-canary"))!;
    expect((fn.environment as { variables: Record<string, string> }).variables).toMatchObject({ CANARY_FROM: "probe@oncall.example.com" });
    expect(resources(tuned, "aws_cloudwatch_metric_alarm").find((a) => String(a.alarm_name).endsWith("-canary-missing"))).toMatchObject({ evaluation_periods: 2 });
    expect(resources(tuned, "aws_cloudwatch_event_rule").find((r) => String(r.name).endsWith("-canary"))).toMatchObject({ schedule_expression: "rate(30 minutes)" });
    const off = synthFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "canary:\n  enabled: false\n") }).parsed[slug]!;
    expect(resources(off, "random_password")).toHaveLength(0);
    expect((off.provider as Record<string, unknown>).random).toBeUndefined();
    expect(resources(off, "aws_lambda_function").map((f) => f.function_name)).not.toContain("email-to-oncall-black-friday-2026-canary");
    const mail = resources(off, "aws_lambda_function").find((f) => f.function_name === "email-to-oncall-black-friday-2026")!;
    expect(Object.keys((mail.environment as { variables: Record<string, string> }).variables)).not.toContain("CANARY_KEY_PARAMETER");
  });

  test("the schema refuses an interval the alarm cannot evaluate, with the field named", () => {
    expect(() => loadFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "canary:\n  intervalMinutes: 721\n") })).toThrow(/canary\.intervalMinutes/);
    expect(() => loadFiles({ "foundation.yaml": FOUNDATION_YAML, [`${slug}.yaml`]: eventYaml(slug, "canary:\n  from: Canary@x\n") })).toThrow(/canary\.from/);
  });
});
