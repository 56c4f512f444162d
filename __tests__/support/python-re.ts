/**
 * Python's real `re`, for checking that the synth-time pattern check agrees with it. One python
 * process per batch (spawning per pattern would dominate the run time). Warnings (FutureWarning for
 * `[[` and the like) are ignored, as they are in OnCall: they do not stop a pattern compiling.
 */
import { spawnSync } from "node:child_process";
import { PYTHON } from "./jinja";

const SCRIPT = String.raw`
import json, re, sys, warnings
warnings.simplefilter("ignore")
out = []
for case in json.load(sys.stdin):
    try:
        compiled = re.compile(case["pattern"])
    except Exception as e:  # re.error, and OverflowError for huge repeat counts
        out.append({"error": type(e).__name__ + ": " + str(e)})
        continue
    out.append({"error": None, "matches": [compiled.search(s) is not None for s in case.get("inputs", [])]})
json.dump(out, sys.stdout)
`;

export interface PythonReCase {
  readonly pattern: string;
  /** Texts to `re.search` with the compiled pattern. */
  readonly inputs?: readonly string[];
}
export type PythonReResult = { readonly error: string } | { readonly error: null; readonly matches: readonly boolean[] };

export function pythonRe(cases: readonly PythonReCase[]): PythonReResult[] {
  const r = spawnSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`python re harness failed (${PYTHON}): ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as PythonReResult[];
}
