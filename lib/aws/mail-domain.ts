import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SesDomainDkim } from "@cdktf/provider-aws/lib/ses-domain-dkim";
import { SesDomainIdentity } from "@cdktf/provider-aws/lib/ses-domain-identity";
import { SesDomainIdentityVerification } from "@cdktf/provider-aws/lib/ses-domain-identity-verification";
import { SesDomainMailFrom } from "@cdktf/provider-aws/lib/ses-domain-mail-from";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { checkPattern, isUnresolved } from "../core/tokens";

export interface MailDomainProps {
  /** The mail subdomain, e.g. `oncall.example.com`. It gets its own hosted zone. */
  readonly domain: string;
  /** Region whose SES inbound endpoint receives the mail (MX target). */
  readonly region: string;
  /**
   * Route 53 zone to write the NS delegation in. When omitted, no delegation record is created
   * and the name servers must be added by hand (the stack outputs them).
   * @default - no delegation
   */
  readonly parentZone?: { readonly name: string; readonly zoneId?: string };
  /**
   * DMARC policy published for the mail domain. It sends no mail, so `reject` is right.
   * @default "reject"
   */
  readonly dmarcPolicy?: "none" | "quarantine" | "reject";
  /**
   * Address that receives aggregate DMARC reports.
   * @default - no reports
   */
  readonly dmarcReportAddress?: string;
  /**
   * TTL of the records in seconds. Short enough to fix a mistake during an event.
   * @default 300
   */
  readonly ttl?: number;
  /**
   * Label of the custom MAIL FROM subdomain replies are sent with (`bounce` gives
   * `bounce.<domain>`): SES then sends from a return path under the mail domain, with its own MX
   * (bounces go back to SES) and SPF `include:amazonses.com`, instead of amazonses.com. `false`:
   * no custom MAIL FROM (the domain receives only).
   * @default "bounce"
   */
  readonly mailFromSubdomain?: string | false;
}

/**
 * The mail subdomain as SES needs it: a hosted zone (optionally delegated from its parent), the
 * MX to SES inbound, a verified SES domain identity with Easy DKIM, and SPF/DMARC records that
 * say "nobody sends as this domain except SES", so the address cannot be spoofed into a loop.
 * For replies it also sends: a custom MAIL FROM subdomain with its MX and SPF records; Easy DKIM
 * signs as the domain itself, which is what aligns under the strict DMARC policy.
 */
export class MailDomain extends Construct {
  public readonly zone: Route53Zone;
  public readonly identity: SesDomainIdentity;
  public readonly verification: SesDomainIdentityVerification;
  public readonly dkim: SesDomainDkim;
  public readonly mx: Route53Record;
  /** NS record in the parent zone; undefined when delegation is by hand. */
  public readonly delegation?: Route53Record;
  /** The custom MAIL FROM domain and its MX and SPF records; undefined with `mailFromSubdomain: false`. */
  public readonly mailFrom?: { readonly domain: SesDomainMailFrom; readonly mx: Route53Record; readonly spf: Route53Record };

  constructor(scope: Construct, id: string, props: MailDomainProps) {
    super(scope, id);
    if (props.parentZone && !isUnresolved(props.domain) && !isUnresolved(props.parentZone.name) && !props.domain.endsWith(`.${props.parentZone.name}`)) {
      throw new Error(`MailDomain: parentZone.name ${props.parentZone.name} is not a parent of domain ${props.domain}`);
    }
    const ttl = props.ttl ?? 300;
    const domain = props.domain;
    const mailFromLabel = props.mailFromSubdomain ?? "bounce";
    if (mailFromLabel !== false) checkPattern("MailDomain", "mailFromSubdomain", mailFromLabel, /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "one DNS label such as bounce");

    this.zone = new Route53Zone(this, "zone", {
      name: domain,
      comment: `Emergency mail domain managed by email-to-oncall`,
    });

    if (props.parentZone) {
      const parentZoneId =
        props.parentZone.zoneId ??
        new DataAwsRoute53Zone(this, "parent", { name: props.parentZone.name, privateZone: false }).zoneId;
      this.delegation = new Route53Record(this, "delegation", {
        zoneId: parentZoneId,
        name: domain,
        type: "NS",
        ttl: 3600,
        records: this.zone.nameServers,
      });
    }

    this.mx = new Route53Record(this, "mx", {
      zoneId: this.zone.zoneId,
      name: domain,
      type: "MX",
      ttl,
      records: [`10 inbound-smtp.${props.region}.amazonaws.com`],
    });

    this.identity = new SesDomainIdentity(this, "identity", { domain });
    const verificationRecord = new Route53Record(this, "ses-verification", {
      zoneId: this.zone.zoneId,
      name: `_amazonses.${domain}`,
      type: "TXT",
      ttl,
      records: [this.identity.verificationToken],
    });
    this.verification = new SesDomainIdentityVerification(this, "identity-verification", {
      domain: this.identity.domain,
      dependsOn: [verificationRecord],
    });

    this.dkim = new SesDomainDkim(this, "dkim", { domain: this.identity.domain });
    // Easy DKIM always issues exactly three tokens; fixed records keep the plan readable.
    for (let i = 0; i < 3; i++) {
      const token = Fn.element(this.dkim.dkimTokens, i);
      new Route53Record(this, `dkim-${i}`, {
        zoneId: this.zone.zoneId,
        name: `${token}._domainkey.${domain}`,
        type: "CNAME",
        ttl,
        records: [`${token}.dkim.amazonses.com`],
      });
    }

    new Route53Record(this, "spf", {
      zoneId: this.zone.zoneId,
      name: domain,
      type: "TXT",
      ttl,
      records: ["v=spf1 include:amazonses.com -all"],
    });

    if (mailFromLabel !== false) {
      const mailFromDomain = `${mailFromLabel}.${domain}`;
      this.mailFrom = {
        // UseDefaultValue: while the MX is missing SES falls back to its own MAIL FROM; the reply
        // still goes out, DKIM-aligned, rather than being refused.
        domain: new SesDomainMailFrom(this, "mail-from", { domain: this.identity.domain, mailFromDomain, behaviorOnMxFailure: "UseDefaultValue" }),
        mx: new Route53Record(this, "mail-from-mx", { zoneId: this.zone.zoneId, name: mailFromDomain, type: "MX", ttl, records: [`10 feedback-smtp.${props.region}.amazonses.com`] }),
        spf: new Route53Record(this, "mail-from-spf", { zoneId: this.zone.zoneId, name: mailFromDomain, type: "TXT", ttl, records: ["v=spf1 include:amazonses.com -all"] }),
      };
    }

    const rua = props.dmarcReportAddress ? ` rua=mailto:${props.dmarcReportAddress};` : "";
    new Route53Record(this, "dmarc", {
      zoneId: this.zone.zoneId,
      name: `_dmarc.${domain}`,
      type: "TXT",
      ttl,
      records: [`v=DMARC1; p=${props.dmarcPolicy ?? "reject"};${rua} adkim=s; aspf=s`],
    });
  }
}
