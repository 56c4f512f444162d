import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { SesActiveReceiptRuleSet } from "@cdktf/provider-aws/lib/ses-active-receipt-rule-set";
import { SesDomainDkim } from "@cdktf/provider-aws/lib/ses-domain-dkim";
import { SesDomainIdentity } from "@cdktf/provider-aws/lib/ses-domain-identity";
import { SesDomainIdentityVerification } from "@cdktf/provider-aws/lib/ses-domain-identity-verification";
import { SesReceiptRuleSet } from "@cdktf/provider-aws/lib/ses-receipt-rule-set";
import { dataSources, eventYaml, FOUNDATION_YAML, only, resources, synthFiles } from "../support/synth";

const files = {
  "foundation.yaml": FOUNDATION_YAML,
  "black-friday-2026.yaml": eventYaml("black-friday-2026"),
  "cyber-monday-2026.yaml": eventYaml("cyber-monday-2026"),
};
const { json, parsed } = synthFiles(files);
const foundation = json.foundation;
const tf = parsed.foundation;

describe("MailDomain", () => {
  test("hosted zone for the mail subdomain", () => {
    expect(foundation).toHaveResourceWithProperties(Route53Zone, { name: "oncall.example.com" });
  });

  test("NS delegation in the parent zone, looked up by name, pointing at the new zone's name servers", () => {
    expect(foundation).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { name: "example.com", private_zone: false });
    const ns = resources(tf, "aws_route53_record").find((r) => r.type === "NS")!;
    expect(ns).toMatchObject({ name: "oncall.example.com", records: expect.stringMatching(/^\$\{aws_route53_zone\..+\.name_servers\}$/) });
    expect(ns.zone_id).toMatch(/^\$\{data\.aws_route53_zone\..+\.zone_id\}$/);
  });

  test("a configured parent zone id is used directly; no parent zone means no delegation record", () => {
    const withId = synthFiles({ "foundation.yaml": FOUNDATION_YAML.replace("  name: example.com\n", "  name: example.com\n  zoneId: Z0123456789ABC\n") });
    expect(dataSources(withId.parsed.foundation, "aws_route53_zone")).toHaveLength(0);
    expect(resources(withId.parsed.foundation, "aws_route53_record").find((r) => r.type === "NS")?.zone_id).toBe("Z0123456789ABC");

    const manual = synthFiles({ "foundation.yaml": FOUNDATION_YAML.replace("parentZone:\n  name: example.com\n", "") });
    expect(resources(manual.parsed.foundation, "aws_route53_record").some((r) => r.type === "NS")).toBe(false);
    expect(manual.parsed.foundation.output?.name_servers.description).toMatch(/Add these as NS records/);
  });

  test("MX points at SES inbound of the configured region", () => {
    expect(foundation).toHaveResourceWithProperties(Route53Record, {
      name: "oncall.example.com",
      type: "MX",
      records: ["10 inbound-smtp.eu-west-1.amazonaws.com"],
    });
  });

  test("SES domain identity verified through its _amazonses TXT record", () => {
    expect(foundation).toHaveResourceWithProperties(SesDomainIdentity, { domain: "oncall.example.com" });
    const txt = resources(tf, "aws_route53_record").find((r) => r.name === "_amazonses.oncall.example.com")!;
    expect(txt.type).toBe("TXT");
    expect(txt.records).toEqual([expect.stringMatching(/aws_ses_domain_identity\..+\.verification_token/)]);
    const verification = only(tf, "aws_ses_domain_identity_verification");
    expect(verification.depends_on).toEqual([expect.stringMatching(/^aws_route53_record\.mail-domain_ses-verification/)]);
    expect(foundation).toHaveResource(SesDomainIdentityVerification);
  });

  test("Easy DKIM with its three CNAMEs", () => {
    expect(foundation).toHaveResource(SesDomainDkim);
    const cnames = resources(tf, "aws_route53_record").filter((r) => r.type === "CNAME");
    expect(cnames).toHaveLength(3);
    cnames.forEach((c, i) => {
      expect(c.name).toBe(`\${element(aws_ses_domain_dkim.mail-domain_dkim_38A5572C.dkim_tokens, ${i})}._domainkey.oncall.example.com`);
      expect(c.records).toEqual([`\${element(aws_ses_domain_dkim.mail-domain_dkim_38A5572C.dkim_tokens, ${i})}.dkim.amazonses.com`]);
    });
  });

  test("SPF and strict DMARC records", () => {
    expect(foundation).toHaveResourceWithProperties(Route53Record, { name: "oncall.example.com", type: "TXT", records: ["v=spf1 include:amazonses.com -all"] });
    expect(foundation).toHaveResourceWithProperties(Route53Record, {
      name: "_dmarc.oncall.example.com",
      type: "TXT",
      records: ["v=DMARC1; p=reject; adkim=s; aspf=s"],
    });
  });
});

describe("InboundRuleSet", () => {
  test("create-and-activate creates the set and activates it", () => {
    expect(foundation).toHaveResourceWithProperties(SesReceiptRuleSet, { rule_set_name: "email-to-oncall" });
    expect(foundation).toHaveResourceWithProperties(SesActiveReceiptRuleSet, { rule_set_name: expect.stringMatching(/aws_ses_receipt_rule_set\..+\.rule_set_name/) });
  });

  test("adopt-active declares neither the set nor its activation", () => {
    const adopted = synthFiles({ "foundation.yaml": FOUNDATION_YAML + "ruleSet:\n  name: company-inbound\n  mode: adopt-active\n", "black-friday-2026.yaml": eventYaml("black-friday-2026") });
    expect(adopted.json.foundation).not.toHaveResource(SesReceiptRuleSet);
    expect(adopted.json.foundation).not.toHaveResource(SesActiveReceiptRuleSet);
    // The event rule joins the adopted set by name.
    expect(only(adopted.parsed["black-friday-2026"], "aws_ses_receipt_rule").rule_set_name).toBe("company-inbound");
  });
});

describe("RawMailBucket", () => {
  test("bucket with a derived, stable name and no force-destroy", () => {
    expect(foundation).toHaveResourceWithProperties(S3Bucket, { bucket: "email-to-oncall-oncall-example-com-raw-mail", force_destroy: false });
  });

  test("all public access blocked and ACLs disabled", () => {
    expect(foundation).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(foundation).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: "BucketOwnerEnforced" } });
  });

  test("default encryption", () => {
    expect(foundation).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: true }],
    });
  });

  test("lifecycle expiry after the configured retention", () => {
    expect(foundation).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ status: "Enabled", expiration: [{ days: 30 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] })],
    });
  });

  test("policy denies plain HTTP for everyone", () => {
    const doc = dataSources(tf, "aws_iam_policy_document")[0] as { statement: Record<string, unknown>[] };
    expect(doc.statement[0]).toMatchObject({
      effect: "Deny",
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    expect(foundation).toHaveResourceWithProperties(S3BucketPolicy, { policy: expect.stringMatching(/aws_iam_policy_document\..+\.json/) });
  });

  test("only SES of this account, through this rule set's rules, may write, only under event prefixes", () => {
    const doc = dataSources(tf, "aws_iam_policy_document")[0] as { statement: Record<string, unknown>[] };
    const write = doc.statement.find((s) => s.sid === "AllowSesReceiptRulesToStoreMail")!;
    expect(write).toMatchObject({
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
      actions: ["s3:PutObject"],
      resources: [
        "arn:aws:s3:::email-to-oncall-oncall-example-com-raw-mail/black-friday-2026/*",
        "arn:aws:s3:::email-to-oncall-oncall-example-com-raw-mail/cyber-monday-2026/*",
      ],
    });
    expect(write.condition).toEqual([
      { test: "StringEquals", variable: "AWS:SourceAccount", values: [expect.stringMatching(/data\.aws_caller_identity\..+\.account_id/)] },
      { test: "ArnLike", variable: "AWS:SourceArn", values: [expect.stringMatching(/^arn:aws:ses:eu-west-1:\$\{.+\}:receipt-rule-set\/email-to-oncall:receipt-rule\/email-to-oncall-\*$/)] },
    ]);
  });

  test("without events the bucket accepts no writes at all", () => {
    const none = synthFiles({ "foundation.yaml": FOUNDATION_YAML });
    const doc = dataSources(none.parsed.foundation, "aws_iam_policy_document")[0] as { statement: Record<string, unknown>[] };
    expect(doc.statement.map((s) => s.effect)).toEqual(["Deny"]);
  });
});

describe("foundation outputs and settings", () => {
  test("outputs name servers, bucket, rule set and every event's address", () => {
    expect(Object.keys(tf.output ?? {}).sort()).toEqual(["event_addresses", "name_servers", "raw_mail_bucket", "receipt_rule_set"]);
    expect(tf.output?.event_addresses.value).toEqual({
      "black-friday-2026": "black-friday-2026@oncall.example.com",
      "cyber-monday-2026": "cyber-monday-2026@oncall.example.com",
    });
  });

  test("provider in the configured region with tags on every resource", () => {
    expect(tf.provider?.aws).toEqual([{ region: "eu-west-1", default_tags: [{ tags: { team: "platform", app: "email-to-oncall", stack: "foundation" } }] }]);
  });

  test("local state by default, one file per stack", () => {
    expect(tf.terraform?.backend).toEqual({ local: { path: "../../../terraform-state/foundation.tfstate" } });
  });

  test("S3 state: encrypted, native lock file, one key per stack", () => {
    const s3 = synthFiles({
      "foundation.yaml": FOUNDATION_YAML + "backend:\n  type: s3\n  bucket: acme-tf-state\n  region: eu-central-1\n  keyPrefix: platform/e2o\n",
      "black-friday-2026.yaml": eventYaml("black-friday-2026"),
    });
    expect(s3.parsed.foundation.terraform?.backend).toEqual({
      s3: { bucket: "acme-tf-state", key: "platform/e2o/foundation.tfstate", region: "eu-central-1", encrypt: true, use_lockfile: true },
    });
    expect((s3.parsed["black-friday-2026"].terraform?.backend as { s3: { key: string } }).s3.key).toBe("platform/e2o/black-friday-2026.tfstate");
  });
});
