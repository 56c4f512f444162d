/*
 * Route patterns are evaluated by Grafana OnCall with Python's `re` (its `regex_search` Jinja2
 * filter is `re.search`), but people write them as they would in JavaScript. This checks a pattern
 * the way Python 3.11+ `re.compile` would, without running Python (synth needs nothing but node):
 * a recursive-descent reading that follows CPython's `sre_parse` (tokens, escapes, classes, groups,
 * repeats, inline flags, group references) plus `sre_compile`'s fixed-width rule for look-behinds.
 *
 * Three kinds of verdict, each with the Python spelling to use where there is one:
 * - "python": Python rejects the pattern (the route would never match; OnCall logs a template error).
 *   JavaScript-only syntax lands here with a message naming it: `(?<name>...)`, `\k<name>`,
 *   `\p{...}`, `\u{...}`, `\cX`, `\z`, `\g`, `[^]`, `[]`, variable-width look-behind, `(?g)`, ...
 * - "javascript": Python accepts it but it means something else than the author meant: a
 *   `/.../flags` literal (Python looks for the slashes) and `$<name>` (replacement syntax).
 * - "portability": accepted by Python 3.11 but not by the Pythons OnCall may run (possessive
 *   quantifiers `a*+` and atomic groups `(?>...)` need 3.11; the `t` flag is gone in 3.13) or not
 *   checkable here (`\N{name}` needs Python's Unicode name table): refused, with a spelling that
 *   works everywhere. A false refusal costs a rewrite; a false acceptance, a silent route miss.
 *
 * What is not checked: Python's FutureWarnings (`[[`, `&&` in a class) are accepted like Python
 * accepts them; group names are checked against Unicode identifier rules, which match
 * `str.isidentifier()` except for rare NFKC cases.
 */

export type PatternProblemKind = "python" | "javascript" | "portability";

export interface PatternProblem {
  readonly kind: PatternProblemKind;
  /** Index (in code points, like Python's error positions) where the problem starts. */
  readonly index: number;
  /** What is wrong, in plain words. */
  readonly message: string;
  /** How to write it in Python, when there is a direct spelling. */
  readonly fix?: string;
  /** The pattern with this problem rewritten, when a mechanical rewrite exists. */
  readonly rewritten?: string;
}

const MAXREPEAT = 4294967295;
const MAXGROUPS = 1073741823;
const ASCII_LETTER = /^[A-Za-z]$/;
const DIGIT = /^[0-9]$/;
const OCTDIGIT = /^[0-7]$/;
const HEXDIGIT = /^[0-9A-Fa-f]$/;
const WHITESPACE = " \t\n\r\v\f";
const FLAGS = "iLmsxatu";
const TYPE_FLAGS = "aLu";
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

type Width = readonly [number, number];
/** What the last item of a sequence was, for the repeat rules ("nothing to repeat", "multiple repeat"). */
type ItemKind = "unit" | "at" | "repeat" | "group" | "assert" | "groupref";

class Stop extends Error {
  constructor(readonly problem: PatternProblem) {
    super(problem.message);
  }
}

/** Tokens as Python's tokenizer sees them: one code point, or a backslash and the next one. */
function tokenize(cps: readonly string[]): { tokens: string[]; starts: number[] } | PatternProblem {
  const tokens: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i < cps.length; i++) {
    starts.push(i);
    if (cps[i] === "\\") {
      if (i + 1 >= cps.length) return { kind: "python", index: i, message: "the pattern ends with a lone backslash", fix: "\\\\ for a backslash" };
      tokens.push(`\\${cps[++i]}`);
    } else tokens.push(cps[i]);
  }
  starts.push(cps.length);
  return { tokens, starts };
}

const cp = (s: string) => s.codePointAt(0)!;
const hex = (n: number, digits: number) => n.toString(16).toUpperCase().padStart(digits, "0");

class Parser {
  private pos = 0;
  private readonly groupWidths: (Width | undefined)[] = [undefined]; // group 0 is the whole match
  private readonly groupNames = new Map<string, number>();
  private readonly conditionRefs = new Map<number, number>();
  private lookbehindGroups: number | undefined;
  private verbose = false;

  constructor(
    private readonly pattern: string,
    private readonly tokens: readonly string[],
    private readonly starts: readonly number[],
  ) {}

  private get next(): string | undefined {
    return this.tokens[this.pos];
  }
  private get(): string | undefined {
    return this.tokens[this.pos++];
  }
  private match(t: string): boolean {
    if (this.next !== t) return false;
    this.pos++;
    return true;
  }
  private get groups(): number {
    return this.groupWidths.length;
  }
  /** Index in code points of the token at `pos` (default: the next one). */
  private at(pos = this.pos): number {
    return this.starts[Math.min(pos, this.starts.length - 1)];
  }
  /** The pattern text from the next token on (in code points, like every index here). */
  private rest(): string {
    return Array.from(this.pattern).slice(this.at()).join("");
  }
  /** Token index just after `text` (a prefix of `rest()`). */
  private after(text: string): number {
    const end = this.at() + Array.from(text).length;
    const i = this.starts.findIndex((s) => s >= end);
    return i < 0 ? this.tokens.length : i;
  }
  private text(from: number, to = this.pos): string {
    return Array.from(this.pattern).slice(this.at(from), this.at(to)).join("");
  }
  private problem(kind: PatternProblemKind, from: number, message: string, fix?: string, replacement?: { to: number; text: string }): PatternProblem {
    const cps = Array.from(this.pattern);
    const rewritten = replacement === undefined ? undefined : `${cps.slice(0, this.at(from)).join("")}${replacement.text}${cps.slice(this.at(replacement.to)).join("")}`;
    return { kind, index: this.at(from), message, fix, rewritten };
  }
  /** Python rejects the pattern here: stop. */
  private fail(kind: "python", from: number, message: string, fix?: string, replacement?: { to: number; text: string }): never {
    throw new Stop(this.problem(kind, from, message, fix, replacement));
  }
  /**
   * Python 3.11 accepts this but it is refused anyway (JavaScript meaning, portability): keep the
   * first such problem and read on, so that a real Python error later in the pattern wins.
   */
  private note(kind: "javascript" | "portability", from: number, message: string, fix?: string, replacement?: { to: number; text: string }): void {
    this.noted ??= this.problem(kind, from, message, fix, replacement);
  }
  /** The first JavaScript-meaning or portability problem, once the whole pattern parsed. */
  noted: PatternProblem | undefined;

  parse(): void {
    this.parseSub(0);
    if (this.next !== undefined) this.fail("python", this.pos, "unbalanced parenthesis: this ) closes no group", "escape it as \\) for a literal parenthesis", { to: this.pos + 1, text: "\\)" });
    for (const [gid, pos] of this.conditionRefs) {
      if (gid >= this.groups) this.fail("python", pos, `the condition refers to group ${gid}, which does not exist`);
    }
  }

  /** Alternatives separated by `|`; the width spans the narrowest and widest branch. */
  private parseSub(nested: number): Width {
    let lo = MAXREPEAT - 1;
    let hi = 0;
    let first = true;
    for (;;) {
      const [l, h] = this.parseSeq(nested + 1, nested === 0 && first);
      lo = Math.min(lo, l);
      hi = Math.max(hi, h);
      first = false;
      if (!this.match("|")) break;
    }
    return [lo, hi];
  }

  /** One branch: a sequence of items up to `|`, `)` or the end. */
  private parseSeq(nested: number, first: boolean): Width {
    const items: { kind: ItemKind; width: Width; start: number }[] = [];
    for (;;) {
      const t = this.next;
      if (t === undefined || t === "|" || t === ")") break;
      const start = this.pos;
      this.get();
      if (this.verbose) {
        if (WHITESPACE.includes(t)) continue;
        if (t === "#") {
          while (this.next !== undefined && this.get() !== "\n");
          continue;
        }
      }
      if (t === "[") {
        this.parseClass(start);
        items.push({ kind: "unit", width: [1, 1], start });
      } else if (t === ".") items.push({ kind: "unit", width: [1, 1], start });
      else if (t === "^") items.push({ kind: "at", width: [0, 0], start });
      else if (t === "$") {
        this.checkReplacementSyntax(start);
        items.push({ kind: "at", width: [0, 0], start });
      } else if (t.startsWith("\\")) items.push({ ...this.escape(t, start), start });
      else if ("*+?{".includes(t)) {
        const repeat = this.repeatBounds(t, start);
        if (repeat === undefined) {
          items.push({ kind: "unit", width: [1, 1], start }); // `{` that starts no repeat is a literal
          continue;
        }
        const last = items[items.length - 1];
        if (!last || last.kind === "at") this.fail("python", start, `nothing to repeat: "${this.text(start)}" follows ${last ? "an anchor" : "nothing"}`, "escape it (\\* \\+ \\? \\{) for a literal character", { to: this.pos, text: `\\${this.text(start)}` });
        if (last.kind === "repeat") this.fail("python", start, `multiple repeat: "${this.text(last.start)}" is already repeated`, "group it first: (?:...)*", undefined);
        if (this.match("?")) {
          /* lazy */
        } else if (this.next === "+") {
          this.note("portability", start, "possessive quantifiers (*+ ++ ?+ {m,n}+) need Python 3.11 or later", "drop the final +", { to: this.pos + 1, text: this.text(start) });
          this.get();
        }
        const [l, h] = last.width;
        const [min, max] = repeat;
        last.kind = "repeat";
        last.width = [Math.min(l * min, MAXREPEAT - 1), max === MAXREPEAT && h ? MAXREPEAT : Math.min(h * max, MAXREPEAT)];
      } else if (t === "(") {
        const item = this.group(start, nested, first && items.length === 0);
        if (item) items.push({ ...item, start });
      } else items.push({ kind: "unit", width: [1, 1], start });
    }
    let lo = 0;
    let hi = 0;
    for (const i of items) {
      lo += i.width[0];
      hi += i.width[1];
    }
    return [Math.min(lo, MAXREPEAT - 1), Math.min(hi, MAXREPEAT)];
  }

  /** `$<name>` is JavaScript's replacement syntax; in a pattern it is "end, then <name>". */
  private checkReplacementSyntax(start: number): void {
    if (this.next !== "<") return;
    let i = this.pos + 1;
    let name = "";
    while (this.tokens[i] !== undefined && this.tokens[i] !== ">" && name.length < 64) name += this.tokens[i++];
    if (this.tokens[i] === ">" && IDENTIFIER.test(name)) {
      this.note("javascript", start, `"$<${name}>" is JavaScript replacement syntax; in a pattern it means "end of text, then <${name}>" and never matches`, `(?P=${name}) to match group ${name} again`);
    }
  }

  /** Min and max of a repeat token (Python MAXREPEAT for "no limit"); undefined for a literal `{`. */
  private repeatBounds(t: string, start: number): [number, number] | undefined {
    if (t === "?") return [0, 1];
    if (t === "*") return [0, MAXREPEAT];
    if (t === "+") return [1, MAXREPEAT];
    if (this.next === "}") return undefined;
    const here = this.pos;
    let lo = "";
    let hi = "";
    while (this.next !== undefined && DIGIT.test(this.next)) lo += this.get();
    if (this.match(",")) while (this.next !== undefined && DIGIT.test(this.next)) hi += this.get();
    else hi = lo;
    if (!this.match("}")) {
      this.pos = here;
      return undefined;
    }
    const min = lo ? Number(lo) : 0;
    const max = hi ? Number(hi) : MAXREPEAT;
    if (min >= MAXREPEAT || (hi && max >= MAXREPEAT)) this.fail("python", start, "the repetition number is too large");
    if (max < min) this.fail("python", start, `min repeat greater than max repeat in "${this.text(start)}"`, `{${max},${min}}`, { to: this.pos, text: `{${max},${min}}` });
    return [min, max];
  }

  /** An escape outside a class (sre_parse `_escape`). */
  private escape(t: string, start: number): { kind: ItemKind; width: Width } {
    const c = t.slice(1);
    if ("AbBZ".includes(c)) return { kind: "at", width: [0, 0] };
    if ("dDsSwW".includes(c)) return { kind: "unit", width: [1, 1] };
    if ("afnrtv\\".includes(c)) return { kind: "unit", width: [1, 1] };
    if (this.codeEscape(c, start)) return { kind: "unit", width: [1, 1] };
    if (c === "0") {
      for (let k = 0; k < 2 && this.next !== undefined && OCTDIGIT.test(this.next); k++) this.get();
      return { kind: "unit", width: [1, 1] };
    }
    if (DIGIT.test(c)) {
      let digits = c;
      if (this.next !== undefined && DIGIT.test(this.next)) {
        digits += this.get();
        if (OCTDIGIT.test(digits[0]) && OCTDIGIT.test(digits[1]) && this.next !== undefined && OCTDIGIT.test(this.next)) {
          digits += this.get();
          if (parseInt(digits, 8) > 0o377) this.fail("python", start, `octal escape \\${digits} is above \\377`);
          return { kind: "unit", width: [1, 1] };
        }
      }
      const gid = Number(digits);
      if (gid < this.groups) {
        this.checkGroupRef(gid, start, `\\${digits}`);
        return { kind: "groupref", width: this.groupWidths[gid]! };
      }
      this.fail("python", start, `\\${digits} refers to group ${gid}, but the pattern has ${this.groups - 1} group${this.groups === 2 ? "" : "s"} before it`, "for a character by code write \\x41 or \\u0041");
    }
    if (ASCII_LETTER.test(c)) this.badLetterEscape(c, start, false);
    return { kind: "unit", width: [1, 1] }; // an escaped non-letter is the character itself
  }

  /** \x, \u, \U and \N, shared by both escape readers; true when it was one of them. */
  private codeEscape(c: string, start: number): boolean {
    const digits = (n: number) => {
      let s = "";
      while (s.length < n && this.next !== undefined && HEXDIGIT.test(this.next)) s += this.get();
      return s;
    };
    if (c === "x") {
      if (this.next === "{") {
        this.fail("python", start, "\\x{...} is not Python; \\x takes exactly two hex digits", "\\xHH, \\uHHHH or \\UHHHHHHHH");
      }
      const d = digits(2);
      if (d.length !== 2) this.fail("python", start, `incomplete escape \\x${d}: \\x takes exactly two hex digits`, `\\x${d.padStart(2, "0")}`, { to: this.pos, text: `\\x${d.padStart(2, "0")}` });
      return true;
    }
    if (c === "u") {
      if (this.next === "{") {
        this.get();
        const d = digits(6);
        const closed = this.match("}");
        const n = parseInt(d || "x", 16);
        const python = Number.isNaN(n) ? undefined : n <= 0xffff ? `\\u${hex(n, 4)}` : `\\U${hex(n, 8)}`;
        this.fail("python", start, `\\u{${d}} is JavaScript's code point escape; Python has none`, python ?? "\\uHHHH or \\UHHHHHHHH", closed && python ? { to: this.pos, text: python } : undefined);
      }
      const d = digits(4);
      if (d.length !== 4) this.fail("python", start, `incomplete escape \\u${d}: \\u takes exactly four hex digits`, `\\u${d.padStart(4, "0")}`, { to: this.pos, text: `\\u${d.padStart(4, "0")}` });
      return true;
    }
    if (c === "U") {
      const d = digits(8);
      if (d.length !== 8) this.fail("python", start, `incomplete escape \\U${d}: \\U takes exactly eight hex digits`, `\\U${d.padStart(8, "0")}`, { to: this.pos, text: `\\U${d.padStart(8, "0")}` });
      if (parseInt(d, 16) > 0x10ffff) this.fail("python", start, `\\U${d} is beyond the last Unicode code point (\\U0010FFFF)`);
      return true;
    }
    if (c === "N") {
      // Python checks the syntax and the name; the syntax is checked here, the name cannot be.
      if (!this.match("{")) this.fail("python", start, "\\N must be followed by {character name}", "write the character itself, or \\uHHHH");
      let name = "";
      while (this.next !== undefined && this.next !== "}") name += this.get();
      if (!this.match("}") || !name) this.fail("python", start, "\\N{ without a character name and }", "write the character itself, or \\uHHHH");
      this.note("portability", start, `\\N{${name}} is not checked here (it needs Python's table of character names)`, "write the character itself, or \\uHHHH");
      return true;
    }
    return false;
  }

  /** Python rejects an escaped ASCII letter it does not know; name the JavaScript habit behind it. */
  private badLetterEscape(c: string, start: number, inClass: boolean): never {
    const esc = `\\${c}`;
    const js: Record<string, () => never> = {
      k: () => {
        const m = /^<([^>]*)>/.exec(this.rest());
        const name = m?.[1] ?? "name";
        this.fail("python", start, `${esc}<${name}> is JavaScript's named back-reference`, `(?P=${name})`, m ? { to: this.after(m[0]), text: `(?P=${name})` } : undefined);
      },
      p: () => this.fail("python", start, `${esc}{...} (Unicode property) is not supported by Python's re`, "[^\\W\\d_] for letters, \\d for digits, or list the characters"),
      P: () => this.fail("python", start, `${esc}{...} (Unicode property) is not supported by Python's re`, "[\\W\\d_] for non-letters, \\D for non-digits, or list the characters"),
      c: () => {
        const letter = this.next;
        if (letter !== undefined && ASCII_LETTER.test(letter)) {
          const code = `\\x${hex(cp(letter.toUpperCase()) - 64, 2)}`;
          this.fail("python", start, `${esc}${letter} (control character) is JavaScript; Python has no \\c`, code, { to: this.pos + 1, text: code });
        }
        this.fail("python", start, `${esc} (control character) is JavaScript; Python has no \\c`, "\\xHH");
      },
      z: () => this.fail("python", start, "\\z is not Python (before 3.14); the end of the text is \\Z", "\\Z", { to: this.pos, text: "\\Z" }),
      g: () => this.fail("python", start, "\\g<...> belongs in replacements, not in Python patterns", "(?P=name) or \\1 to match a group again"),
      e: () => this.fail("python", start, "\\e (escape character) is not Python", "\\x1b", { to: this.pos, text: "\\x1b" }),
      h: () => this.fail("python", start, "\\h (horizontal space) is not Python", "[ \\t]", { to: this.pos, text: "[ \\t]" }),
      R: () => this.fail("python", start, "\\R (any line break) is not Python", "(?:\\r\\n|\\n|\\r)", { to: this.pos, text: "(?:\\r\\n|\\n|\\r)" }),
    };
    if (!inClass && js[c]) js[c]();
    if (inClass && "ABZ".includes(c)) this.fail("python", start, `${esc} (an anchor) cannot be used inside [...]`, "move it out of the class");
    if (inClass && (c === "p" || c === "P" || c === "c" || c === "e" || c === "h" || c === "z" || c === "k" || c === "g" || c === "R")) {
      const fixes: Record<string, string> = { p: "[^\\W\\d_] outside the class, or list the characters", P: "list the characters", c: "\\xHH", e: "\\x1b", h: " \\t", z: "\\Z outside the class", k: "(?P=name) outside the class", g: "(?P=name) outside the class", R: "\\r\\n" };
      this.fail("python", start, `${esc} is not a Python escape`, fixes[c]);
    }
    this.fail("python", start, `${esc} is not a Python escape (Python rejects unknown escaped letters)`, `${c} for the letter itself`, { to: this.pos, text: c });
  }

  private checkGroupRef(gid: number, start: number, what: string): void {
    if (this.groupWidths[gid] === undefined) this.fail("python", start, `${what} refers to group ${gid} from inside that group (an open group)`, "refer to it after its closing )");
    if (this.lookbehindGroups !== undefined && gid >= this.lookbehindGroups) {
      this.fail("python", start, `${what} refers to a group defined in the same look-behind`);
    }
  }

  /** A character class `[...]` (sre_parse: `]` first is literal; ranges between single characters). */
  private parseClass(start: number): void {
    const negated = this.match("^");
    // JavaScript's [] (never matches) and [^] (any character); in Python a ] right after [ or [^ is
    // a literal, so the class runs on and usually never ends.
    const jsEmpty = this.next === "]" ? this.pos + 1 : undefined;
    let count = 0;
    for (;;) {
      const from = this.pos;
      const t = this.get();
      if (t === undefined) {
        if (jsEmpty !== undefined && negated) this.fail("python", start, "[^] (any character) is JavaScript; in Python it starts a class containing ]", "[\\s\\S]", { to: jsEmpty, text: "[\\s\\S]" });
        if (jsEmpty !== undefined) this.fail("python", start, "[] is an empty class in JavaScript (never matches); in Python it starts a class containing ]", "remove it");
        this.fail("python", start, "unterminated character set: a [ without its ]", "close it with ], or escape a literal bracket as \\[");
      }
      if (t === "]" && count > 0) return;
      const lo = t.startsWith("\\") ? this.classEscape(t, from) : cp(t);
      count++;
      if (this.match("-")) {
        const thatFrom = this.pos;
        const that = this.get();
        if (that === undefined) this.fail("python", start, "unterminated character set: a [ without its ]", "close it with ]");
        if (that === "]") {
          count++;
          return;
        }
        const hi = that.startsWith("\\") ? this.classEscape(that, thatFrom) : cp(that);
        const range = this.text(from);
        if (lo === undefined || hi === undefined) this.fail("python", from, `bad character range ${range}: a range needs a single character at each end, not a class like \\d`, "put - first or last for a literal hyphen");
        if (hi < lo) this.fail("python", from, `bad character range ${range}: the end comes before the start`, `${this.text(thatFrom)}-${this.text(from, from + 1)}`);
      }
    }
  }

  /** An escape inside a class: the code point, or undefined for a class escape like \d. */
  private classEscape(t: string, start: number): number | undefined {
    const c = t.slice(1);
    if ("dDsSwW".includes(c)) return undefined;
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
    if (c in simple) return simple[c];
    if (this.codeEscape(c, start)) return parseInt(this.text(start).slice(2).replace(/[{}]/g, ""), 16);
    if (OCTDIGIT.test(c)) {
      let digits = c;
      for (let k = 0; k < 2 && this.next !== undefined && OCTDIGIT.test(this.next); k++) digits += this.get();
      if (parseInt(digits, 8) > 0o377) this.fail("python", start, `octal escape \\${digits} is above \\377`);
      return parseInt(digits, 8);
    }
    if (DIGIT.test(c)) this.fail("python", start, `\\${c} is not an escape inside [...] (no group references there)`, c, { to: this.pos, text: c });
    if (ASCII_LETTER.test(c)) this.badLetterEscape(c, start, true);
    return cp(c);
  }

  /** A name up to `terminator` (sre_parse `getuntil`). */
  private nameUntil(terminator: string, start: number): string {
    let name = "";
    for (;;) {
      const t = this.get();
      if (t === undefined) this.fail("python", start, name ? `missing ${terminator}: the group name is not closed` : "missing group name");
      if (t === terminator) {
        if (!name) this.fail("python", start, "missing group name");
        return name;
      }
      name += t;
    }
  }

  private checkName(name: string, start: number): void {
    if (!IDENTIFIER.test(name)) this.fail("python", start, `bad character in group name "${name}": names are identifiers (letters, digits, _; not starting with a digit)`);
  }

  /** `(` ... `)`: groups, extensions, look-arounds, flags; undefined for items that add nothing. */
  private group(start: number, nested: number, firstItem: boolean): { kind: ItemKind; width: Width } | undefined {
    let capture = true;
    let name: string | undefined;
    let subVerbose = this.verbose;
    if (this.match("?")) {
      const char = this.get();
      if (char === undefined) this.fail("python", start, "unexpected end of pattern after (?");
      if (char === "P") {
        if (this.match("<")) {
          name = this.nameUntil(">", start);
          this.checkName(name, start);
        } else if (this.match("=")) {
          const ref = this.nameUntil(")", start);
          this.checkName(ref, start);
          const gid = this.groupNames.get(ref);
          if (gid === undefined) this.fail("python", start, `(?P=${ref}) refers to no group named ${ref} before it`);
          this.checkGroupRef(gid, start, `(?P=${ref})`);
          return { kind: "groupref", width: this.groupWidths[gid]! };
        } else {
          const c = this.get();
          if (c === ">") this.fail("python", start, "(?P>name) (a subroutine call) is not supported by Python's re", "repeat the group's pattern");
          this.fail("python", start, `unknown extension (?P${c ?? ""}`, "(?P<name>...) or (?P=name)");
        }
      } else if (char === ":") {
        capture = false;
      } else if (char === "#") {
        for (;;) {
          if (this.next === undefined) this.fail("python", start, "unterminated comment: (?# without its )");
          if (this.get() === ")") return undefined;
        }
      } else if (char === "=" || char === "!" || char === "<") {
        let behind = false;
        if (char === "<") {
          const c = this.get();
          if (c !== "=" && c !== "!") {
            this.pos--;
            const m = /^([^>)]*)>/.exec(this.rest());
            if (m) {
              this.fail("python", start, `(?<${m[1]}>...) is JavaScript's named group`, `(?P<${m[1]}>...)`, { to: this.after(m[0]), text: `(?P<${m[1]}>` });
            }
            this.fail("python", start, `unknown extension (?<${c ?? ""}`, "(?<=...) or (?<!...) for a look-behind, (?P<name>...) for a named group");
          }
          behind = true;
        }
        const outer = this.lookbehindGroups;
        if (behind && outer === undefined) this.lookbehindGroups = this.groups;
        const [lo, hi] = this.parseSub(nested + 1);
        if (behind && outer === undefined) this.lookbehindGroups = undefined;
        if (!this.match(")")) this.fail("python", start, "missing ): the group is not closed");
        if (behind && lo !== hi) {
          this.fail(
            "python",
            start,
            `variable-width look-behind "${this.text(start)}": Python's look-behind must match a fixed number of characters (JavaScript allows any)`,
            "give every branch the same length, e.g. (?<=ab|cd), or match the part before in the pattern itself",
          );
        }
        return { kind: "assert", width: [0, 0] };
      } else if (char === "(") {
        const condStart = this.pos;
        const cond = this.nameUntil(")", start);
        let gid: number;
        if (IDENTIFIER.test(cond)) {
          const g = this.groupNames.get(cond);
          if (g === undefined) this.fail("python", start, `the condition refers to no group named ${cond} before it`);
          gid = g;
        } else {
          if (!/^[0-9]+$/.test(cond)) this.fail("python", start, `bad character in group name "${cond}"`);
          gid = Number(cond);
          if (gid === 0) this.fail("python", start, "bad group number 0 in a condition");
          if (gid >= MAXGROUPS) this.fail("python", start, `the condition refers to group ${gid}, which does not exist`);
          if (!this.conditionRefs.has(gid)) this.conditionRefs.set(gid, condStart);
        }
        if (this.lookbehindGroups !== undefined) this.checkGroupRef(gid, start, `(?(${cond})`);
        const [yl, yh] = this.parseSeq(nested + 1, false);
        let width: Width = [0, yh];
        if (this.match("|")) {
          const [nl, nh] = this.parseSeq(nested + 1, false);
          if (this.next === "|") this.fail("python", start, "a conditional group has at most two branches (yes|no)");
          width = [Math.min(yl, nl), Math.max(yh, nh)];
        }
        if (!this.match(")")) this.fail("python", start, "missing ): the group is not closed");
        return { kind: "group", width };
      } else if (char === ">") {
        this.note("portability", start, "atomic groups (?>...) need Python 3.11 or later", "(?:...)", { to: this.pos, text: "(?:" });
        capture = false;
      } else if (FLAGS.includes(char) || char === "-") {
        const flags = this.flags(char, start);
        if (flags.global) {
          if (!firstItem) {
            const letters = this.text(start);
            this.fail("python", start, `the global flag group ${letters} is not at the start of the pattern (Python 3.11 and later refuse that)`, `move ${letters} to the very start, or scope it: ${letters.slice(0, -1)}:...)`);
          }
          // (?x) at the start makes the rest of the pattern verbose.
          if (flags.add.includes("x")) this.verbose = true;
          return undefined;
        }
        capture = false;
        if (flags.add.includes("x")) subVerbose = true;
        if (flags.del.includes("x")) subVerbose = false;
      } else {
        const known: Record<string, string> = {
          "'": "(?'name'...) is .NET/PCRE syntax; Python writes (?P<name>...)",
          "|": "(?|...) (branch reset) is not supported by Python's re",
          R: "(?R) (recursion) is not supported by Python's re",
          "&": "(?&name) (subroutine call) is not supported by Python's re",
        };
        if (/[a-zA-Z]/.test(char) && !known[char]) {
          this.fail("python", start, `(?${char}) is not a Python flag (Python's inline flags are a i m s u x L)`, char === "g" ? "remove it: re.search finds the first match anyway" : "(?i) (OnCall routes are already case-insensitive)");
        }
        this.fail("python", start, known[char] ?? `unknown extension (?${char}`, known[char] ? undefined : "(?:...) for a plain group");
      }
    }
    let gid: number | undefined;
    if (capture) {
      gid = this.groups;
      if (name !== undefined) {
        const other = this.groupNames.get(name);
        if (other !== undefined) this.fail("python", start, `group name ${name} is used twice (groups ${other} and ${gid})`, "give each group its own name");
        this.groupNames.set(name, gid);
      }
      this.groupWidths.push(undefined);
    }
    const outerVerbose = this.verbose;
    this.verbose = subVerbose;
    const width = this.parseSub(nested + 1);
    this.verbose = outerVerbose;
    if (!this.match(")")) this.fail("python", start, "missing ): the group is not closed", "add the closing ), or escape a literal parenthesis as \\(");
    if (gid !== undefined) this.groupWidths[gid] = width;
    return { kind: "group", width };
  }

  /** Inline flags after `(?` (sre_parse `_parse_flags`): "global" for `(?i)`, else what a scoped group adds and removes. */
  private flags(first: string, start: number): { global: boolean; add: string; del: string } {
    let add = "";
    let del = "";
    let char: string | undefined = first;
    if (char !== "-") {
      for (;;) {
        if (char === "L") this.fail("python", start, "the L (locale) flag cannot be used with text patterns", "remove it");
        if (char === "t") this.note("portability", start, "the t (template) flag is deprecated and removed in Python 3.13", "remove it");
        add += char;
        if (TYPE_FLAGS.includes(char!) && [...add].filter((f) => TYPE_FLAGS.includes(f)).some((f) => f !== char)) {
          this.fail("python", start, "flags a and u cannot be combined", "keep one of them");
        }
        char = this.get();
        if (char === undefined) this.fail("python", start, "missing -, : or ) after the flags");
        if (")-:".includes(char)) break;
        if (!FLAGS.includes(char)) {
          this.fail("python", start, /\p{L}/u.test(char) ? `unknown flag ${char} (Python's inline flags are a i m s u x L)` : "missing -, : or ) after the flags", char === "g" ? "remove g: re.search finds the first match anyway" : undefined);
        }
      }
    }
    if (char === ")") return { global: true, add, del };
    if (char === "-") {
      char = this.get();
      if (char === undefined || !FLAGS.includes(char)) this.fail("python", start, char && /\p{L}/u.test(char) ? `unknown flag ${char}` : "missing flag after -");
      for (;;) {
        if (TYPE_FLAGS.includes(char!)) this.fail("python", start, "the flags a, u and L cannot be turned off", "remove it from after the -");
        if (char === "t") this.fail("python", start, "the t flag cannot be turned off");
        del += char;
        char = this.get();
        if (char === undefined) this.fail("python", start, "missing : after the flags: turning flags off needs a scoped group (?-i:...)", "(?-i:...)");
        if (char === ":") break;
        if (!FLAGS.includes(char)) this.fail("python", start, /\p{L}/u.test(char) ? `unknown flag ${char}` : "missing : after the flags: turning flags off needs a scoped group (?-i:...)");
      }
    }
    if (add.includes("t")) this.fail("python", start, "the t flag cannot be scoped");
    if ([...add].some((f) => del.includes(f))) this.fail("python", start, "a flag is turned on and off in the same group");
    return { global: false, add, del };
  }
}

/** A JavaScript regex literal pasted as a pattern: `/.../flags` (valid Python, but matching the slashes). */
function jsLiteral(pattern: string): PatternProblem | undefined {
  const m = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern);
  if (!m) return undefined;
  const flags = [...new Set(m[2].replace(/[gyduv]/g, ""))].filter((f) => f !== "i").join("");
  const rewritten = `${flags ? `(?${flags})` : ""}${m[1]}`;
  return {
    kind: "javascript",
    index: 0,
    message: `"${pattern}" is a JavaScript regex literal; Python would look for the slashes themselves`,
    fix: `write the pattern without slashes${m[2] ? " and any flag as (?s) etc. at its start (routes are already case-insensitive)" : ""}, or escape slashes you mean literally as \\/`,
    rewritten,
  };
}

/**
 * The first problem Python 3.11+ `re.compile` (or a JavaScript habit, or portability) finds in
 * `pattern`, or undefined when the pattern is fine. Pure.
 */
export function checkPythonPattern(pattern: string): PatternProblem | undefined {
  const tokens = tokenize(Array.from(pattern));
  if (!("tokens" in tokens)) return tokens;
  const parser = new Parser(pattern, tokens.tokens, tokens.starts);
  try {
    parser.parse();
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    throw e;
  }
  return jsLiteral(pattern) ?? parser.noted;
}

/**
 * Checks a pattern and keeps rewriting mechanical fixes (JavaScript spellings to Python ones), so a
 * message can show a whole corrected pattern. `fixed` is set only when the rewrite passes the check.
 */
export function explainPythonPattern(pattern: string): { problem: PatternProblem; fixed?: string } | undefined {
  const problem = checkPythonPattern(pattern);
  if (!problem) return undefined;
  let current = problem;
  for (let i = 0; i < 10 && current.rewritten !== undefined; i++) {
    const next = checkPythonPattern(current.rewritten);
    if (!next) return { problem, fixed: current.rewritten };
    current = { ...next, rewritten: next.rewritten };
  }
  return { problem };
}

/** One line for a config error: what is wrong with the route pattern and how Python spells it. */
export function describePatternProblem(p: PatternProblem): string {
  const why =
    p.kind === "python"
      ? "is not a valid Python regular expression (OnCall matches routes with Python's re, not JavaScript)"
      : p.kind === "javascript"
        ? "is valid Python but does not mean what it would in JavaScript (OnCall matches routes with Python's re)"
        : "is refused so that it works on every Python OnCall may run";
  return `${why}: ${p.message} (character ${p.index + 1})${p.fix ? `; fix: ${p.fix}` : ""}`;
}
