import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { bytesOf, capText, fitAlert, MAX_PAYLOAD_BYTES } from "../../functions/mail-to-alert/fit";
import { MARKER_NOTES } from "../../functions/mail-to-alert/marker-notes";
import { DETAILS_HEADING, renderAlert, RenderInput } from "../../functions/mail-to-alert/render";
import { testConfig } from "./support/config";

const sender = { address: "cto@acme-shop.example", name: "Jane CTO" };
const noBody = { text: "", truncated: false, omittedChars: 0, trimmedQuotedLines: 0, trimmedSignature: false };
const render = (over: Partial<RenderInput>): AlertPayload =>
  renderAlert({
    config: testConfig,
    decision: { action: "page", reason: "TRUSTED_SENDER", detail: "DMARC pass for acme-shop.example", markers: [], verified: true, claimsTrusted: true, sender },
    parseFailed: false,
    subject: "Checkout is down",
    from: sender,
    to: ["black-friday-2026@oncall.example.com"],
    cc: [],
    recipients: ["black-friday-2026@oncall.example.com"],
    date: "2026-11-27T23:04:00.000Z",
    messageId: "<abc@acme-shop.example>",
    attachments: [],
    body: { ...noBody, text: "Our checkout returns 500 since 18:02." },
    verdicts: { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" },
    alertUid: "black-friday-2026:0123",
    rawMailUrl: "https://eu-west-1.console.aws.amazon.com/s3/object/bucket?region=eu-west-1&bucketType=general&prefix=black-friday-2026%2Fabc",
    ...over,
  });

// Worst cases, generated: long UTF-8 (emoji, CJK) everywhere, with lone-surrogate traps at the cuts.
const emoji = (n: number) => "🔥🚨".repeat(n);
const addresses = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}-${"ü".repeat(60)}@例え.example`);
const attachments = (n: number) => Array.from({ length: n }, (_, i) => ({ filename: `${i}-${emoji(150)}-報告書.pdf`, content_type: "application/pdf", size: 1024 * i }));
const worst: Record<string, Partial<RenderInput>> = {
  "10,000 recipients in To, Cc and the envelope": { to: addresses(10_000, "to"), cc: addresses(10_000, "cc"), recipients: addresses(10_000, "rcpt") },
  "5,000 attachments with long UTF-8 names": { attachments: attachments(5000) },
  "a 900 KB subject": { subject: `Checkout ${emoji(230_000)}` },
  "a 900 KB display name": { from: { address: sender.address, name: emoji(230_000) } },
  // Beyond bodyMaxChars (at most 50,000): the fit must not rely on body.ts's own limit.
  "a 600 KB body": { body: { ...noBody, text: `${"障害が発生しました 🔥\n".repeat(20_000)}Call me at +1 555 0100.` } },
  "everything at once": {
    to: addresses(10_000, "to"),
    cc: addresses(10_000, "cc"),
    recipients: addresses(10_000, "rcpt"),
    attachments: attachments(5000),
    subject: emoji(230_000),
    from: { address: `${"x".repeat(5000)}@acme-shop.example`, name: emoji(230_000) },
    messageId: `<${emoji(10_000)}@x>`,
    body: { ...noBody, text: `${"Checkout down. 🔥 障害\n".repeat(12_000)}Call me at +1 555 0100.` },
  },
};

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("fitAlert", () => {
  it("leaves a payload that fits untouched (the same object)", () => {
    const p = render({});
    expect(fitAlert(p)).toBe(p);
  });

  it.each(Object.entries(worst))("%s: fits 256 KB, deterministically, without broken characters", (_name, over) => {
    const rendered = render(over);
    expect(bytesOf(rendered)).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    const p = fitAlert(rendered);
    expect(Buffer.byteLength(JSON.stringify(p))).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(fitAlert(render(over))).toEqual(p);
    expect(JSON.stringify(p)).not.toMatch(/\\ud[89a-f]/i); // JSON.stringify escapes lone surrogates
    expect(p.message).not.toMatch(loneSurrogate);
    expect(p.message).toContain(`\n\n${DETAILS_HEADING}\n`);
    expect(p.message).toContain("Raw mail (AWS sign-in): https://");
    expect(p.alert_uid).toBe(rendered.alert_uid);
  });

  it("keeps the first 50 entries of each list and says how many more there are", () => {
    const p = fitAlert(render(worst["10,000 recipients in To, Cc and the envelope"]!));
    expect([p.to.length, p.cc.length, p.recipients.length]).toEqual([50, 50, 50]);
    expect(p.to[0]).toBe(addresses(1, "to")[0]);
    expect(p.message).toContain("… and 9,950 more To addresses");
    expect(p.message).toContain("… and 9,950 more Cc addresses");
    expect(p.message).toContain("… and 9,950 more recipients");
    const a = fitAlert(render(worst["5,000 attachments with long UTF-8 names"]!));
    expect(a.attachments).toHaveLength(50);
    expect(a.message).toContain("Attachments (5000): 0-🔥🚨");
    expect(a.message).toContain("… and 4,950 more attachments");
  });

  it("cuts subject and display name to 1,000 characters with an ellipsis, the body untouched", () => {
    const s = fitAlert(render(worst["a 900 KB subject"]!));
    expect(s.subject).toHaveLength(1000);
    expect(s.subject.endsWith("…")).toBe(true);
    expect(s.title.length).toBeLessThanOrEqual(1000);
    expect(s.message.startsWith("Our checkout returns 500 since 18:02.\n\n")).toBe(true);
    expect(s.markers).toEqual([]);
    const n = fitAlert(render(worst["a 900 KB display name"]!));
    expect(n.from.name.length).toBeLessThanOrEqual(1000);
    expect(n.message).toContain(`From: ${n.from.name} <cto@acme-shop.example>`);
  });

  it("cuts the body last, keeping its start and end, with the marker TRUNCATED and its note", () => {
    const p = fitAlert(render(worst["everything at once"]!));
    expect(p.markers).toEqual(["TRUNCATED"]);
    expect(p.message).toContain(`\n${MARKER_NOTES.TRUNCATED}\nRaw mail (AWS sign-in): `);
    expect(p.message.startsWith("Checkout down. 🔥")).toBe(true);
    expect(p.message).toMatch(/Call me at \+1 555 0100\.\n\n-- mail details --/);
    expect(p.message).toMatch(/\[… [\d,]+ characters omitted …\]/);
  });

  it("fits a smaller limit too, by stricter caps", () => {
    const p = fitAlert(render(worst["everything at once"]!), 32 * 1024);
    expect(bytesOf(p)).toBeLessThanOrEqual(32 * 1024);
    expect(p.to.length).toBeLessThan(50);
  });

  it("capText never splits a surrogate pair", () => {
    expect(capText("a🔥🔥", 3)).toBe("a…");
    expect(capText("short", 10)).toBe("short");
  });
});
