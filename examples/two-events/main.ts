// An emergency e-mail line for two events, declared with the email-to-oncall construct library:
// no YAML, the package imported by its name only. `npm run synth` writes cdktf.out/.
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { Duration, EmergencyInbox, EmergencyMailDomain, EmergencyOnCall, GrafanaOnCallProvider, Step } from "email-to-oncall";

const REGION = "eu-west-1";
const EVENTS = [
  { slug: "black-friday", title: "Black Friday", start: "2026-11-27T05:00:00Z", end: "2026-11-28T05:00:00Z", customer: "Acme Shop", cto: "cto@acme-shop.example" },
  { slug: "cyber-monday", title: "Cyber Monday", start: "2026-11-30T05:00:00Z", end: "2026-12-01T05:00:00Z", customer: "Globex", cto: "ops-lead@globex.example" },
];

class EmergencyLine extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.tfstate" });
    // Providers are the app's: the library uses the stack's default aws and grafana providers.
    new AwsProvider(this, "aws", { region: REGION });
    new GrafanaOnCallProvider(this, "grafana");
    // The canary's key is a random_password.
    new RandomProvider(this, "random");

    const domain = new EmergencyMailDomain(this, "mail", {
      domain: "oncall.example.com",
      region: REGION,
      parentZone: { name: "example.com" },
      inboxPrefixes: EVENTS.map((e) => `${e.slug}/`),
      ruleNamePrefix: "email-to-oncall-",
    });

    for (const e of EVENTS) {
      const window = { start: new Date(e.start), end: new Date(e.end), timeZone: "America/New_York" };
      const onCall = new EmergencyOnCall(this, `${e.slug}-oncall`, {
        slug: e.slug,
        title: `${e.title} - ${e.customer}`,
        window,
        rotations: [{ users: ["alice", "bob", "carol"], every: Duration.hours(12), handoff: "00:00" }],
        escalation: [Step.pageOnCall({ important: true }), Step.wait(Duration.minutes(5)), Step.pageNextOnCall({ important: true }), Step.repeat()],
      });
      new EmergencyInbox(this, e.slug, {
        slug: e.slug,
        title: e.title,
        customer: e.customer,
        addresses: [`${e.slug}@oncall.example.com`],
        window,
        trustedSenders: { addresses: [e.cto] },
        ruleSetName: domain.ruleSetName,
        bucketName: domain.bucketName,
        region: REGION,
        integrationUrl: onCall.integrationLink,
        notifyIntegrationUrl: onCall.notifyIntegrationLink,
        healthTopicConsumer: onCall,
        // A signed mail through SES to the address every 15 minutes, from a day before the window.
        canary: {},
      });
    }
  }
}

const app = new App();
new EmergencyLine(app, "emergency-line");
app.synth();
