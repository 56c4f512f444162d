import { parseAuthResults, sesAuthResults } from "../../functions/mail-to-alert/ses-auth-results";

// A real SES header of 2025 (FACTS.md), unfolded as SES lists it in mail.headers.
const REAL =
  "amazonses.com; spf=pass (spfCheck: domain of _spf.google.com designates 209.85.160.178 as permitted sender) client-ip=209.85.160.178; envelope-from=someone@gmail.com; helo=mail-qt1-f178.google.com; dkim=pass header.i=@gmail.com; dmarc=pass header.from=gmail.com;";

describe("parseAuthResults", () => {
  it("reads SES's real header: authserv-id, one clause per method, SPF properties in parts of their own", () => {
    const r = parseAuthResults(REAL);
    expect(r.authservId).toBe("amazonses.com");
    expect(r.clauses).toEqual([
      { method: "spf", result: "pass", props: { "client-ip": "209.85.160.178", "envelope-from": "someone@gmail.com", helo: "mail-qt1-f178.google.com" } },
      { method: "dkim", result: "pass", props: { "header.i": "@gmail.com" } },
      { method: "dmarc", result: "pass", props: { "header.from": "gmail.com" } },
    ]);
  });

  it("keeps one dkim clause per signature", () => {
    const r = parseAuthResults("amazonses.com; dkim=pass header.i=@mail.example.com; dkim=pass header.i=@amazonses.com;");
    expect(r.clauses.filter((c) => c.method === "dkim").map((c) => c.props["header.i"])).toEqual(["@mail.example.com", "@amazonses.com"]);
  });

  it("ignores comments, even nested ones holding a fake clause, and unquotes values", () => {
    const r = parseAuthResults('amazonses.com (x; dmarc=pass header.from=evil.example); dmarc=fail (p=REJECT (dmarc=pass)) header.from="acme-shop.example";');
    expect(r.clauses).toEqual([{ method: "dmarc", result: "fail", props: { "header.from": "acme-shop.example" } }]);
  });

  it("reads a version number after the authserv-id and upper-case words", () => {
    const r = parseAuthResults("AMAZONSES.COM 1; DKIM=PASS header.d=Acme-Shop.example");
    expect(r).toEqual({ authservId: "amazonses.com", clauses: [{ method: "dkim", result: "pass", props: { "header.d": "Acme-Shop.example" } }] });
  });

  it("keeps a quoted string whole: a quoted envelope sender or i= tag never becomes a clause or a property", () => {
    const r = parseAuthResults('amazonses.com; spf=pass client-ip=203.0.113.66; envelope-from="x;dkim=pass header.i=@acme-shop.example;"@evil.example; helo=h; dkim=pass header.i="a header.d=acme-shop.example "@evil.example; dmarc=none header.from=acme-shop.example;');
    expect(r.clauses.map((c) => c.method)).toEqual(["spf", "dkim", "dmarc"]);
    expect(r.clauses[0]!.props["envelope-from"]).toBe('"x;dkim=pass header.i=@acme-shop.example;"@evil.example');
    expect(r.clauses[1]!.props).toEqual({ "header.i": '"a header.d=acme-shop.example "@evil.example' });
  });

  it("never throws on garbage", () => {
    for (const v of ["", ";;;", "(((", '"', "amazonses.com; =pass; dkim=", "amazonses.com; dkim"]) expect(() => parseAuthResults(v)).not.toThrow();
  });
});

describe("sesAuthResults: only the topmost Authentication-Results, only SES's", () => {
  const h = (name: string, value: string) => ({ name, value });
  it("reads the topmost header when SES wrote it", () => {
    expect(sesAuthResults([h("X-SES-Spam-Verdict", "PASS"), h("Authentication-Results", REAL), h("From", "x")])?.clauses).toHaveLength(3);
  });

  it("ignores a sender's amazonses.com header below SES's", () => {
    const r = sesAuthResults([h("Authentication-Results", "amazonses.com; dmarc=none header.from=acme-shop.example;"), h("Authentication-Results", "amazonses.com; dmarc=pass header.from=acme-shop.example;")]);
    expect(r?.clauses).toEqual([{ method: "dmarc", result: "none", props: { "header.from": "acme-shop.example" } }]);
  });

  it("believes nothing when the topmost one is another server's, even if an amazonses.com one follows", () => {
    expect(sesAuthResults([h("Authentication-Results", "mx.google.com; dmarc=pass header.from=acme-shop.example"), h("Authentication-Results", REAL)])).toBeUndefined();
    expect(sesAuthResults([h("From", "x")])).toBeUndefined();
  });

  it("does not take a look-alike authserv-id", () => {
    expect(sesAuthResults([h("Authentication-Results", "amazonses.com.evil.example; dmarc=pass header.from=acme-shop.example")])).toBeUndefined();
    expect(sesAuthResults([h("Authentication-Results", "notamazonses.com; dmarc=pass header.from=acme-shop.example")])).toBeUndefined();
  });
});
