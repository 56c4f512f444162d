import PostalMime from "postal-mime";
import { toMime, encodeWords } from "../../../functions/mail-to-alert/reply/mime";
import { renderReply, replySubject, threadingHeaders } from "../../../functions/mail-to-alert/reply/render-reply";
import { REPLY_LANGUAGES, TEMPLATES } from "../../../functions/mail-to-alert/reply/templates";
import { REPLY_LANGUAGE_CODES } from "../../../config/replies-schema";
import type { ReplyKind } from "../../../functions/reply-sender/contract";
import { request } from "./support";

const KINDS: ReplyKind[] = ["acknowledgement", "outside-window", "acknowledged", "resolved", "unresolved"];

describe("renderReply: the acknowledgement", () => {
  const r = renderReply(request({ references: ["<root@acme-shop.example>"], cc: ["ops-lead@acme-shop.example", "cto@acme-shop.example"] }));

  it("goes from the event address to the sender, cc the contacts (not the sender twice), in their thread", () => {
    expect(r).toMatchObject({ from: "black-friday-2026@oncall.example.com", to: "cto@acme-shop.example", cc: ["ops-lead@acme-shop.example"], subject: "Re: Checkout is down" });
    expect(r.headers).toEqual({
      "In-Reply-To": "<m1@acme-shop.example>",
      References: "<root@acme-shop.example> <m1@acme-shop.example>",
      "Auto-Submitted": "auto-replied",
      "X-Auto-Response-Suppress": "All",
    });
  });

  it("says when the on-call team was paged (in the event's zone), the reference to quote and the phone", () => {
    expect(r.text).toContain("paged the on-call team at Fri, Nov 27, 10:00 AM EST.");
    expect(r.text).toContain("Your reference is 4BAEB1A7.");
    expect(r.text).toContain("call +15555550100");
  });
});

describe("renderReply: templates in every language", () => {
  it("the example's languages are the templates' languages", () => {
    expect([...REPLY_LANGUAGES].sort()).toEqual([...REPLY_LANGUAGE_CODES].sort());
  });

  it.each(REPLY_LANGUAGES.flatMap((l) => KINDS.map((k) => [l, k] as const)))("%s %s: text and HTML say the same, with the reference and the phone", (language, kind) => {
    const r = renderReply(request({ language, kind, by: kind === "acknowledged" ? "Alice" : undefined, paged: kind === "outside-window" ? true : undefined }));
    expect(r.text).toContain("4BAEB1A7");
    expect(r.text).toContain("+15555550100");
    expect(r.text.startsWith(TEMPLATES[language]!.greeting)).toBe(true);
    for (const line of r.text.split("\n\n").slice(0, -1)) expect(r.html).toContain(line.replace(/'/g, "&#39;"));
    if (kind === "acknowledged") expect(r.text).toContain("Alice");
  });

  it("French: French words and French times", () => {
    const fr = renderReply(request({ language: "fr" }));
    expect(fr.text).toContain("Nous avons bien reçu votre message et alerté l'équipe d'astreinte à ven. 27 nov., 10:00 UTC−5.");
    expect(renderReply(request({ language: "fr", kind: "resolved" })).text).toContain("résolue");
    expect(renderReply(request({ language: "fr", kind: "outside-window", paged: false })).text).toContain("la ligne est fermée");
  });

  it("status mails: acknowledged by a first name, resolved, reopened", () => {
    expect(renderReply(request({ kind: "acknowledged", by: "Alice", at: "2026-11-27T15:04:00Z" })).text).toContain("Alice from the on-call team acknowledged your message at Fri, Nov 27, 10:04 AM EST");
    expect(renderReply(request({ kind: "acknowledged" })).text).toContain("An engineer from the on-call team acknowledged");
    expect(renderReply(request({ kind: "resolved" })).text).toContain("marked your request resolved at");
    expect(renderReply(request({ kind: "unresolved" })).text).toContain("reopened your request");
  });

  it("outside the window: the window, whether anyone was paged, and where to go", () => {
    const paged = renderReply(request({ kind: "outside-window", paged: true })).text;
    expect(paged).toContain("staffed from Thu, Nov 26, 06:00 PM EST to Tue, Dec 1, 06:00 AM EST");
    expect(paged).toContain("We paged the on-call team all the same");
    const closed = renderReply(request({ kind: "outside-window", paged: false, closedHelp: "your account manager at +15555550199" })).text;
    expect(closed).toContain("Nobody has been paged for it.");
    expect(closed).toContain("Where to go now: your account manager at +15555550199.");
  });

  it("an unknown language falls back to English", () => {
    expect(renderReply(request({ language: "de-CH" })).text).toContain("We received your message");
    expect(renderReply(request({ language: "FR-ca" })).text).toContain("Nous avons bien reçu");
  });
});

describe("renderReply: safety", () => {
  it("escapes everything in the HTML part", () => {
    const r = renderReply(request({ event: { ...request().event, title: `<script>alert("x")</script> & co` }, kind: "outside-window" }));
    expect(r.html).not.toContain("<script>");
    expect(r.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
  });

  it("no header injection through the subject, addresses or ids", () => {
    const r = renderReply(request({ subject: "Down\r\nBcc: victim@evil.example", messageId: "<a@b>\r\nBcc: x@y" }));
    expect(r.subject).toBe("Re: Down Bcc: victim@evil.example");
    expect(r.headers["In-Reply-To"]).toBeUndefined();
    expect(JSON.stringify(r.headers)).not.toMatch(/\r|\n/);
  });

  it("Re: is never doubled; an empty subject gets the language's placeholder", () => {
    expect(replySubject("Re: Checkout is down", "x")).toBe("Re: Checkout is down");
    expect(replySubject("RE : Panne", "x")).toBe("RE : Panne");
    expect(replySubject("AW: Ausfall", "x")).toBe("AW: Ausfall");
    expect(replySubject("Reports slow", "x")).toBe("Re: Reports slow");
    expect(replySubject("  ", "your message")).toBe("Re: your message");
    expect(renderReply(request({ subject: "", language: "fr" })).subject).toBe("Re: votre message");
  });

  it("References keeps the root and the newest ids, and drops malformed ones", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`);
    const h = threadingHeaders("<own@x>", [...ids, "not-an-id", "<bad id@x>"]);
    const refs = h.References!.split(" ");
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe("<r0@x>");
    expect(refs[19]).toBe("<own@x>");
    expect(threadingHeaders(undefined, [])).toEqual({});
  });
});

describe("toMime: the raw mail SES sends", () => {
  it("parses back to the same reply: threading and loop headers, UTF-8 text and HTML parts", async () => {
    const r = renderReply(request({ language: "fr", subject: "Caisse en panne — urgent", references: ["<root@acme-shop.example>"], cc: ["ops-lead@acme-shop.example"] }));
    const raw = toMime(r, new Date("2026-11-27T15:00:00Z"));
    expect(raw.toString("latin1")).toMatch(/^[\x00-\x7f]*$/);
    const parsed = await PostalMime.parse(raw);
    expect(parsed.subject).toBe("Re: Caisse en panne — urgent");
    expect(parsed.from).toMatchObject({ address: "black-friday-2026@oncall.example.com", name: "Astreinte Black Friday 2026" });
    expect(renderReply(request()).fromName).toBe("Black Friday 2026 on-call");
    expect(parsed.to).toEqual([expect.objectContaining({ address: "cto@acme-shop.example" })]);
    expect(parsed.cc).toEqual([expect.objectContaining({ address: "ops-lead@acme-shop.example" })]);
    expect(parsed.inReplyTo).toBe("<m1@acme-shop.example>");
    expect(parsed.references).toBe("<root@acme-shop.example> <m1@acme-shop.example>");
    const header = (k: string) => parsed.headers.find((h) => h.key === k)?.value;
    expect(header("auto-submitted")).toBe("auto-replied");
    expect(parsed.text).toBe(r.text);
    expect(parsed.html).toBe(r.html);
    // SES writes Message-ID itself.
    expect(header("message-id")).toBeUndefined();
  });

  it("is deterministic, and folds encoded words within 75 characters", () => {
    const r = renderReply(request());
    expect(toMime(r, new Date(0)).equals(toMime(r, new Date(0)))).toBe(true);
    for (const word of encodeWords("é".repeat(100)).split("\r\n ")) expect(word.length).toBeLessThanOrEqual(75);
  });
});
