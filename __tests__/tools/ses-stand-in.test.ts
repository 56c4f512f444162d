import { splitHeaderSection } from "../../functions/mail-to-alert/headers";
import { sesAuthResults } from "../../functions/mail-to-alert/ses-auth-results";
import { sesReceive } from "../../tools/lib/ses-stand-in";

const mail = (extra = "") => Buffer.from(`${extra}From: Jane <cto@acme-shop.example>\r\nDKIM-Signature: v=1; a=rsa-sha256; d=acme-shop.example; s=s1; b=x\r\nSubject: help\r\n\r\nbody\r\n`);
const RCPT = { recipients: ["black-friday-2026@oncall.example.com"] };
const top = (stored: Uint8Array) => sesAuthResults(splitHeaderSection(stored));
const receipt = (a: ReturnType<typeof sesReceive>) => (a.event.Records[0] as { ses: { receipt: Record<string, { status: string }> } }).ses.receipt;

describe("sesReceive: the SES stand-in writes SES's headers as SES would", () => {
  it("replays a stored copy with the envelope sender and receipt time SES recorded, not the sender's From and Date", () => {
    const at = new Date("2026-11-27T15:00:00Z");
    const stored = sesReceive(mail("Date: Mon, 01 Jan 2024 00:00:00 +0000\r\n"), { ...RCPT, mailFrom: "bounce@evil.example", timestamp: at, verdicts: { dmarc: "GRAY" } }).stored;
    const replayed = sesReceive(stored, RCPT);
    const m = (replayed.event.Records[0] as { ses: { mail: { source: string; timestamp: string } } }).ses.mail;
    expect(m).toMatchObject({ source: "bounce@evil.example", timestamp: at.toISOString() });
  });

  it("puts SES's block on top of a fresh mail, with header.from from a strict parse and one dkim clause per signature", () => {
    const a = sesReceive(mail(), { ...RCPT, verdicts: { dmarc: "GRAY" } });
    expect(Buffer.from(a.stored).toString()).toMatch(/^Return-Path: <cto@acme-shop\.example>\r\nReceived: from localhost \(localhost \[127\.0\.0\.1\]\)\r\n by inbound-smtp\.[a-z.-]+\.amazonaws\.com with SMTP id local\r\n for black-friday-2026@oncall\.example\.com;\r\n [^\r]+\r\nX-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\nReceived-SPF: pass/);
    expect(top(a.stored)?.clauses.map((c) => [c.method, c.result, c.props["header.from"] ?? c.props["header.i"] ?? c.props["envelope-from"]])).toEqual([
      ["spf", "pass", "cto@acme-shop.example"],
      ["dkim", "pass", "@acme-shop.example"],
      ["dmarc", "none", "acme-shop.example"],
    ]);
    expect(receipt(a).dmarcVerdict).toEqual({ status: "GRAY" });
    // The event's header list is the stored copy's: SES's headers first.
    const headers = (a.event.Records[0] as { ses: { mail: { headers: { name: string }[] } } }).ses.mail.headers;
    expect(headers.slice(0, 3).map((h) => h.name)).toEqual(["Return-Path", "Received", "X-SES-Spam-Verdict"]);
  });

  it("writes its own block above a sender's forged amazonses.com header on arrival over SMTP", () => {
    const forged = mail("Authentication-Results: amazonses.com; dmarc=pass header.from=acme-shop.example;\r\n");
    const a = sesReceive(forged, { ...RCPT, arrival: "fresh", verdicts: { dmarc: "FAIL" } });
    expect(top(a.stored)?.clauses.find((c) => c.method === "dmarc")?.result).toBe("fail");
  });

  it("uses a stored copy's SES results as they are (replay), and re-judges it only when verdicts are given", () => {
    const stored = sesReceive(mail(), { ...RCPT, verdicts: { dmarc: "GRAY", spam: "FAIL" } }).stored;
    const replayed = sesReceive(stored, RCPT);
    expect(replayed.stored).toBe(stored);
    expect(receipt(replayed)).toMatchObject({ dmarcVerdict: { status: "GRAY" }, spamVerdict: { status: "FAIL" } });
    const rejudged = sesReceive(stored, { ...RCPT, verdicts: { spam: "PASS" } });
    expect(receipt(rejudged).spamVerdict).toEqual({ status: "PASS" });
    expect(Buffer.from(rejudged.stored).toString()).toMatch(/^Return-Path: [^\r]*\r\nReceived: [\s\S]*?\r\nX-SES-Spam-Verdict: PASS/);
  });
});
