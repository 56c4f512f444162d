import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { EventSpec } from "../config/load";
import type { FoundationConfig } from "../config/schema";
import { awsProvider, configureBackend } from "./provider-and-backend";
import { InboundRuleSet } from "./constructs/inbound-rule-set";
import { MailDomain } from "./constructs/mail-domain";
import { RawMailBucket } from "./constructs/raw-mail-bucket";
import { eventNames, foundationNames } from "./naming";

export interface FoundationStackProps {
  readonly foundation: FoundationConfig;
  /** Events whose prefixes the bucket accepts mail under (and whose addresses are output). */
  readonly events: readonly EventSpec[];
}

/** Per account and region: the mail domain, SES inbound (the one shared rule set) and the raw-mail bucket. */
export class FoundationStack extends TerraformStack {
  public readonly mailDomain: MailDomain;
  public readonly ruleSet: InboundRuleSet;
  public readonly rawMail: RawMailBucket;

  constructor(scope: Construct, id: string, props: FoundationStackProps) {
    super(scope, id);
    const f = props.foundation;
    const names = foundationNames(f);
    configureBackend(this, id, f.backend);
    awsProvider(this, f, { stack: id });
    const account = new DataAwsCallerIdentity(this, "account");

    this.mailDomain = new MailDomain(this, "mail-domain", {
      domain: f.mailDomain,
      region: f.region,
      parentZone: f.parentZone,
      dmarcPolicy: f.dmarc.policy,
      dmarcReportAddress: f.dmarc.reportAddress,
    });
    this.ruleSet = new InboundRuleSet(this, "inbound", { name: names.ruleSet, mode: f.ruleSet.mode });
    this.rawMail = new RawMailBucket(this, "raw-mail", {
      bucketName: names.bucket,
      retentionDays: f.rawMail.retentionDays,
      accountId: account.accountId,
      region: f.region,
      ruleSetName: names.ruleSet,
      ruleNamePrefix: `${f.namePrefix}-`,
      writablePrefixes: props.events.map((e) => eventNames(f, e.slug).mailPrefix),
    });

    new TerraformOutput(this, "name_servers", {
      value: this.mailDomain.zone.nameServers,
      description: f.parentZone
        ? `Name servers of ${f.mailDomain} (delegated in ${f.parentZone.name} by this stack)`
        : `Add these as NS records for ${f.mailDomain} in its parent zone (no parentZone configured)`,
    });
    new TerraformOutput(this, "raw_mail_bucket", { value: this.rawMail.bucket.bucket });
    new TerraformOutput(this, "receipt_rule_set", { value: names.ruleSet });
    new TerraformOutput(this, "event_addresses", {
      value: Object.fromEntries(props.events.map((e) => [e.slug, e.addresses.join(", ")])),
      description: "Emergency address(es) per event",
    });
  }
}
