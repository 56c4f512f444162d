import { decide } from "../../functions/mail-to-alert/decide";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { decisionInput } from "../functions/support/mail";
import { testConfig, withConfig } from "../functions/support/config";

const AT = new Date("2026-11-27T15:00:00Z");
const RCPT = testConfig.addresses[0]!;

describe("review: what an outsider can put in the notify lane", () => {
  // HOLE: trusted-senders.ts organisationDomains() takes the domain of every listed ADDRESS. A customer contact on a
  // shared mailbox provider (cto.acme@gmail.com) makes every authenticated gmail.com user a "colleague": any
  // outsider with a free account gets UNLISTED_COLLEAGUE notify alerts, one new alert group per sender address.
  it("FIXED: a listed address on a shared mail provider does not make every user of that provider a colleague", () => {
    const config = withConfig({ trustedSenders: { addresses: ["cto.acme@gmail.com"], domains: [], relays: [] } });
    const d = decide(
      decisionInput({ From: "Anyone <random.stranger@gmail.com>", "Message-ID": "<x@gmail.com>" }, { config, mailFrom: "random.stranger@gmail.com" }),
    );
    expect({ action: d.action, reason: d.reason }).toEqual({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  // HOLE (design): the notify lane POSTs to the very integration that pages (one OnCall integration, the notify route
  // first). OnCall rate-limits per integration (FACTS.md: 300 alerts / 5 min). An outsider who can reach the notify
  // lane (a spoof of a listed domain without DMARC -> UNVERIFIED; the colleague case above) can spend that budget, so a
  // real page meanwhile gets 429 -> retries -> Lambda retries -> DLQ. Notify alerts should have their own budget.
  it.failing("HOLE: notify-lane alerts do not share the paging integration's rate budget", async () => {
    const urls: string[] = [];
    const spoof = Buffer.from("From: Acme CTO <cto@acme-shop.example>\r\nTo: " + RCPT + "\r\nSubject: hi\r\nMessage-ID: <n1@evil.example>\r\n\r\nbody\r\n");
    const { event, stored } = sesReceive(spoof, { recipients: [RCPT], mailFrom: "bounce@evil.example", verdicts: { spf: "PASS", dkim: "GRAY", dmarc: "GRAY" }, arrival: "fresh", timestamp: AT });
    const handle = createHandler({
      config: testConfig,
      integrationUrl: async () => "https://oncall.invalid/integrations/v1/formatted_webhook/SECRET/",
      mailSource: { get: async () => stored },
      poster: { post: async (url) => (urls.push(url), { status: 200, retryAfter: null }) },
      log: jsonLogger(testConfig.slug, () => undefined),
    });
    const outcome = await handle(event);
    expect(outcome.action).toBe("notify");
    // There is only one integration URL for both lanes: the notify alert spends the paging integration's budget.
    expect(urls).not.toContain("https://oncall.invalid/integrations/v1/formatted_webhook/SECRET/");
  });
});
