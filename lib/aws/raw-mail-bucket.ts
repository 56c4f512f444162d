import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { partitionFor } from "../core/partition";
import { checkIntegerRange, checkPattern } from "../core/tokens";

export interface RawMailBucketProps {
  readonly bucketName: string;
  /** Days a raw mail is kept; it is evidence for an incident review, not an archive. */
  readonly retentionDays: number;
  /** AWS account id whose SES may write (a token from `data aws_caller_identity` is fine). */
  readonly accountId: string;
  readonly region: string;
  /** Receipt rule set whose rules may write. */
  readonly ruleSetName: string;
  /**
   * Prefix of the receipt rule names allowed to write (SourceArn is matched with this prefix).
   */
  readonly ruleNamePrefix: string;
  /**
   * Object key prefixes (one per event, e.g. `black-friday-2026/`) SES may write under. No
   * prefix, no write statement: the bucket then accepts nothing.
   * @default []
   */
  readonly writablePrefixes?: readonly string[];
}

/**
 * Where SES stores every raw mail before any code runs, so nothing is lost. Private (all public
 * access blocked, ACLs disabled), encrypted by default, TLS-only, expiring, and writable only by
 * SES of this account through this rule set's event rules, under the events' prefixes.
 */
export class RawMailBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly policy: S3BucketPolicy;
  public readonly policyDocument: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: RawMailBucketProps) {
    super(scope, id);
    checkIntegerRange("RawMailBucket", "retentionDays", props.retentionDays, 1, 3650);
    for (const p of props.writablePrefixes ?? []) checkPattern("RawMailBucket", "writablePrefixes", p, /^[a-z0-9-]+\/$/, 'a prefix like "slug/"');
    const partition = partitionFor(this, props.region);
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: false });

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    // SSE-S3 rather than the S3 action's kms_key_arn: that option is client-side encryption and
    // would hand the function ciphertext it must decrypt itself.
    new S3BucketServerSideEncryptionConfiguration(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-raw-mail",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: props.retentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });

    const bucketArn = `arn:${partition}:s3:::${props.bucketName}`;
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        principals: [{ type: "*", identifiers: ["*"] }],
        // A Deny restricts, it grants nothing: every action must be covered, hence the wildcard.
        actions: ["s3:*"],
        resources: [bucketArn, `${bucketArn}/*`],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
    ];
    const prefixes = [...(props.writablePrefixes ?? [])].sort();
    // S3 rejects bucket policies over 20 KB at apply time; fail at synth with the reason instead.
    const estimate = 900 + prefixes.reduce((n, p) => n + bucketArn.length + p.length + 6, 0);
    if (estimate > 20 * 1024) {
      throw new Error(`RawMailBucket: ${prefixes.length} event prefixes make the bucket policy exceed the 20 KB S3 limit; retire finished events`);
    }
    if (prefixes.length > 0) {
      statements.push({
        sid: "AllowSesReceiptRulesToStoreMail",
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["ses.amazonaws.com"] }],
        actions: ["s3:PutObject"],
        resources: prefixes.map((p) => `${bucketArn}/${p}*`),
        condition: [
          { test: "StringEquals", variable: "AWS:SourceAccount", values: [props.accountId] },
          {
            test: "ArnLike",
            variable: "AWS:SourceArn",
            values: [`arn:${partition}:ses:${props.region}:${props.accountId}:receipt-rule-set/${props.ruleSetName}:receipt-rule/${props.ruleNamePrefix}*`],
          },
        ],
      });
    }
    this.policyDocument = new DataAwsIamPolicyDocument(this, "policy-document", { statement: statements });
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: this.policyDocument.json,
      // Put the block in place first, so the bucket is never briefly governed by the policy alone.
      dependsOn: [publicAccessBlock],
    });
  }
}
