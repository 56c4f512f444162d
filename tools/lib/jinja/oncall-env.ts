/**
 * A JavaScript stand-in for Grafana OnCall's Jinja2 environment, so `npm run preview` shows what a
 * responder sees with nothing but node (no python). nunjucks parses the same template syntax; where
 * its built-ins differ from Jinja2's in ways our templates can hit, they are replaced here:
 *
 * - `truncate(s, length, killwords, end, leeway)`: Jinja2 counts code points, keeps `s` when it
 *   is at most `length + leeway` long (leeway default 5), and cuts to `length - len(end)` before
 *   adding `end` (at the last space unless killwords). nunjucks has no leeway, counts UTF-16 units
 *   and does not make room for `end`.
 * - `length` counts code points (Python `len`), not UTF-16 units.
 * - `trim` strips what Python's `str.strip()` strips (\x1c-\x1f and \x85 too, not \ufeff).
 * - `regex_replace`, `regex_search`, `regex_match`: OnCall's filters, with Python `re` semantics
 *   (python-regex.ts).
 * - Output of `True`/`False`/`None` as Python prints them (nunjucks prints true/false/"").
 * - Autoescaping off, and one trailing newline of a template dropped, as Jinja2 does by default.
 *
 * `__tests__/tools/oncall-nunjucks.test.ts` renders the real templates and payloads with both this
 * and Debian's python3-jinja2 and requires identical output.
 */
import nunjucks from "nunjucks";
import { PythonRegexError, pythonRegex, pythonSearch, pythonSub } from "./python-regex";

const PY_SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Python's str() of a value nunjucks is about to print. */
function pythonStr(value: unknown): unknown {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null) return "None";
  return value;
}

// nunjucks prints through runtime.suppressValue; compiled templates look it up on the shared
// runtime object, so wrapping it once gives every template of this process Python's printing.
const runtime = (nunjucks as unknown as { runtime: { suppressValue: (v: unknown, autoescape: boolean) => unknown; __pythonStr?: boolean } }).runtime;
if (!runtime.__pythonStr) {
  const original = runtime.suppressValue;
  runtime.suppressValue = (v, autoescape) => original(pythonStr(v), autoescape);
  runtime.__pythonStr = true;
}

const codePoints = (s: string) => Array.from(s);

export function jinjaTruncate(value: unknown, length = 255, killwords = false, end = "...", leeway?: number | null): string {
  const s = codePoints(String(value ?? ""));
  const lee = leeway ?? 5;
  if (length < end.length) throw new Error(`expected length >= ${end.length}, got ${length}`);
  if (s.length <= length + lee) return s.join("");
  const head = s.slice(0, length - codePoints(end).length).join("");
  if (killwords) return head + end;
  const space = head.lastIndexOf(" ");
  return (space >= 0 ? head.slice(0, space) : head) + end;
}

function jinjaLength(value: unknown): number {
  if (typeof value === "string") return codePoints(value).length;
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === "object") return Object.keys(value).length;
  return 0;
}

function jinjaTrim(value: unknown, chars?: string): string {
  const s = String(pythonStr(value ?? ""));
  if (chars === undefined || chars === null) return s.replace(PY_SPACE, "");
  const set = new Set(codePoints(chars));
  const cps = codePoints(s);
  let a = 0;
  let b = cps.length;
  while (a < b && set.has(cps[a]!)) a++;
  while (b > a && set.has(cps[b - 1]!)) b--;
  return cps.slice(a, b).join("");
}

/** OnCall's filters return None when Python raises (bad pattern, non-string input). */
function orNone<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    // A pattern the translation does not cover is not a template error in OnCall: say so loudly.
    if (e instanceof PythonRegexError) throw e;
    return null;
  }
}

const asStr = (v: unknown): string => {
  if (typeof v !== "string") throw new TypeError("expected a string");
  return v;
};

export function oncallEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  env.addFilter("truncate", jinjaTruncate);
  env.addFilter("length", jinjaLength);
  env.addFilter("count", jinjaLength);
  env.addFilter("trim", jinjaTrim);
  env.addFilter("regex_replace", (value: unknown, find: string, replace: string) => orNone(() => pythonSub(find, replace, asStr(value))));
  env.addFilter("regex_search", (value: unknown, pattern: string) => orNone(() => pythonSearch(pattern, asStr(value))));
  env.addFilter("regex_match", (value: unknown, pattern: string) =>
    orNone(() => {
      const re = pythonRegex(pattern);
      return new RegExp(re.source, `${re.flags}y`).test(asStr(value)); // sticky: re.match anchors at the start
    }),
  );
  return env;
}

let shared: nunjucks.Environment | undefined;

/** Renders one OnCall template for `payload` (`payload.*` and an empty `labels`, as OnCall passes). */
export function renderOnCallTemplate(template: string, payload: unknown): string {
  shared ??= oncallEnvironment();
  // Jinja2's default keep_trailing_newline=False drops one trailing newline of the source.
  return shared.renderString(template.replace(/\n$/, ""), { payload, labels: {} });
}
