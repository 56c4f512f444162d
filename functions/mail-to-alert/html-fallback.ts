/**
 * Plain text out of HTML that html-to-text could not convert (its recursive DOM walk overflows the
 * stack on a few thousand nested or unclosed elements). One left-to-right pass, no tree, no
 * recursion and no backtracking regular expressions: its cost is linear in the (bounded) input and
 * it cannot overflow, so a trusted sender's mail still pages with its words readable.
 */

/** Input bound: the alert shows at most 50,000 characters of body, so more is never worth scanning. */
export const FALLBACK_INPUT_CAP = 400_000;

// Elements whose content is never text for a responder.
const SKIPPED = new Set(["script", "style", "head", "title", "template", "noscript", "svg"]);
// Elements that end a line when they open or close, so paragraphs and rows stay apart.
const BLOCK = new Set(["p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd"]);

// The entities mail generators actually write; numeric references cover the rest.
const NAMED: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", hellip: "…",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", euro: "€", copy: "©", reg: "®", trade: "™", bull: "•", middot: "·",
};

/** Decodes `&name;`, `&#123;` and `&#x1F525;`; anything else stays as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, (all, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref.toLowerCase()] ?? all;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    // Surrogates and out-of-range code points would make invalid text: keep them as written.
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : all;
  });
}

/** The tag name right after `<` or `</` at `at`, lowercased ("" for comments, doctypes, junk). */
function tagName(html: string, at: number): string {
  let i = at;
  let name = "";
  while (i < html.length && name.length < 20) {
    const c = html.charCodeAt(i);
    const letterOrDigit = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (!letterOrDigit) break;
    name += html[i];
    i++;
  }
  return name.toLowerCase();
}

/** Text of `html`: tags removed, skipped elements' content dropped, block ends as newlines, entities decoded. */
export function stripTags(html: string): string {
  const src = html.length > FALLBACK_INPUT_CAP ? html.slice(0, FALLBACK_INPUT_CAP) : html;
  const out: string[] = [];
  let skipping = ""; // the element whose content is being dropped, e.g. "script"
  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const textEnd = lt < 0 ? src.length : lt;
    if (!skipping && textEnd > i) out.push(decodeEntities(src.slice(i, textEnd)));
    if (lt < 0) break;
    if (src.startsWith("<!--", lt)) {
      const end = src.indexOf("-->", lt + 4);
      i = end < 0 ? src.length : end + 3;
      continue;
    }
    const gt = src.indexOf(">", lt + 1);
    // An unclosed "<" is text the sender typed ("latency < 5 s"), unless a tag starts there: then
    // it is markup cut by the input bound.
    if (gt < 0) {
      if (!skipping && !/^<[/!a-zA-Z]/.test(src.slice(lt, lt + 2))) out.push(src.slice(lt));
      break;
    }
    const closing = src[lt + 1] === "/";
    const name = tagName(src, lt + (closing ? 2 : 1));
    if (skipping) {
      if (closing && name === skipping) skipping = "";
    } else if (!closing && SKIPPED.has(name) && src[gt - 1] !== "/") skipping = name;
    else if (BLOCK.has(name)) out.push("\n");
    else if (name === "td" || name === "th") out.push(closing ? "" : " ");
    i = gt + 1;
  }
  // Whitespace as a browser shows it: runs collapse, lines trimmed, at most one blank line.
  return out
    .join("")
    .replace(/[ \t\r\f\v]+/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
