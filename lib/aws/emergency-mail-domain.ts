import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { Construct } from "constructs";
import { nameFrom } from "../core/names";
import { checkPattern, isUnresolved } from "../core/tokens";
import { InboundRuleSet } from "./inbound-rule-set";
import { MailDomain } from "./mail-domain";
import { RawMailBucket } from "./raw-mail-bucket";

export interface EmergencyMailDomainProps {
  /** Mail subdomain that receives the emergency mail (its own hosted zone, MX to SES inbound). */
  readonly domain: string;
  /** Region of SES inbound and the bucket (SES receives mail only in some regions). */
  readonly region: string;
  /**
   * Route 53 zone to write the NS delegation in.
   * @default no delegation: add the zone's name servers in the parent by hand
   */
  readonly parentZone?: { readonly name: string; readonly zoneId?: string };
  /** @default "reject" */
  readonly dmarcPolicy?: "none" | "quarantine" | "reject";
  /** @default no aggregate reports */
  readonly dmarcReportAddress?: string;
  /** Custom MAIL FROM label for replies (MailDomain.mailFromSubdomain); `false` for none. @default "bounce" */
  readonly mailFromSubdomain?: string | false;
  /**
   * The account's SES receipt rule set the inboxes join.
   * @default derived from the construct ids
   */
  readonly ruleSetName?: string;
  /** @default "create-and-activate" */
  readonly ruleSetMode?: "create-and-activate" | "adopt-active";
  /** S3 names are global. @default `<domain with dashes>-raw-mail`, e.g. `oncall-example-com-raw-mail` */
  readonly bucketName?: string;
  /** @default 90 */
  readonly retentionDays?: number;
  /** Object key prefix of every inbox that stores mail here (e.g. `black-friday-2026/`). */
  readonly inboxPrefixes: readonly string[];
  /**
   * Prefix of the receipt rule names allowed to write (the inboxes' rule names start with it).
   * @default "email-to-oncall-" (EmergencyInbox's default namePrefix and a hyphen)
   */
  readonly ruleNamePrefix?: string;
  /**
   * Account whose SES may write.
   * @default this stack's account (`data aws_caller_identity`)
   */
  readonly accountId?: string;
}

/**
 * The mail domain of an account and region: hosted zone, MX, SES identity with DKIM, SPF and
 * DMARC, the custom MAIL FROM replies are sent with; the one shared receipt rule set; and the private, encrypted raw-mail bucket that only
 * SES, through this set's inbox rules, may write to. Children: `mailDomain`, `ruleSet`, `rawMail`.
 */
export class EmergencyMailDomain extends Construct {
  public readonly mailDomain: MailDomain;
  public readonly ruleSet: InboundRuleSet;
  public readonly rawMail: RawMailBucket;
  public readonly ruleSetName: string;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: EmergencyMailDomainProps) {
    super(scope, id);
    for (const p of props.inboxPrefixes) checkPattern("EmergencyMailDomain", "inboxPrefixes", p, /^[a-z0-9-]+\/$/, 'a prefix like "slug/"');
    this.ruleSetName = props.ruleSetName ?? nameFrom(this, "rules");
    // S3 names are global: derive the default from the mail domain, which is the consumer's own.
    this.bucketName = props.bucketName ?? (isUnresolved(props.domain) ? nameFrom(this, "raw-mail", 63) : `${props.domain.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-raw-mail`.slice(0, 63).replace(/-+$/, ""));
    const accountId = props.accountId ?? new DataAwsCallerIdentity(this, "account").accountId;
    this.mailDomain = new MailDomain(this, "mail-domain", {
      domain: props.domain,
      region: props.region,
      parentZone: props.parentZone,
      dmarcPolicy: props.dmarcPolicy,
      dmarcReportAddress: props.dmarcReportAddress,
      mailFromSubdomain: props.mailFromSubdomain,
    });
    this.ruleSet = new InboundRuleSet(this, "inbound", { name: this.ruleSetName, mode: props.ruleSetMode });
    this.rawMail = new RawMailBucket(this, "raw-mail", {
      bucketName: this.bucketName,
      retentionDays: props.retentionDays ?? 90,
      accountId,
      region: props.region,
      ruleSetName: this.ruleSetName,
      ruleNamePrefix: props.ruleNamePrefix ?? "email-to-oncall-",
      writablePrefixes: props.inboxPrefixes,
    });
  }
}
