import { domainsAlign } from "../../functions/mail-to-alert/authentication";
import { decide, DROP_REASONS, NOTIFY_REASONS, PAGE_REASONS } from "../../functions/mail-to-alert/decide";
import { testConfig, withConfig } from "./support/config";
import { decisionInput as input } from "./support/mail";

const policy = (p: Partial<typeof testConfig.policy>) => withConfig({ policy: { ...testConfig.policy, ...p } });

describe("decide: the page lane", () => {
  it("pages a trusted sender that SES authenticated by DMARC for exactly the From domain", () => {
    expect(decide(input({}))).toEqual({
      action: "page",
      reason: "TRUSTED_SENDER",
      detail: "DMARC pass for acme-shop.example",
      markers: [],
      verified: true,
      claimsTrusted: true,
      sender: { address: "cto@acme-shop.example", name: "" },
    });
  });

  it("matches trusted addresses and domains case-insensitively, and a trailing root dot is the same domain", () => {
    expect(decide(input({ From: "Jane <CTO@Acme-Shop.Example>" })).action).toBe("page");
    expect(decide(input({ From: "sre@OPS.acme-shop.example" }, { mailFrom: "sre@ops.acme-shop.example" })).action).toBe("page");
    expect(decide(input({ From: "cto@acme-shop.example." }, { sesResults: "amazonses.com; dmarc=pass header.from=acme-shop.example." }))).toMatchObject({ action: "page", reason: "TRUSTED_SENDER" });
  });

  it("matches *.domain wildcards on subdomains only", () => {
    const wild = withConfig({ trustedSenders: { addresses: [], domains: ["*.acme-shop.example"], relays: [] } });
    expect(decide(input({ From: "a@eu.acme-shop.example" }, { config: wild, mailFrom: "a@eu.acme-shop.example" })).action).toBe("page");
    expect(decide(input({ From: "a@x.eu.acme-shop.example" }, { config: wild, mailFrom: "a@x.eu.acme-shop.example" })).action).toBe("page");
    // The apex itself is not covered by *.d: it is the organisation, so an authenticated sender there is a colleague.
    expect(decide(input({ From: "a@acme-shop.example" }, { config: wild, mailFrom: "a@acme-shop.example" }))).toMatchObject({ action: "notify", reason: "UNLISTED_COLLEAGUE" });
    expect(decide(input({ From: "a@evilacme-shop.example" }, { config: wild, mailFrom: "a@evilacme-shop.example" }))).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  it("accepts an aligned DKIM or SPF pass when SES reports no DMARC result, never an unaligned one", () => {
    const noDmarc = (extra: string) => `amazonses.com; spf=pass (spfCheck: ok) client-ip=192.0.2.1; envelope-from=b@esp.example; helo=x; ${extra}`;
    const signed = { "DKIM-Signature": "v=1; a=rsa-sha256; d=acme-shop.example; s=s1; b=x" };
    expect(decide(input(signed, { verdicts: { dmarc: "GRAY" }, mailFrom: "b@esp.example", sesResults: noDmarc("dkim=pass header.i=@acme-shop.example;") }))).toMatchObject({ action: "page", verified: true, detail: expect.stringContaining("DKIM pass for acme-shop.example") });
    // SES writes one dkim clause per signature: a clause without a signature was not SES's.
    expect(decide(input({}, { verdicts: { dmarc: "GRAY" }, mailFrom: "b@esp.example", sesResults: noDmarc("dkim=pass header.i=@acme-shop.example;") }))).toMatchObject({ action: "notify", reason: "UNVERIFIED" });
    expect(decide(input({}, { verdicts: { dmarc: "GRAY" }, mailFrom: "b@mail.acme-shop.example", sesResults: "amazonses.com; spf=pass envelope-from=b@mail.acme-shop.example;" }))).toMatchObject({ action: "page", detail: expect.stringContaining("SPF pass for mail.acme-shop.example") });
    expect(decide(input({ "DKIM-Signature": "v=1; d=esp.example; s=s1; b=x" }, { verdicts: { dmarc: "GRAY" }, mailFrom: "b@esp.example", sesResults: noDmarc("dkim=pass header.i=@esp.example;") }))).toMatchObject({ action: "notify", reason: "UNVERIFIED" });
  });

  it("treats a missing or `none` dmarc clause as not DMARC-authenticated and says so", () => {
    const d = decide(input({}, { verdicts: { dmarc: "GRAY", dkim: "GRAY", spf: "GRAY" } }));
    expect(d).toMatchObject({ action: "notify", reason: "UNVERIFIED", verified: false, markers: ["NOTIFY", "UNVERIFIED"] });
    expect(d.detail).toMatch(/SES did not authenticate acme-shop\.example: dmarc none/);
  });

  it("keeps Auto-Submitted: no as human mail", () => {
    expect(decide(input({ "Auto-Submitted": "no" })).action).toBe("page");
  });

  it("pages a list that kept From and the customer's signature like direct mail, marked RELAYED", () => {
    const d = decide(input({ "List-Id": "<emergency.platform.example>", Precedence: "list", "Mailing-list": "list emergency@platform.example", "X-Google-Group-Id": "1234" }));
    expect(d).toMatchObject({ action: "page", reason: "TRUSTED_SENDER", markers: ["RELAYED"] });
  });
});

describe("decide: the notify lane", () => {
  it("sends an authenticated, unlisted sender of a trusted organisation to notify (or drops it when told)", () => {
    const i = input({ From: "jane@acme-shop.example" }, { mailFrom: "jane@acme-shop.example" });
    expect(decide(i)).toMatchObject({ action: "notify", reason: "UNLISTED_COLLEAGUE", markers: ["NOTIFY"], verified: true });
    expect(decide({ ...i, config: policy({ unlistedColleague: "drop" }) })).toMatchObject({ action: "drop", reason: "UNLISTED_COLLEAGUE_DROPPED" });
  });

  it("never lets an unauthenticated colleague-domain sender in", () => {
    expect(decide(input({ From: "jane@acme-shop.example" }, { verdicts: { dmarc: "GRAY", dkim: "GRAY", spf: "GRAY" } }))).toMatchObject({ action: "drop", reason: "SENDER_NOT_TRUSTED" });
  });

  it("sends unverified trusted mail to notify by default, drops it when told", () => {
    const gray = { verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" } } as const;
    expect(decide(input({}, gray))).toMatchObject({ action: "notify", reason: "UNVERIFIED" });
    expect(decide(input({}, { ...gray, config: policy({ unverified: "drop" }) }))).toMatchObject({ action: "drop", reason: "UNVERIFIED_DROPPED", claimsTrusted: true });
  });

  it.each([
    ["X-Auto-Response-Suppress alone (Exchange)", { "X-Auto-Response-Suppress": "All" }],
    ["Precedence: bulk", { Precedence: "bulk" }],
    ["List-Unsubscribe without a list", { "List-Unsubscribe": "<https://news.acme-shop.example/u>" }],
    ["Feedback-ID", { "Feedback-ID": "1:campaign:esp" }],
    ["auto-reply subject only", { Subject: "Automatic reply: help" }],
  ])("sends a doubtful automated signal from a trusted sender to notify: %s", (_n, headers) => {
    expect(decide(input(headers))).toMatchObject({ action: "notify", reason: "AUTOMATED_DOUBTFUL" });
  });

  it("applies the outside-window policy at the window edges (start inclusive, end exclusive)", () => {
    expect(decide(input({}, { receivedAt: new Date(testConfig.window.start) })).action).toBe("page");
    expect(decide(input({}, { receivedAt: new Date(Date.parse(testConfig.window.start) - 1) }))).toMatchObject({ action: "page", markers: ["OUTSIDE_WINDOW"] });
    expect(decide(input({}, { receivedAt: new Date(testConfig.window.end), config: policy({ outsideWindow: "notify" }) }))).toMatchObject({ action: "notify", reason: "OUTSIDE_WINDOW" });
    expect(decide(input({}, { receivedAt: new Date(testConfig.window.end), config: policy({ outsideWindow: "drop" }) }))).toMatchObject({ action: "drop", reason: "OUTSIDE_WINDOW_DROPPED", claimsTrusted: true });
  });
});

describe("decide: the drop lane", () => {
  it.each([
    ["SES setup notification", input({}, { envelope: { recipients: ["black-friday-2026@oncall.example.com"], mailFrom: "x@y.z", messageId: "AMAZON_SES_SETUP_NOTIFICATION" } }), "SES_SETUP_NOTIFICATION"],
    ["other envelope recipient", input({}, { envelope: { recipients: ["other@oncall.example.com"], mailFrom: "cto@acme-shop.example", messageId: "a" } }), "NOT_FOR_THIS_EVENT"],
    ["virus", input({}, { verdicts: { virus: "FAIL" } }), "VIRUS"],
    ["spam", input({}, { verdicts: { spam: "FAIL" } }), "SPAM"],
    ["DMARC fail even with SPF pass", input({}, { verdicts: { dmarc: "FAIL" } }), "DMARC_FAIL"],
    ["SPF and DKIM fail", input({}, { verdicts: { spf: "FAIL", dkim: "FAIL", dmarc: "GRAY" } }), "SPF_AND_DKIM_FAIL"],
    ["Auto-Submitted auto-replied", input({ "Auto-Submitted": "auto-replied" }), "AUTOMATED"],
    ["a second Auto-Submitted after `no`", input([["From", "cto@acme-shop.example"], ["Auto-Submitted", "no"], ["Auto-Submitted", "auto-replied"]]), "AUTOMATED"],
    ["Precedence junk with a comment", input({ Precedence: "junk (mass mail)" }), "AUTOMATED"],
    ["Precedence auto_reply", input({ Precedence: "auto_reply" }), "AUTOMATED"],
    ["X-Autorespond", input({ "X-Autorespond": "1" }), "AUTOMATED"],
    ["Exchange OOF: X-Auto-Response-Suppress and an automatic-reply subject", input({ "X-Auto-Response-Suppress": "All", Subject: "Automatic reply: Checkout is down" }), "AUTOMATED"],
    ["multipart/report", input({ "Content-Type": 'multipart/report; report-type="disposition-notification"' }), "AUTOMATED"],
    ["DSN as multipart/mixed with a message/delivery-status part", input({ "Content-Type": "multipart/mixed; boundary=b" }, { partTypes: ["message/delivery-status", "message/rfc822"] }), "AUTOMATED"],
    ["null envelope sender", input({}, { mailFrom: "" }), "AUTOMATED"],
    ["null Return-Path header (SES wrote none above it)", input({ "Return-Path": "< >" }, { sesResults: "amazonses.com; dmarc=pass header.from=acme-shop.example;" }), "AUTOMATED"],
    ["postmaster envelope", input({}, { mailFrom: "postmaster@acme-shop.example" }), "AUTOMATED"],
    ["untrusted From", input({ From: "someone@elsewhere.example" }, { mailFrom: "someone@elsewhere.example" }), "SENDER_NOT_TRUSTED"],
    ["trusted name, untrusted address", input({ From: '"cto@acme-shop.example" <x@evil.example>' }, { mailFrom: "x@evil.example" }), "SENDER_NOT_TRUSTED"],
    ["no From at all", input([["Subject", "x"]]), "FROM_AMBIGUOUS"],
    ["an empty From", input({ From: "" }), "FROM_AMBIGUOUS"],
    ["two From headers", input([["From", "cto@acme-shop.example"], ["From", "x@evil.example"]]), "FROM_AMBIGUOUS"],
    ["trusted envelope does not rescue an untrusted From", input({ From: "a@evil.example" }, { mailFrom: "cto@acme-shop.example" }), "SENDER_NOT_TRUSTED"],
    ["SES evaluated another From domain", input({}, { sesResults: "amazonses.com; dmarc=pass header.from=evil.example;" }), "FROM_NOT_AUTHENTICATED"],
  ])("drops: %s", (_name, i, reason) => {
    expect(decide(i)).toMatchObject({ action: "drop", reason });
  });

  it("checks SES verdicts before trust, and loops before trust", () => {
    expect(decide(input({ From: "x@evil.example" }, { verdicts: { virus: "FAIL" } })).reason).toBe("VIRUS");
    expect(decide(input({ "Auto-Submitted": "auto-replied", From: "x@evil.example" }, { mailFrom: "x@evil.example" })).reason).toBe("AUTOMATED");
  });

  it("marks a drop as a trusted sender's when any reading of From names one (it alarms), and not otherwise", () => {
    expect(decide(input({ "Auto-Submitted": "auto-replied" }))).toMatchObject({ action: "drop", claimsTrusted: true });
    expect(decide(input({ From: "cto@acme-shop.example (x <a@evil.example>" }))).toMatchObject({ reason: "FROM_AMBIGUOUS", claimsTrusted: true });
    expect(decide(input({ From: "someone@elsewhere.example" }, { mailFrom: "someone@elsewhere.example" }))).toMatchObject({ action: "drop", claimsTrusted: false });
  });
});

describe("reason codes", () => {
  it("are unique across lanes", () => {
    const all = [...PAGE_REASONS, ...NOTIFY_REASONS, ...DROP_REASONS];
    expect(new Set(all).size).toBe(all.length);
  });
});

describe("domainsAlign", () => {
  it("aligns equal domains and parent/child, never siblings or suffix tricks", () => {
    expect(domainsAlign("acme.example", "acme.example")).toBe(true);
    expect(domainsAlign("mail.acme.example", "acme.example")).toBe(true);
    expect(domainsAlign("acme.example.", "ACME.example")).toBe(true);
    expect(domainsAlign("evilacme.example", "acme.example")).toBe(false);
    expect(domainsAlign("a.acme.example", "b.acme.example")).toBe(false);
    expect(domainsAlign("", "acme.example")).toBe(false);
  });
});
