import { mailauthArcVerifier } from "../../functions/mail-to-alert/arc-verifier";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { dryRun } from "../../tools/lib/dry-run";
import { arcSeal, signDkim, stubResolver, testKey } from "./support/arc";
import { withConfig } from "./support/config";

// Keys of the customer, the Workspace group's domain, Google's ARC sealer, and an outsider.
const acme = testKey("acme-shop.example");
const platform = testKey("platform.example");
const google = testKey("google.com", "arc-20240605");
const evil = testKey("evil.example");
const resolver = stubResolver([acme, platform, google, evil]);
const relayed: FunctionRuntimeConfig = withConfig({ trustedSenders: { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"], relays: [{ address: "emergency@platform.example", sealer: "google.com" }] } });
const AT = new Date("2026-11-27T15:00:00Z");

/** SES's block as SES writes it on top of the stored copy (FACTS.md format). */
const ses = (results: string, spam = "PASS") =>
  `X-SES-Spam-Verdict: ${spam}\r\nX-SES-Virus-Verdict: PASS\r\nReceived-SPF: pass (spfCheck: domain of platform.example designates 209.85.220.69 as permitted sender) client-ip=209.85.220.69; envelope-from=emergency+bncBAAA@platform.example; helo=mail-sor-f69.google.com;\r\nAuthentication-Results: amazonses.com;\r\n ${results}\r\nX-SES-RECEIPT: AEFBQUFBQUFBQUFF\r\n`;

const original = [
  "From: Jane CTO <cto@acme-shop.example>",
  "To: Emergency <emergency@platform.example>",
  "Subject: Checkout is down",
  "Date: Fri, 27 Nov 2026 15:00:00 +0000",
  "Message-ID: <incident-1@acme-shop.example>",
  "MIME-Version: 1.0",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Checkout returns 502 for every customer. Call me at +1 555 0100.",
  "",
].join("\r\n");

/** Google Groups rewriting From for a p=reject sender: 'Jane' via Emergency, original in Reply-To and X-Original-Sender. */
function rewrite(mail: string, originalSender = "cto@acme-shop.example"): string {
  return mail
    .replace("From: Jane CTO <cto@acme-shop.example>", `From: 'Jane CTO' via Emergency <emergency@platform.example>\r\nReply-To: Jane CTO <${originalSender}>\r\nX-Original-Sender: ${originalSender}`)
    .replace("Subject:", "Precedence: list\r\nMailing-list: list emergency@platform.example; contact emergency+owners@platform.example\r\nList-ID: <emergency.platform.example>\r\nX-Google-Group-Id: 123456789\r\nList-Post: <mailto:emergency@platform.example>\r\nSubject:");
}

const aar = (from = "acme-shop.example") => `mx.google.com; dkim=pass header.i=@${from} header.s=test; spf=pass smtp.mailfrom=${from}; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=${from}`;
/** What SES says about the group's re-sent mail: DMARC pass for the group's own domain. */
const sesOnRelay = "spf=pass envelope-from=emergency+bncBAAA@platform.example; dkim=pass header.i=@platform.example; dmarc=pass header.from=platform.example;";

async function throughGroup(mail: string, sealer = google, results = aar()): Promise<string> {
  const signed = await signDkim(mail, acme);
  const viaGroup = await signDkim(rewrite(signed), platform);
  return arcSeal(viaGroup, sealer, results);
}

const run = (stored: string, config = relayed, verifier = mailauthArcVerifier(resolver)) =>
  dryRun(Buffer.from(stored), config, { arcVerifier: verifier, timestamp: AT, recipients: ["black-friday-2026@oncall.example.com"], mailFrom: "emergency+bncBAAA@platform.example" });

describe("declared relays: the original sender only from what the declared sealer sealed (ARC, RFC 8617)", () => {
  it("pages the original trusted sender of a rewritten From when Google's ARC seal validates and vouches for her domain", async () => {
    const r = await run(ses(sesOnRelay) + (await throughGroup(original)));
    expect(r.outcome).toMatchObject({ action: "page", reason: "TRUSTED_VIA_RELAY" });
    expect(r.payload).toMatchObject({ lane: "page", from: { address: "cto@acme-shop.example" }, markers: ["RELAYED"] });
    expect(r.payload!.auth.detail).toMatch(/ARC i=1 sealed by google\.com \(mx\.google\.com\): dmarc=pass header\.from=acme-shop\.example/);
  });

  it("drops a chain whose message was changed after sealing (broken chain)", async () => {
    const sealed = await throughGroup(original);
    const r = await run(ses(sesOnRelay) + sealed.replace("Call me at +1 555 0100.", "Call me at +1 555 0199."));
    expect(r.outcome).toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED", claimsTrusted: true });
    expect(r.outcome.detail).toMatch(/ARC chain fail/);
  });

  it("drops a valid chain sealed by a sealer other than the declared one (foreign chain)", async () => {
    const r = await run(ses(sesOnRelay) + (await throughGroup(original, evil)));
    expect(r.outcome).toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED" });
    expect(r.outcome.detail).toMatch(/newest seal by evil\.example/);
  });

  it("drops when an outsider adds a newer seal of their own on top of Google's", async () => {
    const sealed = await throughGroup(original);
    const r = await run(ses(sesOnRelay) + (await arcSeal(sealed, evil, aar(), "pass")));
    expect(r.outcome).toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED" });
  });

  it("drops an outsider who wrote through the group with a forged X-Original-Sender (Google authenticated the outsider)", async () => {
    const mail = original.replace("cto@acme-shop.example", "mallory@evil.example");
    const viaGroup = await signDkim(rewrite(await signDkim(mail, evil), "cto@acme-shop.example").replace("From: Jane CTO <mallory@evil.example>", "From: 'Jane CTO' via Emergency <emergency@platform.example>\r\nReply-To: cto@acme-shop.example\r\nX-Original-Sender: cto@acme-shop.example"), platform);
    const r = await run(ses(sesOnRelay) + (await arcSeal(viaGroup, google, aar("evil.example"))));
    expect(r.outcome).toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED" });
    expect(r.outcome.detail).toMatch(/authenticated evil\.example, not acme-shop\.example/);
  });

  it("drops when the group's own From is not what SES authenticated", async () => {
    const r = await run(ses("spf=fail envelope-from=x@evil.example; dkim=fail header.i=@platform.example; dmarc=fail header.from=platform.example;") + (await throughGroup(original)));
    expect(r.outcome).toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED" });
  });

  it("does not trust the group's address when the relay is not declared", async () => {
    const r = await run(ses(sesOnRelay) + (await throughGroup(original)), withConfig({}));
    expect(r.outcome).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  it("recovers a list that kept From but broke the customer's signature, from the seal (List-Post names the declared relay)", async () => {
    const signed = await signDkim(original, acme);
    const withList = await signDkim(
      signed.replace("Subject:", "List-ID: <emergency.platform.example>\r\nList-Post: <mailto:emergency@platform.example>\r\nPrecedence: list\r\nSubject:").replace("Call me at +1 555 0100.", "Call me at +1 555 0100.\r\n\r\n-- \r\nYou received this message because you are subscribed to the Emergency group."),
      platform,
    );
    const sealed = await arcSeal(withList, google, aar());
    const sesSays = "spf=pass envelope-from=emergency+bnc@platform.example; dkim=fail header.i=@acme-shop.example; dkim=pass header.i=@platform.example; dmarc=none header.from=acme-shop.example;";
    const r = await run(ses(sesSays) + sealed);
    expect(r.outcome).toMatchObject({ action: "page", reason: "TRUSTED_VIA_RELAY" });
    // Without the relay declared, the same mail is only unverified: notify, never a page.
    expect((await run(ses(sesSays) + sealed, withConfig({}))).outcome).toMatchObject({ action: "notify", reason: "UNVERIFIED" });
  });

  it("retries (throws) when DNS cannot be reached instead of judging the chain", async () => {
    const stored = ses(sesOnRelay) + (await throughGroup(original));
    await expect(run(stored, relayed, mailauthArcVerifier(stubResolver([], true)))).rejects.toThrow(/ARC verification could not reach DNS/);
  });
});

describe("customers: a relay declared by a customer", () => {
  const viaCustomerRelay: FunctionRuntimeConfig = withConfig({
    trustedSenders: { addresses: ["cto@acme-shop.example"], domains: [], relays: [] },
    customers: [
      {
        slug: "platform-group",
        name: "Platform Group",
        tier: "gold",
        language: "en",
        contacts: [],
        notes: {},
        trustedSenders: { addresses: ["ops@group.example"], domains: [], relays: [{ address: "emergency@platform.example", sealer: "google.com" }] },
        aliases: [],
      },
    ],
  });

  it("pages through the customer's relay (its seal validated) and names that customer when the original sender is the event's own", async () => {
    const r = await run(ses(sesOnRelay) + (await throughGroup(original)), viaCustomerRelay);
    expect(r.outcome).toMatchObject({ action: "page", reason: "TRUSTED_VIA_RELAY" });
    expect(r.payload).toMatchObject({ customer: { slug: "platform-group", name: "Platform Group", tier: "gold" }, from: { address: "cto@acme-shop.example" } });
    expect(r.payload!.message).toContain("recognised by its relay");
  });
});
