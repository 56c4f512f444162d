import { normalizeText } from "../../functions/mail-to-alert/body";
import { fromIdentity } from "../../functions/mail-to-alert/sender-identity";

/**
 * Super-linear regexes on outsider-controlled text (found in review: `withoutRootDots` backtracked
 * quadratically on "@" + many dots, `/[ \t]+$/` per line on a long run of blanks: 400 K blanks were
 * ~150 s of CPU, past the Lambda timeout). Both are linear scans now. No clock here: the inputs are
 * far past the size where the old regexes took seconds, so a regression shows as the test's own
 * timeout; the assertions check the scans still do their job on them.
 */
describe("review: CPU an outsider can force per mail (FIXED)", () => {
  it("fromIdentity refuses a 24 KB From of dots as too long (over the 16 KB cap) (before any parser or regex runs)", () => {
    const id = fromIdentity([`a@${".".repeat(24_000)}x`]);
    expect(id).toMatchObject({ ok: false, problem: expect.stringMatching(/longer than 16384 characters/) });
  });

  it("fromIdentity still strips a root dot in a 2 KB From built to backtrack", () => {
    expect(fromIdentity([`${"x".repeat(1900)} <cto@acme-shop.example${".".repeat(100)}>`])).toMatchObject({ ok: true, mailbox: { address: "cto@acme-shop.example" } });
  });

  it("normalizeText trims trailing blanks of a 400 K-blank line and keeps inner blanks", () => {
    expect(normalizeText(`a${" ".repeat(400_000)}x${" \t".repeat(1000)}\nb`)).toBe(`a${" ".repeat(400_000)}x\nb`);
  });
});

describe("an over-long From is refused, not lost in silence", () => {
  it("a 20 KB display name naming the CTO is a counted trusted drop (FROM_AMBIGUOUS), so the alarm tells someone", async () => {
    const { dryRun } = await import("../../tools/lib/dry-run");
    const { testConfig } = await import("../functions/support/config");
    const raw = Buffer.from(`From: "${"x".repeat(20_000)}" <cto@acme-shop.example>\r\nSubject: help\r\n\r\nbody\r\n`);
    const r = await dryRun(raw, testConfig, { timestamp: new Date("2026-11-27T15:00:00Z") });
    expect(r.outcome).toMatchObject({ action: "drop", reason: "FROM_AMBIGUOUS", claimsTrusted: true });
    expect(r.logs.some((l) => "TrustedMailDropped" in l)).toBe(true);
  });
});
