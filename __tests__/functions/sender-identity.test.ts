import parseAddresses from "email-addresses";
import fc from "fast-check";
import { decide } from "../../functions/mail-to-alert/decide";
import { fromIdentity, normalizeAddress, normalizeDomain } from "../../functions/mail-to-alert/sender-identity";
import { decisionInput } from "./support/mail";

describe("fromIdentity: one From, one mailbox, read the same by postal-mime and email-addresses", () => {
  it.each([
    ["plain", "cto@acme-shop.example", "cto@acme-shop.example"],
    ["display name", "Jane Doe <cto@acme-shop.example>", "cto@acme-shop.example"],
    ["quoted name with a comma", '"Doe, Jane" <cto@acme-shop.example>', "cto@acme-shop.example"],
    ["upper case", "CTO <CTO@ACME-SHOP.EXAMPLE>", "cto@acme-shop.example"],
    ["trailing root dot", "cto@acme-shop.example.", "cto@acme-shop.example"],
    ["trailing root dot in angles", "Jane <cto@acme-shop.example.>", "cto@acme-shop.example"],
    ["comment in the local part", "cto(x)@acme-shop.example", "cto@acme-shop.example"],
    ["raw UTF-8 name and address (SMTPUTF8)", "Jörg <jörg@acme-shop.example>", "jörg@acme-shop.example"],
    ["encoded-word display name", "=?utf-8?q?J=C3=B6rg?= <cto@acme-shop.example>", "cto@acme-shop.example"],
  ])("reads %s", (_n, value, address) => {
    const id = fromIdentity([value]);
    expect(id).toMatchObject({ ok: true, mailbox: { address } });
  });

  it.each([
    ["nested comment holding an address", "cto@acme-shop.example (comment (nested <x@evil.example>))", /parsers disagree/],
    ["encoded-word-only From", "=?utf-8?q?cto=40acme-shop.example?=", /not a valid RFC 5322/],
    ["unterminated comment", "(unterminated <cto@acme-shop.example>", /not a valid RFC 5322/],
    ["unterminated quote", '"unterminated <cto@acme-shop.example>', /not a valid RFC 5322/],
    ["two angle addresses", "<cto@acme-shop.example> <attacker@evil.example>", /not a valid RFC 5322/],
    ["address then angle address", "cto@acme-shop.example <attacker@evil.example>", /not a valid RFC 5322/],
    ["group syntax", "Team: cto@acme-shop.example;", /group syntax/],
    ["bare CR", "cto@acme-shop.example\rattacker@evil.example", /bare CR/],
    ["two mailboxes", "cto@acme-shop.example, attacker@evil.example", /2 mailboxes/],
    ["route syntax", "<@evil.example:cto@acme-shop.example>", /parsers disagree/],
    ["trailing comma", "Jane <cto@acme-shop.example>, ", /not a valid RFC 5322/],
    ["two @", "cto@acme-shop.example@evil.example", /not a valid RFC 5322/],
    ["address literal", "cto@[127.0.0.1]", /not a DNS name/],
    ["empty", "", /not a valid RFC 5322|mailboxes/],
  ])("refuses %s", (_n, value, problem) => {
    const id = fromIdentity([value]);
    expect(id.ok).toBe(false);
    if (!id.ok) expect(id.problem).toMatch(problem);
  });

  it("refuses two From headers and no From header", () => {
    expect(fromIdentity(["cto@acme-shop.example", "x@evil.example"])).toMatchObject({ ok: false, problem: "the mail has 2 From headers" });
    expect(fromIdentity([])).toMatchObject({ ok: false, problem: "the mail has no From header" });
  });

  it("takes the domain of a quoted local part holding a trusted address from the strict parse", () => {
    const id = fromIdentity(['"cto@acme-shop.example"@evil.example']);
    expect(id).toMatchObject({ ok: true, domain: "evil.example" });
  });

  it("lists every address any parser read, so a refused From that names a trusted sender is still counted", () => {
    const id = fromIdentity(["cto@acme-shop.example (comment (nested <x@evil.example>))"]);
    expect(id.candidates).toEqual(expect.arrayContaining(["cto@acme-shop.example"]));
  });

  it("strips invisible format characters from the display name", () => {
    const id = fromIdentity(["Jane\u202e\u200b Doe <cto@acme-shop.example>"]);
    expect(id).toMatchObject({ ok: true, mailbox: { name: "Jane Doe" } });
  });
});

// Pieces an attacker combines: names, quotes, comments, angle brackets, encoded words, groups,
// separators and control characters around trusted and foreign addresses.
const piece = fc.constantFrom(
  "cto@acme-shop.example", "attacker@evil.example", "sre@ops.acme-shop.example", "cto@acme-shop.example.", "x@acme-shop.example.evil.example",
  "<", ">", "(", ")", '"', "\\", ",", ";", ":", "@", " ", "\r", "\t", "Jane", "=?utf-8?q?cto=40acme-shop.example?=", "=?utf-8?b?PGF0dGFja2VyQGV2aWwuZXhhbXBsZT4=?=",
  "Team:", "<@evil.example:", "[", "]", "CTO", "\u202e", "\u200b",
);
const fromValue = fc.array(piece, { minLength: 1, maxLength: 9 }).map((parts) => parts.join(""));
// SES's parser is a third one we cannot run: model it as an adversary that may read any domain in the value.
const sesReading = (value: string) => fc.constantFrom("acme-shop.example", "ops.acme-shop.example", "evil.example", ...(value.match(/@([a-z0-9.-]+)/gi) ?? []).map((m) => m.slice(1).toLowerCase()));

describe("property: no From is trusted unless its strict parse is one mailbox on SES's header.from", () => {
  it("pages or notifies only when email-addresses reads one mailbox whose domain is the domain SES authenticated", () => {
    let alerted = 0;
    fc.assert(
      fc.property(
        fromValue.chain((v) => fc.tuple(fc.constant(v), sesReading(v))),
        ([value, headerFrom]) => {
          const d = decide(decisionInput([["From", value], ["Subject", "help"]], { sesResults: `amazonses.com; spf=pass envelope-from=a@evil.example; dkim=pass header.i=@${headerFrom}; dmarc=pass header.from=${headerFrom};`, mailFrom: "a@evil.example" }));
          if (d.action === "drop") return;
          alerted++;
          const strict = parseAddresses.parseAddressList({ input: value.replace(/\.(?=\s*(?:>|$))/g, ""), rfc6532: true });
          expect(strict).not.toBeNull();
          expect(strict).toHaveLength(1);
          const mailbox = strict![0] as parseAddresses.ParsedMailbox;
          expect(mailbox.type).toBe("mailbox");
          expect(normalizeDomain(mailbox.domain)).toBe(normalizeDomain(headerFrom));
          expect(normalizeAddress(`${mailbox.local}@${mailbox.domain}`)).toBe(d.sender.address);
          if (d.action === "page") expect(["cto@acme-shop.example"].includes(d.sender.address) || d.sender.address.endsWith("@ops.acme-shop.example")).toBe(true);
        },
      ),
      { numRuns: 3000, seed: 20261201 },
    );
    // The property must have been exercised on alerts, not only on drops.
    expect(alerted).toBeGreaterThan(20);
  });
});
