import { eventYaml, FOUNDATION_YAML, synthFiles, TfJson } from "../support/synth";

// Security properties checked across every synthesized stack, so a new construct cannot slip
// past them: least-privilege IAM, private encrypted buckets, secrets only as sensitive values.
const { parsed, json } = synthFiles({
  "foundation.yaml": FOUNDATION_YAML,
  "black-friday-2026.yaml": eventYaml("black-friday-2026"),
  // A second channel with every kind of contact, so its queue and queue policy are checked too.
  "cyber-monday-2026.yaml": eventYaml("cyber-monday-2026", "health:\n  email: [backup@platform.example]\n  sms: ['+15555550100']\n  https: [https://pager.example/hooks/KEY]\n"),
  // Replies on: the reply pipeline, the status endpoint and its webhooks are checked too.
  "launch-2026.yaml": eventYaml("launch-2026", "replies:\n  phone: '+15555550100'\n"),
});
const stacks = Object.entries(parsed);

interface Statement {
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  not_resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
}

function statementsOf(tf: TfJson): Statement[] {
  const docs = Object.values(tf.data?.aws_iam_policy_document ?? {}) as { statement?: Statement[] }[];
  return docs.flatMap((d) => d.statement ?? []);
}

describe("IAM is least privilege", () => {
  test("every policy is a policy document data source (no inline JSON that escapes these checks)", () => {
    for (const [, tf] of stacks) {
      for (const type of ["aws_iam_role_policy", "aws_s3_bucket_policy", "aws_sns_topic_policy", "aws_sqs_queue_policy", "aws_iam_role"]) {
        for (const r of Object.values(tf.resource[type] ?? {})) {
          const doc = (r.policy ?? r.assume_role_policy) as string;
          expect(doc).toMatch(/^\$\{data\.aws_iam_policy_document\.[^}]+\.json\}$/);
        }
      }
    }
  });

  test("no Allow statement grants a wildcard action, NotAction or NotResource", () => {
    const allows = stacks.flatMap(([, tf]) => statementsOf(tf)).filter((s) => (s.effect ?? "Allow") === "Allow");
    expect(allows.length).toBeGreaterThanOrEqual(8);
    for (const s of allows) {
      expect(s.not_actions).toBeUndefined();
      expect(s.not_resources).toBeUndefined();
      for (const a of s.actions ?? []) expect(a).not.toMatch(/\*/);
    }
  });

  test("every SES send grant names its From; the canary's also its recipients (the line's DKIM-signed mail goes nowhere else)", () => {
    const sends = stacks.flatMap(([, tf]) => statementsOf(tf)).filter((s) => (s.actions ?? []).some((a) => a.startsWith("ses:Send")));
    expect(sends.length).toBeGreaterThanOrEqual(2);
    for (const s of sends as (Statement & { condition?: { test: string; variable: string; values: string[] }[] })[]) {
      const from = s.condition?.find((c) => c.test === "StringEquals" && c.variable === "ses:FromAddress");
      expect(from).toBeDefined();
      // Replies go to whoever SES authenticated as a trusted sender (domains and wildcards cannot be
      // enumerated), so only their From is pinned; the canary writes to the event's addresses only.
      if (from!.values.every((v) => v.startsWith("canary@"))) expect(s.condition).toContainEqual(expect.objectContaining({ test: "ForAllValues:StringEquals", variable: "ses:Recipients" }));
    }
  });

  test("every Allow statement is scoped to named resources (no bare *, no account-wide ARNs)", () => {
    for (const [, tf] of stacks) {
      for (const s of statementsOf(tf).filter((x) => (x.effect ?? "Allow") === "Allow" && !(x.actions ?? []).includes("sts:AssumeRole"))) {
        expect(s.resources?.length).toBeGreaterThan(0);
        for (const r of s.resources ?? []) {
          expect(r).not.toBe("*");
          expect(r).not.toMatch(/^arn:aws:s3:::[^/]+\/\*$/); // never a whole bucket: only event prefixes
        }
      }
    }
  });

  test("wildcards appear only in Deny statements (they restrict, they grant nothing)", () => {
    const denies = stacks.flatMap(([, tf]) => statementsOf(tf)).filter((s) => s.effect === "Deny");
    expect(denies.length).toBeGreaterThan(0);
    for (const d of denies) expect(JSON.stringify(d)).toMatch(/aws:SecureTransport/);
  });

  test("service principals are always constrained to this account", () => {
    for (const [, tf] of stacks) {
      for (const s of statementsOf(tf).filter((x) => x.principals?.some((p) => p.type === "Service"))) {
        expect(JSON.stringify(s)).toMatch(/"variable":"(aws|AWS):SourceAccount"/);
      }
      for (const p of Object.values(tf.resource.aws_lambda_permission ?? {})) {
        expect(p.source_account).toBeDefined();
        expect(p.source_arn).toBeDefined();
      }
    }
  });
});

describe("buckets are private and encrypted", () => {
  test("each bucket has a full public access block, enforced ownership, default encryption, a TLS-only policy and expiry", () => {
    const tf = parsed.foundation;
    const buckets = Object.keys(tf.resource.aws_s3_bucket ?? {});
    expect(buckets).toHaveLength(1);
    for (const id of buckets) {
      const ref = `\${aws_s3_bucket.${id}.id}`;
      const find = (type: string) => Object.values(tf.resource[type] ?? {}).find((r) => r.bucket === ref);
      expect(find("aws_s3_bucket_public_access_block")).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
      expect(find("aws_s3_bucket_ownership_controls")).toBeDefined();
      expect(find("aws_s3_bucket_server_side_encryption_configuration")).toBeDefined();
      expect(find("aws_s3_bucket_policy")).toBeDefined();
      expect(find("aws_s3_bucket_lifecycle_configuration")).toBeDefined();
    }
  });

  test("queues are encrypted", () => {
    for (const [, tf] of stacks) for (const q of Object.values(tf.resource.aws_sqs_queue ?? {})) expect(q.sqs_managed_sse_enabled).toBe(true);
    // The health contacts' dead-letter queue is among them.
    expect(Object.values(parsed["cyber-monday-2026"]!.resource.aws_sqs_queue ?? {}).map((q) => q.name)).toContain("email-to-oncall-cyber-monday-2026-health-https-dlq");
  });

  test("a queue policy names no * principal, and a service principal only with a SourceArn condition", () => {
    const policies = stacks.flatMap(([, tf]) => Object.values(tf.resource.aws_sqs_queue_policy ?? {}).map((p) => ({ tf, p })));
    // One per event stack (three) for OnCall's health subscription's redrive queue, one for cyber-monday's HTTPS contacts.
    expect(policies).toHaveLength(4);
    for (const { tf, p } of policies) {
      const id = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(p.policy as string)![1]!;
      const doc = tf.data!.aws_iam_policy_document![id] as { statement: (Statement & { condition?: { variable: string; values: string[] }[] })[] };
      for (const st of doc.statement) {
        for (const pr of st.principals ?? []) {
          expect(pr.identifiers).not.toContain("*");
          expect(pr.type).not.toBe("*");
        }
        const sourceArn = (st.condition ?? []).find((c) => c.variable === "aws:SourceArn");
        expect(sourceArn?.values).toEqual([expect.stringMatching(/^\$\{aws_sns_topic\.[^.]+\.arn\}$/)]);
      }
    }
  });
});

describe("secrets", () => {
  test("the integration URL lives only in SecureString parameters and is never an output or a literal", () => {
    for (const [name, tf] of stacks) {
      for (const p of Object.values(tf.resource.aws_ssm_parameter ?? {})) expect(p.type).toBe("SecureString");
      expect(JSON.stringify(tf.output ?? {})).not.toMatch(/ssm_parameter|\.link\}|webhook|integrations\/v1/);
      // No literal OnCall URL anywhere in what a reviewer reads.
      expect(json[name]).not.toMatch(/https:\/\/[^"$]*\/integrations\/v1\/[a-z_]+\/[A-Za-z0-9]{10,}/);
    }
  });

  test("the status webhooks' secret is generated, stored only as a SecureString and passed to OnCall only as sensitive()", () => {
    const tf = parsed["launch-2026"]!;
    // The event also has the canary's key and the reply-context key (other random_passwords, under canary-key_ and reply-key_).
    const [secretId, secret] = Object.entries(tf.resource.random_password ?? {}).find(([id]) => !id.startsWith("canary-key_") && !id.startsWith("reply-key_"))!;
    expect(secret).toMatchObject({ length: 48, special: false });
    const result = `random_password.${secretId}.result`;
    const users = JSON.stringify(tf.resource).split(result).length - 1;
    const param = Object.values(tf.resource.aws_ssm_parameter).find((p) => p.value === `\${${result}}`);
    expect(param).toMatchObject({ type: "SecureString", name: "/email-to-oncall/launch-2026/oncall-status-secret" });
    const hooks = Object.values(tf.resource.grafana_oncall_outgoing_webhook ?? {});
    expect(hooks.map((h) => h.trigger_type).sort()).toEqual(["acknowledge", "resolve", "unresolve"]);
    const mail = Object.keys(tf.resource.grafana_oncall_integration).find((id) => id.startsWith("oncall_mail_integration"))!;
    for (const h of hooks) {
      expect(h.authorization_header).toBe(`\${sensitive(${result})}`);
      expect(h.integration_filter).toEqual([`\${grafana_oncall_integration.${mail}.id}`]);
      expect(h.url).toMatch(/^\$\{aws_apigatewayv2_api\.[^.]+\.api_endpoint\}\/oncall$/);
    }
    // The parameter and the three webhooks: nowhere else (no environment, no output).
    expect(users).toBe(4);
    expect(JSON.stringify(tf.output ?? {})).not.toContain("random_password");
  });

  test("the reply-context key is generated, stored only as a SecureString, named to both functions, readable by exactly their two roles", () => {
    const tf = parsed["launch-2026"]!;
    const [keyId, key] = Object.entries(tf.resource.random_password ?? {}).find(([id]) => id.startsWith("reply-key_"))!;
    expect(key).toEqual({ length: 64, special: false });
    const result = `random_password.${keyId}.result`;
    // The parameter only: never an environment, an output, or OnCall.
    expect(JSON.stringify(tf.resource).split(result).length - 1).toBe(1);
    expect(JSON.stringify(tf.output ?? {})).not.toContain(keyId);
    const [paramId, param] = Object.entries(tf.resource.aws_ssm_parameter).find(([, p]) => p.value === `\${${result}}`)!;
    expect(param).toMatchObject({ type: "SecureString", name: "/email-to-oncall/launch-2026/reply-key", description: expect.stringContaining("credential") });
    const fns = Object.values(tf.resource.aws_lambda_function ?? {}) as { function_name: string; environment?: { variables: Record<string, string> } }[];
    const named = fns.filter((f) => f.environment?.variables.REPLY_KEY_PARAMETER !== undefined);
    expect(named.map((f) => [f.function_name, f.environment!.variables.REPLY_KEY_PARAMETER]).sort()).toEqual([
      ["email-to-oncall-launch-2026", `\${aws_ssm_parameter.${paramId}.name}`],
      ["email-to-oncall-launch-2026-status", `\${aws_ssm_parameter.${paramId}.name}`],
    ]);
    // Least privilege: ssm:GetParameter on this one parameter, in the two roles' own statements, nothing else.
    const arn = `\${aws_ssm_parameter.${paramId}.arn}`;
    const grants = Object.entries(tf.data?.aws_iam_policy_document ?? {}).flatMap(([doc, d]) => ((d as { statement?: (Statement & { sid?: string })[] }).statement ?? []).filter((st) => (st.resources ?? []).includes(arn)).map((st) => [doc.replace(/_[0-9A-F]{8}$/, ""), st.sid, st.actions, st.resources]));
    expect(grants.sort()).toEqual([
      ["mail-to-alert_permissions", "ReadReplyKey", ["ssm:GetParameter"], [arn]],
      ["status_permissions", "ReadReplyKey", ["ssm:GetParameter"], [arn]],
    ]);
    // Without replies there is no status mail, so no key either.
    for (const name of ["black-friday-2026", "cyber-monday-2026"]) expect(Object.keys(parsed[name]!.resource.random_password ?? {}).filter((id) => id.startsWith("reply-key_"))).toEqual([]);
  });

  test("replies may be sent only through the mail domain's identity as the event's own addresses", () => {
    const ses = statementsOf(parsed["launch-2026"]!).filter((st) => (st.actions ?? []).some((a) => a.startsWith("ses:")));
    expect(ses).toEqual([
      // The canary sends as its own address only.
      expect.objectContaining({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [expect.stringMatching(/^arn:aws:ses:eu-west-1:\$\{data\.aws_caller_identity\.account\.account_id\}:identity\/oncall\.example\.com$/)],
        condition: [
          { test: "StringEquals", variable: "ses:FromAddress", values: ["canary@oncall.example.com"] },
          { test: "ForAllValues:StringEquals", variable: "ses:Recipients", values: ["launch-2026@oncall.example.com"] },
        ],
      }),
      expect.objectContaining({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [expect.stringMatching(/^arn:aws:ses:eu-west-1:\$\{data\.aws_caller_identity\.account\.account_id\}:identity\/oncall\.example\.com$/)],
        condition: [{ test: "StringEquals", variable: "ses:FromAddress", values: ["launch-2026@oncall.example.com"] }],
      }),
    ]);
    // Elsewhere only the canaries may send, each as canary@ only.
    for (const [name, tf] of stacks) if (name !== "launch-2026") for (const st of statementsOf(tf).filter((x) => (x.actions ?? []).some((a) => a.startsWith("ses:Send")))) expect((st as { condition?: { variable: string; values: string[] }[] }).condition?.find((c) => c.variable === "ses:FromAddress")?.values).toEqual(["canary@oncall.example.com"]);
  });

  test("no provider block carries credentials", () => {
    for (const [, tf] of stacks) {
      expect(JSON.stringify(tf.provider ?? {})).not.toMatch(/access_key|secret_key|auth|token|password/i);
    }
  });
});

describe("the function's config layer (issue 13)", () => {
  test("is private (no layer permission shares it) and adds no grant to any role", () => {
    for (const [, tf] of stacks) {
      expect(tf.resource.aws_lambda_layer_version_permission).toBeUndefined();
      for (const doc of Object.values(tf.data?.aws_iam_policy_document ?? {}) as { statement?: { actions?: string[] }[] }[]) {
        for (const st of doc.statement ?? []) expect((st.actions ?? []).filter((a) => a.startsWith("lambda:GetLayer"))).toEqual([]);
      }
    }
    const layers = stacks.flatMap(([, tf]) => Object.values(tf.resource.aws_lambda_layer_version ?? {}));
    expect(layers).toHaveLength(3); // one per event
  });

  test("the integration URL and other secrets never reach the layer (it holds the runtime config only)", () => {
    for (const [, tf] of stacks) {
      for (const fn of Object.values(tf.resource.aws_lambda_function ?? {}) as { environment?: { variables: Record<string, string> } }[]) {
        expect(JSON.stringify(fn.environment ?? {})).not.toMatch(/integrations\/v1|\.link/);
      }
    }
  });
});
