/**
 * Synth speed: wall time and peak memory of `npm run synth` and `cdktf synth` for the example app
 * and for generated apps of 1, 10 and 50 events, plus the same apps with root imports of
 * @cdktf/provider-aws (measured in the same run) to show what the deep imports buy.
 * Rewrites only its section of BENCHMARKS.md. `npm run bench:synth [-- --quick]`.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeRootImportApp, rootNamespaces, writeEventsDir } from "./synth/apps";
import { measure, type Measured } from "./synth/measure";
import { fmtMb, fmtS, replaceSection, row } from "./synth/report";

const ROOT = path.join(__dirname, "..");
const quick = process.argv.includes("--quick");
const REPS = quick ? 1 : Number(process.env.BENCH_REPS ?? 5);
const CLI_REPS = quick ? 1 : Math.max(1, Math.min(REPS, 3));
const SIZES = [1, 10, 50];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
const out = () => fs.mkdtempSync(path.join(tmp, "out-"));
const baseEnv: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" };

function log(s: string) {
  process.stderr.write(`${s}\n`);
}

function main() {
  // Transpile once, then snapshot the transpiled app: .build/app is shared with anyone else
  // running synth in this checkout, the snapshots are not.
  const first = spawnSync(process.execPath, ["scripts/app.js"], { cwd: ROOT, env: { ...baseEnv, CDKTF_OUTDIR: out() }, encoding: "utf8" });
  if (first.status !== 0) throw new Error(`synth does not run: ${first.stderr}`);
  const deepApp = path.join(ROOT, ".build", "bench-deep-import");
  const rootApp = path.join(ROOT, ".build", "bench-root-import");
  fs.rmSync(deepApp, { recursive: true, force: true });
  fs.cpSync(path.join(ROOT, ".build", "app"), deepApp, { recursive: true });
  const rewritten = makeRootImportApp(path.join(ROOT, ".build", "app"), rootApp, rootNamespaces(path.join(ROOT, "node_modules", "@cdktf", "provider-aws")));
  if (rewritten === 0) throw new Error("no deep @cdktf/provider-aws import found to rewrite: the baseline would be meaningless");

  const apps: { name: string; dir: string }[] = [{ name: "example app (events/)", dir: path.join(ROOT, "events") }];
  for (const n of SIZES) apps.push({ name: `${n} event${n === 1 ? "" : "s"}`, dir: writeEventsDir(tmp, path.join(ROOT, "events"), n) });

  const results: { name: string; npm: Measured; cli: Measured; deep: Measured; root: Measured }[] = [];
  for (const app of apps) {
    const env = { ...baseEnv, EMAIL_TO_ONCALL_CONFIG_DIR: app.dir };
    log(`- ${app.name}`);
    const npm = measure("npm run synth", ["npm", "run", "-s", "synth"], { cwd: ROOT, env, reps: REPS, outdir: out });
    const cliOut = out();
    const cli = measure("cdktf synth", [path.join(ROOT, "node_modules", ".bin", "cdktf"), "synth", "--output", cliOut], { cwd: ROOT, env, reps: CLI_REPS });
    const deep = measure("deep imports", [process.execPath, path.join(deepApp, "main.js")], { cwd: ROOT, env, reps: REPS, outdir: out });
    const root = measure("root import", [process.execPath, path.join(rootApp, "main.js")], { cwd: ROOT, env, reps: REPS, outdir: out });
    results.push({ name: app.name, npm, cli, deep, root });
    log(`  npm ${row(npm)}, cdktf ${row(cli)}, deep ${row(deep)}, root ${row(root)}`);
  }

  const one = results.find((r) => r.name === "1 event")!;
  const fifty = results.find((r) => r.name === "50 events")!;
  const perEventS = (fifty.npm.medianSeconds - one.npm.medianSeconds) / 49;
  const perEventMb = (fifty.npm.medianPeakMb - one.npm.medianPeakMb) / 49;
  const example = results[0]!;
  const check = (ok: boolean) => (ok ? "met" : "**missed**");

  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    `### Synth (\`npm run bench:synth\`)`,
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}. ` +
      `Median of ${REPS} runs (${CLI_REPS} for \`cdktf synth\`); peak = max RSS of the largest process (GNU time). Generated apps clone the example event with a new slug and address; each writes a fresh \`CDKTF_OUTDIR\`.${quick ? " **Quick run (1 repetition): indicative only.**" : ""}`,
    "",
    "| App | `npm run synth` | `cdktf synth` | app only, deep imports | app only, root import | root / deep (time, memory) |",
    "|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.name} | ${row(r.npm)} | ${row(r.cli)} | ${row(r.deep)} | ${row(r.root)} | ${(r.root.medianSeconds / r.deep.medianSeconds).toFixed(1)}× , ${(r.root.medianPeakMb / r.deep.medianPeakMb).toFixed(1)}× |`,
    ),
    "",
    "Targets (through the npm script):",
    "",
    `- example app under 1 s: ${fmtS(example.npm.medianSeconds)} s, ${check(example.npm.medianSeconds < 1)}`,
    `- under 50 ms and 5 MB per extra event: ${(perEventS * 1000).toFixed(0)} ms and ${perEventMb.toFixed(1)} MB per event (50 vs 1 event), ${check(perEventS < 0.05 && perEventMb < 5)}`,
    `- 50 events under 300 MB peak: ${fmtMb(fifty.npm.maxPeakMb)} MB (worst run), ${check(fifty.npm.maxPeakMb < 300)}`,
    "",
    "How to read it: `npm run synth` = npm start-up + esbuild type-stripping of the app + `node` running it. " +
      "`cdktf synth` adds the CLI (its own Node process, about 2 s and its own memory) around the same app. " +
      "The last two columns run the already-transpiled app directly with `node`; the root-import variant is the same transpiled code with every " +
      `\`require("@cdktf/provider-aws/lib/<x>")\` rewritten to \`require("@cdktf/provider-aws").<x>\` (${rewritten} imports; same classes, so identical output), so the ratio is the cost of loading the whole provider package.`,
  ];
  if (perEventS >= 0.05) {
    lines.push(
      "",
      "Where the per-event time goes (profiled with `node --cpu-prof` on 10 events when this benchmark was written): about 150 ms per event stack is " +
        "cdktf's `TerraformAsset` of type ARCHIVE, which zips the function bundle by spawning a new `node` process per stack " +
        "(`execSync` in cdktf/lib/private/fs.js `archiveSync`), i.e. about 70 % of synth time. Zipping the bundle once and handing each stack " +
        "the zip as an asset of type FILE (a file copy) would remove it.",
    );
  }
  const section = lines.join("\n");
  const file = path.join(ROOT, "BENCHMARKS.md");
  fs.writeFileSync(file, replaceSection(fs.readFileSync(file, "utf8"), section));
  process.stdout.write(`${section}\n`);
}

try {
  main();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, ".build", "bench-root-import"), { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, ".build", "bench-deep-import"), { recursive: true, force: true });
}
