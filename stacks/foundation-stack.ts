import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { EventSpec } from "../config/load";
import type { FoundationConfig } from "../config/schema";
import { awsProvider, configureBackend } from "./provider-and-backend";
import { EmergencyMailDomain } from "../lib/aws/emergency-mail-domain";
import { eventNames, foundationNames } from "./naming";

export interface FoundationStackProps {
  readonly foundation: FoundationConfig;
  /** Events whose prefixes the bucket accepts mail under (and whose addresses are output). */
  readonly events: readonly EventSpec[];
}

/** Per account and region, from foundation.yaml: the library's EmergencyMailDomain (zone, SES, rule set, bucket). */
export class FoundationStack extends TerraformStack {
  public readonly domain: EmergencyMailDomain;

  constructor(scope: Construct, id: string, props: FoundationStackProps) {
    super(scope, id);
    const f = props.foundation;
    const names = foundationNames(f);
    configureBackend(this, id, f.backend);
    awsProvider(this, f, { stack: id });

    // Id "Default": cdktf leaves it out of logical ids, so the resources keep the addresses they
    // had before the library existed (no state moves).
    this.domain = new EmergencyMailDomain(this, "Default", {
      domain: f.mailDomain,
      region: f.region,
      parentZone: f.parentZone,
      dmarcPolicy: f.dmarc.policy,
      dmarcReportAddress: f.dmarc.reportAddress,
      ruleSetName: names.ruleSet,
      ruleSetMode: f.ruleSet.mode,
      bucketName: names.bucket,
      retentionDays: f.rawMail.retentionDays,
      inboxPrefixes: props.events.map((e) => eventNames(f, e.slug).mailPrefix),
      ruleNamePrefix: `${f.namePrefix}-`,
    });

    new TerraformOutput(this, "name_servers", {
      value: this.domain.mailDomain.zone.nameServers,
      description: f.parentZone
        ? `Name servers of ${f.mailDomain} (delegated in ${f.parentZone.name} by this stack)`
        : `Add these as NS records for ${f.mailDomain} in its parent zone (no parentZone configured)`,
    });
    new TerraformOutput(this, "raw_mail_bucket", { value: this.domain.rawMail.bucket.bucket });
    new TerraformOutput(this, "receipt_rule_set", { value: names.ruleSet });
    new TerraformOutput(this, "event_addresses", {
      value: Object.fromEntries(props.events.map((e) => [e.slug, e.addresses.join(", ")])),
      description: "Emergency address(es) per event",
    });
  }
}
