import { bodyText, htmlToText, normalizeText, trimReply, truncate } from "../../functions/mail-to-alert/body";
import { repairC1 } from "../../functions/mail-to-alert/c1-repair";

describe("body text", () => {
  it("prefers the plain part and converts HTML only when there is none", () => {
    expect(bodyText({ text: "plain", html: "<p>html</p>" }, "s", 1000).text).toBe("plain");
    expect(bodyText({ text: "  \n", html: "<p>html <b>bold</b></p>" }, "s", 1000).text).toBe("html bold");
  });

  it("drops scripts, styles and images from HTML and keeps link targets", () => {
    const t = htmlToText('<style>x{}</style><script>evil()</script><p>a <a href="https://x.example/p">here</a></p><img src="y.png" alt="logo">');
    expect(t).toBe("a here [https://x.example/p]");
  });

  it("normalizes newlines, invisible characters and blank runs", () => {
    expect(normalizeText("a\r\nb\u200b\u0007\r\n\r\n\r\n\r\nc  \n")).toBe("a\nb\n\nc");
  });

  it("folds earlier thread history under an 'On … wrote:' split over two lines", () => {
    const r = trimReply("New info.\n\nOn Fri, 27 Nov 2026, Jane Doe <jane@x.example>\nwrote:\n> old\n> older", false);
    expect(r.text).toBe("New info.\n\n[… earlier messages in this thread trimmed (4 lines) …]");
  });

  it("keeps a mail that is only a quote header (nothing new above it)", () => {
    expect(trimReply("\nOn Fri, X wrote:\n> a", false).text).toContain("> a");
  });

  it("keeps forwarded content even when it looks like a reply header", () => {
    const text = "FYI\n\n-----Original Message-----\nFrom: mon@x.example\nSent: now\n\nDB down";
    expect(trimReply(text, true).text).toBe(text);
    expect(trimReply(text, false).text).not.toContain("DB down");
  });

  it("trims a signature only near the end", () => {
    expect(trimReply("body\n-- \nJane\n+1 555", false)).toMatchObject({ text: "body\n[signature trimmed]", trimmedSignature: true });
    const long = ["intro", "--", ...Array.from({ length: 20 }, (_, i) => `line ${i}`)].join("\n");
    expect(trimReply(long, false).text).toBe(long);
  });

  it("truncates at the limit on a line end and reports what was left out", () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ${"x".repeat(40)}`).join("\n");
    const r = truncate(text, 1000);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(1000);
    expect(r.text.endsWith("x")).toBe(true);
    expect(r.omittedChars).toBe(text.length - r.text.length);
  });

  it("never splits a surrogate pair when truncating", () => {
    const r = truncate("🔥".repeat(600), 501);
    expect(r.text).toBe("🔥".repeat(250));
  });

  it("truncates a multi-megabyte body to the configured limit", () => {
    const huge = "All orders fail. ".repeat(300_000);
    const r = bodyText({ text: huge }, "s", 8000);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(8000);
    expect(r.omittedChars).toBeGreaterThan(huge.length - 8000 - 100);
  });

  it("repairs windows-1252 punctuation decoded as C1 controls and leaves other text alone", () => {
    expect(repairC1("\u0093Hi\u0094 \u0096 \u0080 5")).toBe("“Hi” – € 5");
    expect(repairC1("Grüße 🔥")).toBe("Grüße 🔥");
  });
});
