import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { TerraformStack } from "cdktf";
import { RawMailBucket, RawMailBucketProps } from "../../../lib";
import { ACCOUNT, address, child, numberVariable, ref, statements, stringVariable, synth, testStack } from "../support";

const PROPS: RawMailBucketProps = {
  bucketName: "acme-raw-mail",
  retentionDays: 30,
  accountId: ACCOUNT,
  region: "eu-west-1",
  ruleSetName: "rules",
  ruleNamePrefix: "email-to-oncall-",
  writablePrefixes: ["cyber-monday/", "black-friday/"],
};

function build(props: Partial<RawMailBucketProps> = {}, stack: TerraformStack = testStack()) {
  const raw = new RawMailBucket(stack, "raw-mail", { ...PROPS, ...props });
  const s = synth(stack);
  const statement = (sid: string) => statements(s.of(raw.policyDocument)).find((x) => x.sid === sid);
  return { raw, s, statement };
}

describe("RawMailBucket", () => {
  describe("safety", () => {
    const { raw, s, statement } = build();
    const bucketId = ref(raw.bucket, "id");

    it("is the bucket named, never force-destroyed", () => {
      expect(s.of(raw.bucket)).toEqual({ bucket: "acme-raw-mail", force_destroy: false });
    });

    it("blocks every kind of public access", () => {
      expect(s.only("aws_s3_bucket_public_access_block")).toEqual({
        bucket: bucketId,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
    });

    it("enforces bucket ownership (ACLs disabled)", () => {
      expect(s.only("aws_s3_bucket_ownership_controls")).toEqual({ bucket: bucketId, rule: { object_ownership: "BucketOwnerEnforced" } });
    });

    it("encrypts by default with SSE-S3 and a bucket key", () => {
      expect(s.only("aws_s3_bucket_server_side_encryption_configuration")).toEqual({
        bucket: bucketId,
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: true }],
      });
    });

    it("expires every object after retentionDays and aborts stale uploads", () => {
      expect(s.only("aws_s3_bucket_lifecycle_configuration")).toEqual({
        bucket: bucketId,
        rule: [{ id: "expire-raw-mail", status: "Enabled", filter: [{ prefix: "" }], expiration: [{ days: 30 }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] }],
      });
    });

    it("denies every request without TLS, on the bucket and its objects", () => {
      expect(statement("DenyInsecureTransport")).toEqual({
        sid: "DenyInsecureTransport",
        effect: "Deny",
        principals: [{ type: "*", identifiers: ["*"] }],
        actions: ["s3:*"],
        resources: ["arn:aws:s3:::acme-raw-mail", "arn:aws:s3:::acme-raw-mail/*"],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      });
    });

    it("lets only ses.amazonaws.com put objects, under the inboxes' prefixes, for this account's rules of this set", () => {
      expect(statement("AllowSesReceiptRulesToStoreMail")).toEqual({
        sid: "AllowSesReceiptRulesToStoreMail",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        resources: ["arn:aws:s3:::acme-raw-mail/black-friday/*", "arn:aws:s3:::acme-raw-mail/cyber-monday/*"],
        condition: [
          { test: "StringEquals", variable: "AWS:SourceAccount", values: [ACCOUNT] },
          { test: "ArnLike", variable: "AWS:SourceArn", values: [`arn:aws:ses:eu-west-1:${ACCOUNT}:receipt-rule-set/rules:receipt-rule/email-to-oncall-*`] },
        ],
      });
      expect(statements(s.of(raw.policyDocument))).toHaveLength(2);
    });

    it("attaches the policy only after the public access block is in place", () => {
      expect(s.of(raw.policy)).toEqual({
        bucket: bucketId,
        policy: ref(raw.policyDocument, "json"),
        depends_on: [address(child(raw, "public-access-block", S3BucketPublicAccessBlock))],
      });
    });
  });

  it("accepts nothing without writable prefixes: the TLS deny is the only statement", () => {
    const { raw, s } = build({ writablePrefixes: undefined });
    expect(statements(s.of(raw.policyDocument)).map((x) => x.sid)).toEqual(["DenyInsecureTransport"]);
  });

  it("builds ARNs in the region's partition", () => {
    const { statement } = build({ region: "cn-north-1" });
    expect(statement("DenyInsecureTransport")?.resources).toEqual(["arn:aws-cn:s3:::acme-raw-mail", "arn:aws-cn:s3:::acme-raw-mail/*"]);
    expect(statement("AllowSesReceiptRulesToStoreMail")?.condition?.[1].values[0]).toMatch(/^arn:aws-cn:ses:cn-north-1:/);
  });

  it("asks data aws_partition for a region token and accepts a retentionDays token", () => {
    const stack = testStack();
    const region = stringVariable(stack, "region");
    const days = numberVariable(stack, "retention_days");
    const { raw, s, statement } = build({ region: region.value, retentionDays: days.value }, stack);
    const partition = ref(child(raw, "partition", DataAwsPartition), "partition");
    expect(s.data("aws_partition")).toHaveLength(1);
    expect(statement("DenyInsecureTransport")?.resources?.[0]).toBe(`arn:${partition}:s3:::acme-raw-mail`);
    expect(statement("AllowSesReceiptRulesToStoreMail")?.condition?.[1].values[0]).toBe(`arn:${partition}:ses:${region.json}:${ACCOUNT}:receipt-rule-set/rules:receipt-rule/email-to-oncall-*`);
    expect(s.json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, { rule: [expect.objectContaining({ expiration: [{ days: days.json }] })] });
  });

  it("accepts an account id token (data aws_caller_identity)", () => {
    const stack = testStack();
    const account = stringVariable(stack, "account");
    const { statement } = build({ accountId: account.value }, stack);
    expect(statement("AllowSesReceiptRulesToStoreMail")?.condition?.[0]).toEqual({ test: "StringEquals", variable: "AWS:SourceAccount", values: [account.json] });
  });

  it.each([0, 3651, 1.5])("rejects retentionDays %s (1 to 3650)", (retentionDays) => {
    expect(() => new RawMailBucket(testStack(), "raw-mail", { ...PROPS, retentionDays })).toThrow(/RawMailBucket: retentionDays must be an integer from 1 to 3650/);
  });

  it.each(["black-friday", "Black-Friday/", "a/b/", "/", "black friday/"])("rejects the writable prefix %j", (prefix) => {
    expect(() => new RawMailBucket(testStack(), "raw-mail", { ...PROPS, writablePrefixes: [prefix] })).toThrow(/RawMailBucket: writablePrefixes must be a prefix like "slug\/"/);
  });

  it("refuses so many prefixes that the policy would pass S3's 20 KB limit", () => {
    const writablePrefixes = Array.from({ length: 600 }, (_, i) => `event-number-${i}/`);
    expect(() => new RawMailBucket(testStack(), "raw-mail", { ...PROPS, writablePrefixes })).toThrow(/RawMailBucket: 600 event prefixes make the bucket policy exceed the 20 KB S3 limit/);
  });
});
