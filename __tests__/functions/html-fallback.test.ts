import { convert } from "html-to-text";
import { bodyText, htmlToTextOrFallback } from "../../functions/mail-to-alert/body";
import { decodeEntities, stripTags } from "../../functions/mail-to-alert/html-fallback";

// Generated HTML of the shapes that overflow html-to-text's recursive walk: nested and unclosed elements.
const nested = (n: number) => `${"<div>".repeat(n)}Checkout is down${"</div>".repeat(n)}`;
const unclosed = (n: number) => `${"<div>x".repeat(n)}<p>Call me at +1 555 0100</p>`;

describe("HTML that html-to-text cannot convert", () => {
  it("reproduces the overflow: 5,000 nested divs (55 KB) and 5,000 unclosed divs (30 KB)", () => {
    expect(nested(5000).length).toBeLessThan(60_000);
    expect(() => convert(nested(5000))).toThrow(RangeError);
    expect(() => convert(unclosed(5000))).toThrow(RangeError);
  });

  it("falls back to the plain extraction, keeping the words, and says so", () => {
    expect(htmlToTextOrFallback(nested(5000))).toEqual({ text: "Checkout is down", fallback: true });
    const r = bodyText({ html: unclosed(5000) }, "Help", 8000);
    expect(r.renderFallback).toBe(true);
    expect(r.text).toContain("Call me at +1 555 0100");
    expect(bodyText({ html: "<p>fine</p>" }, "s", 8000).renderFallback).toBeUndefined();
  });

  it("survives 400 KB of nesting (the input bound) without recursion", () => {
    expect(stripTags(nested(40_000))).toBe("Checkout is down");
  });
});

describe("stripTags", () => {
  it("drops scripts, styles, comments and tags, and ends lines at blocks", () => {
    const html = '<html><head><title>t</title><style>p{}</style></head><body><!-- x --><p>Orders&nbsp;fail</p><script>evil()</script><div>since <b>18:02</b><br>Jane</div><table><tr><td>a</td><td>b</td></tr></table></body></html>';
    expect(stripTags(html)).toBe("Orders fail\n\nsince 18:02\nJane\n\na b");
  });

  it("decodes the common entities and numeric references, and leaves the rest", () => {
    expect(decodeEntities("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; &#x1F525; &#8364; &hellip; &bogus; &#xD800;")).toBe("<b> & \"x\" 'y' 🔥 € … &bogus; &#xD800;");
  });

  it("keeps a stray '<' typed by the sender", () => {
    expect(stripTags("latency < 5 s")).toBe("latency < 5 s");
  });
});
