import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SesDomainIdentity } from "@cdktf/provider-aws/lib/ses-domain-identity";
import { TerraformStack } from "cdktf";
import { MailDomain, MailDomainProps } from "../../../lib";
import { Json, numberVariable, ref, stringVariable, Synth, synth, testStack } from "../support";

const DOMAIN = "oncall.example.com";

function build(props: Partial<MailDomainProps> = {}, stack: TerraformStack = testStack()) {
  const domain = new MailDomain(stack, "mail", { domain: DOMAIN, region: "eu-west-1", ...props });
  const s = synth(stack);
  const record = (type: string, name: string): Json => {
    const found = s.resources("aws_route53_record").filter((r) => r.type === type && r.name === name);
    if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
    return found[0];
  };
  return { domain, s, record };
}

describe("MailDomain", () => {
  describe("defaults", () => {
    const { domain, s, record } = build();
    const zoneId = ref(domain.zone, "zone_id");

    it("gets its own hosted zone", () => {
      expect(s.json).toHaveResourceWithProperties(Route53Zone, { name: DOMAIN, comment: "Emergency mail domain managed by email-to-oncall" });
    });

    it("points MX at the region's SES inbound endpoint", () => {
      expect(record("MX", DOMAIN)).toEqual({ zone_id: zoneId, name: DOMAIN, type: "MX", ttl: 300, records: ["10 inbound-smtp.eu-west-1.amazonaws.com"] });
    });

    it("verifies the SES identity through a TXT record, and waits for it", () => {
      expect(s.json).toHaveResourceWithProperties(SesDomainIdentity, { domain: DOMAIN });
      const txt = record("TXT", `_amazonses.${DOMAIN}`);
      expect(txt).toMatchObject({ zone_id: zoneId, ttl: 300, records: [ref(domain.identity, "verification_token")] });
      expect(s.of(domain.verification)).toMatchObject({ domain: ref(domain.identity, "domain") });
      expect(s.of(domain.verification).depends_on).toEqual([`aws_route53_record.${recordId(s, "TXT", `_amazonses.${DOMAIN}`)}`]);
    });

    it("publishes the three Easy DKIM CNAMEs", () => {
      expect(s.of(domain.dkim)).toEqual({ domain: ref(domain.identity, "domain") });
      const tokens = ref(domain.dkim, "dkim_tokens").slice(2, -1);
      for (const i of [0, 1, 2]) {
        const token = `\${element(${tokens}, ${i})}`;
        expect(record("CNAME", `${token}._domainkey.${DOMAIN}`)).toMatchObject({ zone_id: zoneId, ttl: 300, records: [`${token}.dkim.amazonses.com`] });
      }
      expect(s.resources("aws_route53_record").filter((r) => r.type === "CNAME")).toHaveLength(3);
    });

    it("says with SPF that only SES sends as the domain", () => {
      expect(record("TXT", DOMAIN)).toMatchObject({ zone_id: zoneId, records: ["v=spf1 include:amazonses.com -all"] });
    });

    it("publishes DMARC reject with strict alignment and no reports", () => {
      expect(record("TXT", `_dmarc.${DOMAIN}`)).toMatchObject({ zone_id: zoneId, ttl: 300, records: ["v=DMARC1; p=reject; adkim=s; aspf=s"] });
    });

    it("delegates nothing without a parent zone", () => {
      expect(domain.delegation).toBeUndefined();
      expect(s.resources("aws_route53_record").filter((r) => r.type === "NS")).toHaveLength(0);
      expect(s.data("aws_route53_zone")).toHaveLength(0);
    });
  });

  it("takes the DMARC policy and report address given", () => {
    const { record } = build({ dmarcPolicy: "quarantine", dmarcReportAddress: "dmarc@example.com" });
    expect(record("TXT", `_dmarc.${DOMAIN}`).records).toEqual(["v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com; adkim=s; aspf=s"]);
  });

  it("gives every record of the zone the TTL given", () => {
    const { s } = build({ ttl: 60 });
    const ttls = s.resources("aws_route53_record").map((r) => r.ttl);
    // MX, verification TXT, three DKIM CNAMEs, SPF, DMARC, and the MAIL FROM MX and SPF (replies).
    expect(ttls).toHaveLength(9);
    expect(new Set(ttls)).toEqual(new Set([60]));
  });

  it("delegates from a parent zone given by id, without a lookup", () => {
    const { domain, s } = build({ parentZone: { name: "example.com", zoneId: "Z123" } });
    expect(s.of(domain.delegation!)).toEqual({ zone_id: "Z123", name: DOMAIN, type: "NS", ttl: 3600, records: ref(domain.zone, "name_servers") });
    expect(s.data("aws_route53_zone")).toHaveLength(0);
  });

  it("looks a parent zone given by name up as a public zone", () => {
    const { domain, s } = build({ parentZone: { name: "example.com" } });
    const lookup = domain.node.findChild("parent") as DataAwsRoute53Zone;
    expect(s.json).toHaveDataSourceWithProperties(DataAwsRoute53Zone, { name: "example.com", private_zone: false });
    expect(s.of(domain.delegation!).zone_id).toBe(ref(lookup, "zone_id"));
  });

  it.each([
    ["an unrelated zone", "example.org"],
    ["a look-alike suffix", "ample.com"],
    ["the domain itself", DOMAIN],
  ])("rejects a parentZone.name that is %s", (_what, name) => {
    expect(() => new MailDomain(testStack(), "mail", { domain: DOMAIN, region: "eu-west-1", parentZone: { name } })).toThrow(/MailDomain: parentZone\.name/);
  });

  it("accepts a region and a TTL known only at plan time", () => {
    const stack = testStack();
    const region = stringVariable(stack, "region");
    const ttl = numberVariable(stack, "ttl");
    const { record } = build({ region: region.value, ttl: ttl.value }, stack);
    expect(record("MX", DOMAIN)).toMatchObject({ ttl: ttl.json, records: [`10 inbound-smtp.${region.json}.amazonaws.com`] });
  });

  // BUG: the parent check runs endsWith on the token's placeholder text, so a domain known only at
  // plan time can never be delegated: "parentZone.name example.com is not a parent of domain ${TfToken[...]}".
  it("accepts a domain token with a parent zone", () => {
    const stack = testStack();
    const domain = stringVariable(stack, "domain");
    expect(() => new MailDomain(stack, "mail", { domain: domain.value, region: "eu-west-1", parentZone: { name: "example.com" } })).not.toThrow();
  });
});

/** Logical id of the record of a type and name. */
function recordId(s: Synth, type: string, name: string): string {
  const entry = Object.entries(s.tf.resource?.aws_route53_record ?? {}).find(([, r]) => r.type === type && r.name === name);
  if (!entry) throw new Error(`no ${type} ${name}`);
  return entry[0];
}

describe("MailDomain: sending replies", () => {
  it("has a custom MAIL FROM subdomain with its MX to SES feedback and SPF for SES; DMARC stays strict", () => {
    const { domain, s, record } = build();
    expect(s.of(domain.mailFrom!.domain)).toEqual(expect.objectContaining({ domain: ref(domain.identity, "domain"), mail_from_domain: `bounce.${DOMAIN}`, behavior_on_mx_failure: "UseDefaultValue" }));
    expect(record("MX", `bounce.${DOMAIN}`)).toMatchObject({ records: ["10 feedback-smtp.eu-west-1.amazonses.com"], ttl: 300 });
    expect(record("TXT", `bounce.${DOMAIN}`)).toMatchObject({ records: ["v=spf1 include:amazonses.com -all"] });
    expect(record("TXT", `_dmarc.${DOMAIN}`).records[0]).toMatch(/p=reject;.* adkim=s; aspf=s/);
  });

  it("takes another label, or none", () => {
    expect(build({ mailFromSubdomain: "mail" }).s.of(build({ mailFromSubdomain: "mail" }).domain.mailFrom!.domain).mail_from_domain).toBe(`mail.${DOMAIN}`);
    const none = build({ mailFromSubdomain: false });
    expect(none.domain.mailFrom).toBeUndefined();
    expect(none.s.resources("aws_ses_domain_mail_from")).toEqual([]);
    expect(() => build({ mailFromSubdomain: "a.b" })).toThrow(/MailDomain: mailFromSubdomain must be one DNS label/);
  });
});
