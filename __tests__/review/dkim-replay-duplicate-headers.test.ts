import { dkimSign } from "mailauth/lib/dkim/sign";
import { dkimVerify } from "mailauth/lib/dkim/verify";
import { groupingKey } from "../../functions/mail-to-alert/grouping";
import { dryRun } from "../../tools/lib/dry-run";
import { testConfig } from "../functions/support/config";
import { stubResolver, testKey } from "../functions/support/arc";

/**
 * The docs accept a DKIM replay ("re-sending a genuine signed mail ... with the signature intact") as
 * a page of THAT mail. But the function reads the TOPMOST Subject/References/In-Reply-To/Message-ID,
 * while a DKIM verifier (SES too, RFC 6376 5.4.2) signs and verifies the BOTTOM-most instance of each
 * header and ignores instances it did not sign. So anyone holding one genuine signed mail of a trusted
 * sender (any reply the CTO ever sent them, h= as Gmail writes it for a new mail) can PREPEND
 * `Subject: [resolved] ...` and `References: <root of a live incident>`: DKIM still passes, DMARC passes
 * for acme-shop.example, and the function pages with the attacker's subject, joins the victim's alert
 * group and RESOLVES it (state "ok"). No header may appear twice where RFC 5322 allows one.
 */
const AT = new Date("2026-11-27T15:00:00Z");
const VICTIM_ROOT = "incident-42@mail.acme-shop.example";

async function replayedWithPrependedHeaders(): Promise<{ raw: Buffer; verified: string }> {
  const acme = testKey("acme-shop.example");
  const genuine = ["From: CTO <cto@acme-shop.example>", "To: someone@evil.example", "Subject: lunch on friday?", "Date: Wed, 25 Nov 2026 12:00:00 +0000", "Message-ID: <lunch-1@mail.acme-shop.example>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "See you at noon.", ""].join("\r\n");
  const data = { signingDomain: acme.domain, selector: acme.selector, privateKey: acme.privateKey, headerList: "to:subject:message-id:date:from:mime-version" };
  const signed = await dkimSign(genuine, { ...data, signatureData: [data] });
  const prepended = `Subject: [resolved] all fixed, stand down\r\nReferences: <${VICTIM_ROOT}>\r\nIn-Reply-To: <${VICTIM_ROOT}>\r\n${signed.signatures}${genuine}`;
  const check = await dkimVerify(Buffer.from(prepended), { resolver: stubResolver([acme]) });
  return { raw: Buffer.from(prepended), verified: String(check.results?.[0]?.status?.result) };
}

describe("review: DKIM replay with prepended duplicate headers", () => {
  it("control: the prepended Subject/References do not break the genuine DKIM signature (what SES would say)", async () => {
    const { verified } = await replayedWithPrependedHeaders();
    expect(verified).toBe("pass");
  });

  it("the function reads the attacker's prepended Subject/References (documents the mechanism)", async () => {
    const { raw } = await replayedWithPrependedHeaders();
    const r = await dryRun(raw, testConfig, { mailFrom: "cto@acme-shop.example", timestamp: AT });
    expect(r.outcome.action).toBe("page");
    expect(r.payload?.subject).toBe("[resolved] all fixed, stand down");
  });

  // HOLE: mail-facts.ts firstHeader() takes the top Subject/References; two Subject headers are not refused, so the
  // replayed mail joins the victim's paged group (alert_uid of the victim's root) and resolves it.
  it("FIXED: a mail with two Subject headers never resolves (or joins) another thread's paged group", async () => {
    const { raw } = await replayedWithPrependedHeaders();
    const r = await dryRun(raw, testConfig, { mailFrom: "cto@acme-shop.example", timestamp: AT });
    const joinsVictim = r.payload?.alert_uid === groupingKey(testConfig.slug, VICTIM_ROOT);
    expect({ resolves: r.payload?.state === "ok", joinsVictim }).toEqual({ resolves: false, joinsVictim: false });
  });
});
