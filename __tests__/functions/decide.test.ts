import { decide, DecisionInput, domainsAlign } from "../../functions/mail-to-alert/decide";
import { factsFromHeaders } from "../../functions/mail-to-alert/facts";
import type { Verdicts } from "../../functions/mail-to-alert/ses-event";
import { testConfig, withConfig } from "./support/config";

const PASS: Verdicts = { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" };
const IN_WINDOW = new Date("2026-11-27T14:00:00Z");

function input(headers: Record<string, string>, over: Partial<Omit<DecisionInput, "verdicts">> & { verdicts?: Partial<Verdicts>; mailFrom?: string } = {}): DecisionInput {
  const facts = factsFromHeaders(Object.entries({ From: "cto@acme-shop.example", Subject: "help", ...headers }).map(([name, value]) => ({ name, value })));
  return {
    facts,
    verdicts: { ...PASS, ...over.verdicts },
    envelope: { recipients: ["black-friday-2026@oncall.example.com"], mailFrom: over.mailFrom ?? "cto@acme-shop.example", messageId: "abc123", ...over.envelope },
    config: over.config ?? testConfig,
    receivedAt: over.receivedAt ?? IN_WINDOW,
  };
}

describe("decide", () => {
  it("pages a trusted, authenticated mail in the window with no markers", () => {
    expect(decide(input({}))).toEqual({ action: "page", reason: "TRUSTED_SENDER", detail: "DMARC PASS", markers: [], verified: true });
  });

  it.each([
    ["SES setup notification", input({}, { envelope: { recipients: ["black-friday-2026@oncall.example.com"], mailFrom: "x@y.z", messageId: "AMAZON_SES_SETUP_NOTIFICATION" } }), "SES_SETUP_NOTIFICATION"],
    ["other envelope recipient", input({}, { envelope: { recipients: ["other@oncall.example.com"], mailFrom: "cto@acme-shop.example", messageId: "a" } }), "NOT_FOR_THIS_EVENT"],
    ["virus", input({}, { verdicts: { virus: "FAIL" } }), "VIRUS"],
    ["spam", input({}, { verdicts: { spam: "FAIL" } }), "SPAM"],
    ["DMARC fail even with SPF pass", input({}, { verdicts: { dmarc: "FAIL" } }), "DMARC_FAIL"],
    ["SPF and DKIM fail", input({}, { verdicts: { spf: "FAIL", dkim: "FAIL", dmarc: "GRAY" } }), "SPF_AND_DKIM_FAIL"],
    ["Auto-Submitted auto-replied", input({ "Auto-Submitted": "auto-replied" }), "AUTOMATED"],
    ["Precedence junk", input({ Precedence: "junk" }), "AUTOMATED"],
    ["Precedence auto_reply", input({ Precedence: "auto_reply" }), "AUTOMATED"],
    ["X-Autorespond", input({ "X-Autorespond": "1" }), "AUTOMATED"],
    ["List-Id", input({ "List-Id": "<x.lists.example>" }), "AUTOMATED"],
    ["multipart/report", input({ "Content-Type": 'multipart/report; report-type="disposition-notification"' }), "AUTOMATED"],
    ["null envelope sender", input({}, { mailFrom: "" }), "AUTOMATED"],
    ["null Return-Path header", input({ "Return-Path": "< >" }), "AUTOMATED"],
    ["postmaster envelope", input({}, { mailFrom: "postmaster@acme-shop.example" }), "AUTOMATED"],
    ["untrusted From", input({ From: "someone@elsewhere.example" }), "SENDER_NOT_TRUSTED"],
    ["trusted name, untrusted address", input({ From: '"cto@acme-shop.example" <x@evil.example>' }), "SENDER_NOT_TRUSTED"],
    ["subdomain of a trusted domain is not trusted", input({ From: "a@eu.ops.acme-shop.example" }), "SENDER_NOT_TRUSTED"],
    ["parent of a trusted domain is not trusted", input({ From: "someone@acme-shop.example" }), "SENDER_NOT_TRUSTED"],
    ["no From at all", input({ From: "" }), "SENDER_NOT_TRUSTED"],
    ["trusted envelope does not rescue an untrusted From", input({ From: "a@evil.example" }, { mailFrom: "cto@acme-shop.example" }), "SENDER_NOT_TRUSTED"],
  ])("drops: %s", (_name, i, reason) => {
    expect(decide(i)).toMatchObject({ action: "drop", reason });
  });

  it("keeps Auto-Submitted: no as human mail", () => {
    expect(decide(input({ "Auto-Submitted": "no" })).action).toBe("page");
  });

  it("matches trusted addresses and domains case-insensitively", () => {
    expect(decide(input({ From: "Jane <CTO@Acme-Shop.Example>" })).action).toBe("page");
    expect(decide(input({ From: "sre@OPS.acme-shop.example" }, { mailFrom: "sre@ops.acme-shop.example" })).action).toBe("page");
  });

  it("marks UNVERIFIED when DMARC is inconclusive and nothing aligned passed", () => {
    const d = decide(input({}, { verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" } }));
    expect(d).toMatchObject({ action: "page", markers: ["UNVERIFIED"], verified: false });
    const pf = decide(input({}, { verdicts: { dmarc: "PROCESSING_FAILED", spf: "PROCESSING_FAILED", dkim: "PROCESSING_FAILED" } }));
    expect(pf).toMatchObject({ action: "page", markers: ["UNVERIFIED"] });
  });

  it("counts aligned SPF or DKIM as verified when DMARC is GRAY, but not unaligned ones", () => {
    expect(decide(input({}, { verdicts: { dmarc: "GRAY", dkim: "GRAY" } }))).toMatchObject({ verified: true, markers: [] });
    expect(decide(input({}, { verdicts: { dmarc: "GRAY", dkim: "GRAY" }, mailFrom: "bounce@mailer.esp.example" }))).toMatchObject({ verified: false, markers: ["UNVERIFIED"] });
    expect(decide(input({ "DKIM-Signature": "v=1; a=rsa-sha256; d=acme-shop.example; s=s1; b=x" }, { verdicts: { dmarc: "GRAY", spf: "GRAY" }, mailFrom: "b@esp.example" }))).toMatchObject({ verified: true });
    expect(decide(input({ "DKIM-Signature": "v=1; d=esp.example; s=s1" }, { verdicts: { dmarc: "GRAY", spf: "GRAY" }, mailFrom: "b@esp.example" }))).toMatchObject({ verified: false });
  });

  it("drops unverified mail when the policy says so", () => {
    const i = input({}, { verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" }, config: withConfig({ policy: { outsideWindow: "page", unverified: "drop" } }) });
    expect(decide(i)).toMatchObject({ action: "drop", reason: "UNVERIFIED_DROPPED" });
  });

  it("applies the outside-window policy at the window edges (start inclusive, end exclusive)", () => {
    const drop = withConfig({ policy: { outsideWindow: "drop", unverified: "page" } });
    expect(decide(input({}, { receivedAt: new Date(testConfig.window.start) })).action).toBe("page");
    expect(decide(input({}, { receivedAt: new Date(Date.parse(testConfig.window.start) - 1) }))).toMatchObject({ action: "page", markers: ["OUTSIDE_WINDOW"] });
    expect(decide(input({}, { receivedAt: new Date(testConfig.window.end), config: drop }))).toMatchObject({ action: "drop", reason: "OUTSIDE_WINDOW_DROPPED" });
  });

  it("checks authentication verdicts before trust, and loops before trust", () => {
    expect(decide(input({ From: "x@evil.example" }, { verdicts: { virus: "FAIL" } })).reason).toBe("VIRUS");
    expect(decide(input({ "Auto-Submitted": "auto-replied", From: "x@evil.example" })).reason).toBe("AUTOMATED");
  });

  it("aligns equal domains and parent/child, never siblings or suffix tricks", () => {
    expect(domainsAlign("acme.example", "acme.example")).toBe(true);
    expect(domainsAlign("mail.acme.example", "acme.example")).toBe(true);
    expect(domainsAlign("evilacme.example", "acme.example")).toBe(false);
    expect(domainsAlign("a.acme.example", "b.acme.example")).toBe(false);
    expect(domainsAlign("", "acme.example")).toBe(false);
  });
});
