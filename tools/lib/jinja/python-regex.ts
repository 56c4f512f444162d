/**
 * Python `re` patterns run by JavaScript, for the preview's rendering of OnCall templates (OnCall
 * evaluates `regex_replace`/`regex_search` with Python's `re` on `str`). The two dialects differ
 * where our templates live: `\w`, `\d`, `\s` and `\b` are Unicode-aware in Python and ASCII in
 * JavaScript; `.` excludes only "\n" in Python; `$` also matches before a final "\n"; Python
 * accepts any escaped punctuation, a lone `{` and `{,n}`. The translation covers the common
 * subset and throws PythonRegexError for what it does not translate (verbose mode, scoped or
 * late inline flags, atomic groups, possessive quantifiers, conditionals, `\N{...}`), so the
 * preview fails loudly instead of rendering something OnCall would not.
 */

export class PythonRegexError extends Error {}

// Python's str.isspace(): what `\s` matches on str patterns (unlike JS: \x1c-\x1f and \x85 yes, \ufeff no).
const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
// Python's `\w` on str: alphanumerics (str.isalnum(): letters and numbers) and the underscore.
const WORD = "\\p{L}\\p{N}_";
const DIGIT = "\\p{Nd}";
const BOUNDARY = `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

const hex = (cp: number) => `\\u{${cp.toString(16)}}`;

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** Leading global flags `(?ims)`; Python 3.11 rejects them anywhere else. */
function leadingFlags(pattern: string): { flags: Flags; rest: string } {
  const flags: Flags = { ignoreCase: false, multiline: false, dotAll: false };
  let rest = pattern;
  for (let m = /^\(\?([a-zA-Z]+)\)/.exec(rest); m; m = /^\(\?([a-zA-Z]+)\)/.exec(rest)) {
    for (const f of m[1]!) {
      if (f === "i") flags.ignoreCase = true;
      else if (f === "m") flags.multiline = true;
      else if (f === "s") flags.dotAll = true;
      else if (f === "u") continue; // the default for str patterns
      else throw new PythonRegexError(`inline flag (?${f}) is not supported by the preview`);
    }
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** One escape `\x…` starting at `i` (the backslash); returns the JS text and the next index. */
function escape(p: string, i: number, inClass: boolean): [string, number] {
  const c = p[i + 1];
  if (c === undefined) throw new PythonRegexError("pattern ends with a backslash");
  const fixed: Record<string, string> = { n: "\\n", t: "\\t", r: "\\r", f: "\\f", v: "\\v", a: "\\x07" };
  if (fixed[c]) return [fixed[c]!, i + 2];
  if (c === "d") return [inClass ? DIGIT : `[${DIGIT}]`, i + 2];
  if (c === "w") return [inClass ? WORD : `[${WORD}]`, i + 2];
  if (c === "s") return [inClass ? SPACE : `[${SPACE}]`, i + 2];
  if (!inClass && c === "D") return [`[^${DIGIT}]`, i + 2];
  if (!inClass && c === "W") return [`[^${WORD}]`, i + 2];
  if (!inClass && c === "S") return [`[^${SPACE}]`, i + 2];
  if (!inClass && c === "b") return [BOUNDARY, i + 2];
  if (!inClass && c === "B") return [`(?!${BOUNDARY})`, i + 2];
  if (inClass && c === "b") return ["\\x08", i + 2];
  if (!inClass && c === "A") return ["(?<![\\s\\S])", i + 2];
  if (!inClass && c === "Z") return ["(?![\\s\\S])", i + 2];
  if (c === "x") {
    const m = /^[0-9a-fA-F]{2}/.exec(p.slice(i + 2));
    if (!m) throw new PythonRegexError("\\x needs two hex digits");
    return [hex(parseInt(m[0], 16)), i + 4];
  }
  if (c === "u" || c === "U") {
    const n = c === "u" ? 4 : 8;
    const digits = p.slice(i + 2, i + 2 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new PythonRegexError(`\\${c} needs ${n} hex digits`);
    return [hex(parseInt(digits, 16)), i + 2 + n];
  }
  if (c === "0") {
    const m = /^[0-7]{0,2}/.exec(p.slice(i + 2))!;
    return [hex(parseInt(`0${m[0]}`, 8)), i + 2 + m[0].length];
  }
  if (/[1-9]/.test(c)) {
    const m = /^[0-9]{1,2}/.exec(p.slice(i + 1))!;
    if (inClass) throw new PythonRegexError("a back reference inside a character class");
    return [`(?:\\${m[0]})`, i + 1 + m[0].length];
  }
  if (/[a-zA-Z]/.test(c)) throw new PythonRegexError(`\\${c} is not supported by the preview`);
  // Escaped punctuation or any other character: Python takes it literally.
  if (SYNTAX.has(c) || (inClass && c === "-")) return [`\\${c}`, i + 2];
  return [hex(c.codePointAt(0)!), i + 1 + (c.codePointAt(0)! > 0xffff ? 2 : 1)];
}

/** Python pattern -> JavaScript RegExp (always with the `u` flag; `g` when asked). */
export function pythonRegex(pattern: string, global = false): RegExp {
  const { flags, rest: p } = leadingFlags(pattern);
  let out = "";
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === "\\") {
      const [js, next] = escape(p, i, false);
      out += js;
      i = next;
    } else if (c === "[") {
      // Character class: Python allows "]" first and a literal "[" inside.
      let j = i + 1;
      let cls = "[";
      if (p[j] === "^") (cls += "^"), j++;
      if (p[j] === "]") (cls += "\\]"), j++;
      while (j < p.length && p[j] !== "]") {
        if (p[j] === "\\") {
          const [js, next] = escape(p, j, true);
          cls += js;
          j = next;
        } else {
          cls += p[j] === "[" ? "\\[" : p[j];
          j++;
        }
      }
      if (j >= p.length) throw new PythonRegexError("unterminated character set");
      out += `${cls}]`;
      i = j + 1;
    } else if (c === "(") {
      if (p.startsWith("(?P<", i)) (out += "(?<"), (i += 4);
      else if (p.startsWith("(?P=", i)) {
        const end = p.indexOf(")", i);
        out += `\\k<${p.slice(i + 4, end)}>`;
        i = end + 1;
      } else if (p.startsWith("(?#", i)) i = p.indexOf(")", i) + 1;
      else if (/^\(\?(?:[:=!]|<[=!])/.test(p.slice(i, i + 4))) {
        const m = /^\(\?(?:[:=!]|<[=!])/.exec(p.slice(i))!;
        out += m[0];
        i += m[0].length;
      } else if (p[i + 1] === "?") throw new PythonRegexError(`group ${p.slice(i, i + 4)}… is not supported by the preview`);
      else (out += "("), i++;
    } else if (c === "{") {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i));
      if (m && (m[1] || m[3])) {
        out += `{${m[1] || "0"}${m[2]}${m[3]}}`;
        i += m[0].length;
      } else (out += "\\{"), i++;
    } else if (c === "}" || c === "]") (out += `\\${c}`), i++;
    else if (c === ".") (out += flags.dotAll ? "[\\s\\S]" : "[^\\n]"), i++;
    else if (c === "$") (out += flags.multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))"), i++;
    else if (c === "^") (out += flags.multiline ? "(?:(?<![\\s\\S])|(?<=\\n))" : "^"), i++;
    else if ((c === "+" || c === "*" || c === "?" || c === "}") && p[i + 1] === "+") throw new PythonRegexError("possessive quantifiers are not supported by the preview");
    else {
      const cp = p.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
    }
  }
  try {
    return new RegExp(out, `u${flags.ignoreCase ? "i" : ""}${global ? "g" : ""}`);
  } catch (e) {
    throw new PythonRegexError(`${pattern}: ${(e as Error).message}`);
  }
}

/**
 * Python `re.sub(pattern, repl, s)` (all matches). `repl` uses Python's syntax: `\1`, `\g<1>`,
 * `\g<name>`, `\n` and friends; a group that did not take part is "".
 */
export function pythonSub(pattern: string, repl: string, s: string): string {
  const re = pythonRegex(pattern, true);
  const parts: (string | { group: string })[] = [];
  for (let i = 0; i < repl.length; ) {
    const c = repl[i]!;
    if (c !== "\\") {
      parts.push(c);
      i++;
      continue;
    }
    const n = repl[i + 1];
    const g = /^g<([^>]+)>/.exec(repl.slice(i + 1));
    const num = /^[0-9]{1,2}/.exec(repl.slice(i + 1));
    const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", a: "\x07", "\\": "\\" };
    if (g) (parts.push({ group: g[1]! }), (i += 1 + g[0].length));
    else if (num && num[0] !== "0") (parts.push({ group: num[0] }), (i += 1 + num[0].length));
    else if (n !== undefined && simple[n] !== undefined) (parts.push(simple[n]!), (i += 2));
    else if (n !== undefined && /[a-zA-Z]/.test(n)) throw new PythonRegexError(`bad escape \\${n} in the replacement`);
    else (parts.push(`\\${n ?? ""}`), (i += 2));
  }
  return s.replace(re, (...args: unknown[]) => {
    const named = typeof args[args.length - 1] === "object" ? (args[args.length - 1] as Record<string, string | undefined>) : undefined;
    const groups = args.slice(0, named ? -3 : -2) as (string | undefined)[];
    return parts
      .map((p) => {
        if (typeof p === "string") return p;
        const v = /^\d+$/.test(p.group) ? groups[Number(p.group)] : named?.[p.group];
        return v ?? "";
      })
      .join("");
  });
}

/** Python `bool(re.search(pattern, s))`. */
export function pythonSearch(pattern: string, s: string): boolean {
  return pythonRegex(pattern).test(s);
}
