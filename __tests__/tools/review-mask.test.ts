import { isSensitive, literalLooksSecret, referencesSecret } from "../../tools/review/mask";

const resource = (type: string) => ({ kind: "resource" as const, type, body: {} });

describe("review masking rules", () => {
  test.each([
    "${grafana_oncall_integration.mail.link}",
    "url=${grafana_oncall_integration.mail_12AB.link}/x",
    "${data.aws_ssm_parameter.url.value}",
    "${aws_iam_access_key.k.secret}",
    "${var.grafana_token}",
    "${sensitive(aws_sns_topic.t.arn)}",
  ])("a reference to a secret attribute is sensitive: %s", (v) => {
    expect(referencesSecret(v)).toBe(true);
  });

  test.each(["${grafana_oncall_integration.mail.id}", "${aws_ssm_parameter.url.arn}", "grafana_oncall_integration.mail.link"])(
    "other references and plain text naming one are not: %s",
    (v) => expect(referencesSecret(v)).toBe(false),
  );

  test.each([
    "AKIAIOSFODNN7EXAMPLE",
    "glsa_abcdEFGH1234ijklMNOP5678_qrstuvwx",
    "https://oncall-prod-us-central-0.grafana.net/oncall/integrations/v1/webhook/aB3dE5fG7hJ9kL1mN3pQ5rS7t/",
    "https://hooks.example.com/x?token=abc",
    "https://user:hunter2@example.com/",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc",
    "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFCQ0RFRkdISUpLTE1O",
  ])("credential-looking literals are sensitive: %s", (v) => expect(literalLooksSecret(v)).toBe(true));

  test.each([
    "https://oncall-prod-eu-west-0.grafana.net/oncall",
    "https://oncall.invalid/integrations/v1/webhook/placeholder/",
    "arn:aws:ses:eu-west-1:123456789012:receipt-rule-set/email-to-oncall:receipt-rule/email-to-oncall-black-friday-2026",
    "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
    "cto@acme-shop.example",
    "Black Friday 2026: mail from Acme Shop pages the platform on-call",
    "/email-to-oncall/black-friday-2026/oncall-integration-url",
  ])("ordinary configuration is not: %s", (v) => expect(literalLooksSecret(v)).toBe(false));

  test("secret-named keys are masked anywhere in a block; look-alike names are not", () => {
    const provider = { kind: "provider" as const, type: "grafana", body: {} };
    expect(isSensitive(provider, "oncall_access_token", "a", "b")).toBe(true);
    expect(isSensitive(provider, "auth", "a", "b")).toBe(true);
    expect(isSensitive(resource("aws_lambda_function"), "environment[0].variables.API_TOKEN", "a", "b")).toBe(true);
    expect(isSensitive({ kind: "provider", type: "aws", body: {} }, "assume_role[0].secret_key", "a", "b")).toBe(true);
    expect(isSensitive(resource("aws_route53_record"), "records", ["${aws_ses_domain_dkim.d.dkim_tokens[0]}.dkim.amazonses.com"], undefined)).toBe(false);
    expect(isSensitive(resource("aws_kms_key"), "kms_key_id", "x", "y")).toBe(false);
    expect(isSensitive(resource("aws_lambda_function"), "source_code_hash", "x", "y")).toBe(false);
  });

  test("resource attributes that always hold secrets, and sensitive outputs, are masked whatever the value", () => {
    expect(isSensitive(resource("aws_ssm_parameter"), "value", undefined, "plain")).toBe(true);
    expect(isSensitive(resource("aws_ssm_parameter"), "name", undefined, "plain")).toBe(false);
    expect(isSensitive({ kind: "output", type: "output", body: { value: "x", sensitive: true } }, "value", undefined, "x")).toBe(true);
    expect(isSensitive({ kind: "output", type: "output", body: { value: "x" } }, "value", undefined, "x")).toBe(false);
  });

  test("one secret side masks both sides of a change", () => {
    expect(isSensitive(resource("aws_lambda_function"), "description", "AKIAIOSFODNN7EXAMPLE", "now harmless")).toBe(true);
  });
});
