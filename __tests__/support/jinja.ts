/**
 * Renders Grafana OnCall templates with the real Jinja2 engine, configured like OnCall's
 * (engine/common/jinja_templater): a SandboxedEnvironment, `range` disabled, and OnCall's custom
 * filters re-implemented with the same semantics (iso8601_to_time uses fromisoformat instead of
 * Django's parse_datetime; the project's templates do not use it). One python process renders a whole batch:
 * spawning python per template would dominate the suite's runtime.
 *
 * Debian's python3-jinja2 is used through /usr/bin/python3 (scripts/ensure-test-deps.sh installs
 * it); a python3 earlier on PATH (pyenv) would not see it.
 */
import { spawnSync } from "node:child_process";

export const PYTHON = process.env.JINJA_PYTHON ?? "/usr/bin/python3";

const SCRIPT = String.raw`
import base64, json, re, sys, datetime
from jinja2 import BaseLoader
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

def datetimeformat(value, format="%H:%M / %d-%m-%Y"):
    try: return value.strftime(format)
    except AttributeError: return None
def iso8601_to_time(value):
    try: return datetime.datetime.fromisoformat(value)
    except (ValueError, AttributeError, TypeError): return None
def to_pretty_json(value):
    try: return json.dumps(value, sort_keys=True, indent=4, separators=(",", ": "), ensure_ascii=False)
    except (ValueError, AttributeError, TypeError): return None
def json_dumps(value):
    try: return json.dumps(value)
    except (ValueError, AttributeError, TypeError): return None
def regex_replace(value, find, replace):
    try: return re.sub(find, replace, value)
    except (ValueError, AttributeError, TypeError): return None
def regex_match(pattern, value):
    try: return bool(re.match(value, pattern))
    except (ValueError, AttributeError, TypeError): return None
def regex_search(pattern, value):
    try: return bool(re.search(value, pattern))
    except (ValueError, AttributeError, TypeError): return None
def b64decode(value):
    try: return base64.b64decode(value).decode("utf-8")
    except (ValueError, AttributeError, TypeError): return None
def no_range(*args):
    raise SecurityError("use of 'range' is restricted")

env = SandboxedEnvironment(loader=BaseLoader())
env.filters.update(datetimeformat=datetimeformat, iso8601_to_time=iso8601_to_time, tojson_pretty=to_pretty_json,
    regex_replace=regex_replace, regex_match=regex_match, regex_search=regex_search, json_dumps=json_dumps, b64decode=b64decode)
env.globals["time"] = lambda: datetime.datetime.now(datetime.timezone.utc)
env.globals["range"] = no_range

out = []
for case in json.load(sys.stdin):
    try:
        out.append({"ok": True, "output": env.from_string(case["template"]).render(payload=case["payload"], labels={})})
    except Exception as e:
        out.append({"ok": False, "error": type(e).__name__ + ": " + str(e)})
json.dump(out, sys.stdout)
`;

export interface RenderCase {
  readonly template: string;
  readonly payload: unknown;
}
export type RenderResult = { ok: true; output: string } | { ok: false; error: string };

/** Renders every case in one python process, in order. */
export function renderBatch(cases: readonly RenderCase[]): RenderResult[] {
  const r = spawnSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    throw new Error(`jinja harness failed (${PYTHON}): ${r.error?.message ?? r.stderr}. Run scripts/ensure-test-deps.sh (installs python3-jinja2).`);
  }
  return JSON.parse(r.stdout) as RenderResult[];
}

/** OnCall's reading of a rendered behaviour template (resolve/acknowledge signal, routes). */
export function isTruthy(rendered: string): boolean {
  return ["1", "true", "ok"].includes(rendered.trim().toLowerCase());
}

/** Undo Terraform's string escapes, giving the text the provider sends to OnCall. */
export function fromTerraformString(s: string): string {
  return s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
}
