import * as fs from "node:fs";
import * as path from "node:path";
import { loadConfig } from "../../config/load";
import { REPO_ROOT, synthConfig, TfJson } from "../support/synth";

/**
 * The YAML app became an adapter over the construct library (issue 11). Its synth of the shipped
 * example must stay what it was before, resource by resource: only the renames listed in
 * CHANGELOG.md ("Renamed resources") are allowed, and each needs a state move there. The function
 * assets (zip path and hash; mail-to-alert's and dlq-reminder's alike) are masked: their bytes
 * change with the functions' code, not the wiring.
 */
const BASELINE = path.join(REPO_ROOT, "__tests__", "fixtures", "synth-baseline");

/** Renames listed in CHANGELOG.md, as "type.old_name -> type.new_name". None so far. */
const ALLOWED_RENAMES: Record<string, string> = {};

type Block = Record<string, Record<string, unknown>>;
function mask(v: unknown): unknown {
  // "//" holds cdktf's metadata (construct path, stack trace): not part of the Terraform config.
  const s = JSON.stringify(v, (k, x) => (k === "//" ? undefined : x));
  return JSON.parse(s.replace(/assets\/[^"]*?\.zip/g, "assets/<function>.zip").replace(/"source_code_hash":"[0-9A-F]+"/g, '"source_code_hash":"<hash>"'));
}
function addresses(tf: TfJson): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [kind, blocks] of [["resource", tf.resource], ["data", tf.data ?? {}]] as const) {
    for (const [type, byName] of Object.entries(blocks as Record<string, Block>)) for (const [name, body] of Object.entries(byName)) out.set(`${kind === "data" ? "data." : ""}${type}.${name}`, mask(body));
  }
  for (const [name, body] of Object.entries(tf.output ?? {})) out.set(`output.${name}`, mask(body));
  out.set("provider", mask(tf.provider));
  out.set("terraform", mask(tf.terraform));
  return out;
}

describe("synth of the example is unchanged by the library refactor", () => {
  const now = synthConfig(loadConfig(path.join(REPO_ROOT, "events"), { now: () => new Date("2026-11-20T00:00:00Z") })).parsed;
  for (const stack of ["foundation", "black-friday-2026"]) {
    test(`${stack}: every address and body as before (allowing only the listed renames)`, () => {
      const before = addresses(JSON.parse(fs.readFileSync(path.join(BASELINE, `${stack}.tf.json`), "utf8")));
      const after = addresses(now[stack]!);
      const renamed = (a: string) => ALLOWED_RENAMES[a] ?? a;
      expect([...after.keys()].sort()).toEqual([...before.keys()].map(renamed).sort());
      for (const [address, body] of before) expect({ address, body: after.get(renamed(address)) }).toEqual({ address, body });
    });
  }
});
