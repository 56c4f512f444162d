import type { FoundationConfig } from "../config/schema";
import { bucketNameFor } from "../config/bucket-name";

/**
 * Every name that crosses stacks is derived here from config alone, so the foundation and each
 * event stack agree without cross-stack references and each can be planned and destroyed alone.
 */
export function foundationNames(f: FoundationConfig) {
  return {
    stack: "foundation",
    bucket: bucketNameFor(f),
    ruleSet: f.ruleSet.name,
    mxHost: `inbound-smtp.${f.region}.amazonaws.com`,
  };
}

export function eventNames(f: FoundationConfig, slug: string) {
  const base = `${f.namePrefix}-${slug}`;
  return {
    stack: slug,
    base,
    receiptRule: base,
    functionName: base,
    roleName: `${base}-fn`,
    logGroup: `/aws/lambda/${base}`,
    deadLetterQueue: `${base}-dlq`,
    healthTopic: `${base}-health`,
    /** The dlq-reminder's function, role and schedule rule (short suffix: Lambda and IAM allow 64 characters). */
    reminder: `${base}-remind`,
    /** The canary's function, role and schedule rule. */
    canary: `${base}-canary`,
    /** SSM SecureString holding the canary's HMAC key (a credential). */
    canaryKeyParameter: `/${f.namePrefix}/${slug}/canary-key`,
    /** The reply sender's function, role, queue and table (`-dlq` appended for its dead letters). */
    replyPipeline: `${base}-reply`,
    /** The OnCall status endpoint's function, role and API. */
    statusEndpoint: `${base}-status`,
    /** SSM SecureString holding the status webhooks' shared secret (a credential). */
    statusSecretParameter: `/${f.namePrefix}/${slug}/oncall-status-secret`,
    /** SSM SecureString holding the OnCall integration URL (a credential). */
    urlParameter: `/${f.namePrefix}/${slug}/oncall-integration-url`,
    /** SSM SecureString holding the notify lane's OnCall integration URL. */
    notifyUrlParameter: `/${f.namePrefix}/${slug}/oncall-notify-integration-url`,
    /** Object key prefix of the event's raw mail in the shared bucket. */
    mailPrefix: `${slug}/`,
  };
}

/** SourceArn of a receipt rule, as SES presents it to S3 and Lambda. */
export function receiptRuleArn(region: string, account: string, ruleSet: string, rule: string): string {
  return `arn:aws:ses:${region}:${account}:receipt-rule-set/${ruleSet}:receipt-rule/${rule}`;
}
