import { bodyText, htmlToText, normalizeText, trimReply, truncate } from "../../functions/mail-to-alert/body";
import { repairC1 } from "../../functions/mail-to-alert/windows-1252-repair";

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

  // The kept text of a truncated body: its start and its end, without the marker line between.
  const kept = (t: string) => t.replace(/\n\n\[… [\d,]+ characters omitted …\]\n\n/, "");

  it("truncates to the limit keeping ~70% from the start and ~30% from the end, cut at line ends", () => {
    const text = Array.from({ length: 100 }, (_, i) => `line ${i} ${"x".repeat(40)}`).join("\n");
    const r = truncate(text, 1000);
    expect(r.truncated).toBe(true);
    const [head, tail] = r.text.split(/\n\n\[… [\d,]+ characters omitted …\]\n\n/);
    expect(head!.startsWith("line 0 ")).toBe(true);
    expect(tail!.endsWith("line 99 " + "x".repeat(40))).toBe(true);
    expect(head!.length).toBeGreaterThan(560);
    expect(head!.length).toBeLessThanOrEqual(700);
    expect(tail!.length).toBeGreaterThan(240);
    expect(tail!.length).toBeLessThanOrEqual(300);
    // Whole lines on both sides of the marker.
    expect(head!.split("\n").every((l) => /^line \d+ x{40}$/.test(l))).toBe(true);
    expect(tail!.split("\n").every((l) => /^line \d+ x{40}$/.test(l))).toBe(true);
    expect(kept(r.text).length).toBeLessThanOrEqual(1000);
    expect(r.omittedChars).toBe(text.length - head!.length - tail!.length);
    expect(r.text).toContain(`[… ${r.omittedChars.toLocaleString("en-US")} characters omitted …]`);
  });

  it("keeps the closing lines of a long mail (the phone number is often there)", () => {
    const text = `Checkout down since 14:00.\n${"Stack trace line\n".repeat(2000)}Call me at +1 555 0100 — Jane`;
    const r = truncate(text, 2000);
    expect(r.text.startsWith("Checkout down since 14:00.")).toBe(true);
    expect(r.text.endsWith("Call me at +1 555 0100 — Jane")).toBe(true);
    expect(r.text).toMatch(/\[… [\d,]+ characters omitted …\]/);
  });

  it("never splits a surrogate pair when truncating", () => {
    const r = truncate("🔥".repeat(600), 501);
    expect(kept(r.text)).toMatch(/^(🔥)+$/u);
    expect(kept(r.text).length).toBeLessThanOrEqual(501);
    expect(truncate("a🔥".repeat(400), 501).text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it("keeps the true end of a multi-megabyte body, beyond what is processed", () => {
    const huge = "All orders fail. ".repeat(300_000) + "\nCall me at +1 555 0100.";
    const r = bodyText({ text: huge }, "s", 8000);
    expect(r.truncated).toBe(true);
    expect(kept(r.text).length).toBeLessThanOrEqual(8000);
    expect(r.text.endsWith("Call me at +1 555 0100.")).toBe(true);
    expect(r.omittedChars).toBeGreaterThan(huge.length - 8000 - 100);
    const html = bodyText({ html: `<p>${"<b>All</b> orders fail. ".repeat(100_000)}</p><p>Call me at +1 555 0100.</p>` }, "s", 8000);
    expect(html.text.endsWith("Call me at +1 555 0100.")).toBe(true);
    expect(html.text.startsWith("All orders fail.")).toBe(true);
  });

  it("a short body is untouched", () => {
    expect(truncate("short", 500)).toEqual({ text: "short", truncated: false, omittedChars: 0 });
  });

  it("repairs windows-1252 punctuation decoded as C1 controls and leaves other text alone", () => {
    expect(repairC1("\u0093Hi\u0094 \u0096 \u0080 5")).toBe("“Hi” – € 5");
    expect(repairC1("Grüße 🔥")).toBe("Grüße 🔥");
  });
});
