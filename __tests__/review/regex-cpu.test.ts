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
  it("fromIdentity refuses a 24 KB From of dots as too long (before any parser or regex runs)", () => {
    const id = fromIdentity([`a@${".".repeat(24_000)}x`]);
    expect(id).toMatchObject({ ok: false, problem: expect.stringMatching(/longer than 2048 characters/) });
  });

  it("fromIdentity still strips a root dot in a 2 KB From built to backtrack", () => {
    expect(fromIdentity([`${"x".repeat(1900)} <cto@acme-shop.example${".".repeat(100)}>`])).toMatchObject({ ok: true, mailbox: { address: "cto@acme-shop.example" } });
  });

  it("normalizeText trims trailing blanks of a 400 K-blank line and keeps inner blanks", () => {
    expect(normalizeText(`a${" ".repeat(400_000)}x${" \t".repeat(1000)}\nb`)).toBe(`a${" ".repeat(400_000)}x\nb`);
  });
});
