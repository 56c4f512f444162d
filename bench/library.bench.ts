/**
 * Cost of the construct library (issue 11): `node scripts/app.js` (the YAML app, now an adapter
 * over lib/) against the same app at a baseline commit from before the library (its tree extracted
 * with `git archive` into .build, sharing this checkout's node_modules), measured in the same run,
 * interleaved, for the example app and a generated 50-event app. Target: within 10 % in time and
 * peak memory. Rewrites only its section of BENCHMARKS.md. `npm run bench:library`.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeEventsDir } from "./synth/apps";
import { measure, median, type Measured } from "./synth/measure";
import { writeBenchSection } from "./section";

const ROOT = path.join(__dirname, "..");
// The last commit before the library refactor; BENCH_BASELINE picks another.
const BASELINE = process.env.BENCH_BASELINE ?? "eaabedc";
const REPS = Number(process.env.BENCH_REPS ?? 5);

function extract(rev: string): string {
  const dir = path.join(ROOT, ".build", "bench", `tree-${rev}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = execFileSync("git", ["archive", "--format=tar", rev], { cwd: ROOT, maxBuffer: 256 << 20 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar, maxBuffer: 256 << 20 });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-library-"));
  const base = extract(BASELINE);
  // Both sides synthesize the same config: the baseline's example (newer fields are optional, so
  // this tree reads it too; the baseline could not read this tree's newer example).
  const example = path.join(base, "events");
  const apps = [
    { name: "example app (the baseline's events/)", dir: example },
    { name: "50 events", dir: writeEventsDir(tmp, example, 50) },
  ];
  const env = { ...process.env, CHECKPOINT_DISABLE: "1", CI: "1" };
  const out = () => fs.mkdtempSync(path.join(tmp, "out-"));
  const rows: { name: string; current: Measured; baseline: Measured }[] = [];
  for (const app of apps) {
    const e = { ...env, EMAIL_TO_ONCALL_CONFIG_DIR: app.dir };
    // One warm-up each (esbuild type-stripping cache, disk cache), then interleaved repetitions.
    measure("warm current", [process.execPath, "scripts/app.js"], { cwd: ROOT, env: e, reps: 1, outdir: out });
    measure("warm baseline", [process.execPath, "scripts/app.js"], { cwd: base, env: e, reps: 1, outdir: out });
    const cur: Measured[] = [];
    const bas: Measured[] = [];
    for (let i = 0; i < REPS; i++) {
      const order = i % 2 === 0 ? ["c", "b"] : ["b", "c"];
      for (const w of order) {
        if (w === "c") cur.push(measure("current", [process.execPath, "scripts/app.js"], { cwd: ROOT, env: e, reps: 1, outdir: out }));
        else bas.push(measure("baseline", [process.execPath, "scripts/app.js"], { cwd: base, env: e, reps: 1, outdir: out }));
      }
    }
    const join = (label: string, ms: Measured[]): Measured => {
      const samples = ms.flatMap((m) => m.samples);
      return { label, samples, medianSeconds: median(samples.map((s) => s.seconds)), medianPeakMb: median(samples.map((s) => s.peakMb)), maxPeakMb: Math.max(...samples.map((s) => s.peakMb)) };
    };
    rows.push({ name: app.name, current: join("current", cur), baseline: join("baseline", bas) });
    process.stderr.write(`- ${app.name}: current ${rows.at(-1)!.current.medianSeconds}s ${rows.at(-1)!.current.medianPeakMb.toFixed(0)}MB, baseline ${rows.at(-1)!.baseline.medianSeconds}s ${rows.at(-1)!.baseline.medianPeakMb.toFixed(0)}MB\n`);
  }
  const ratio = (a: number, b: number) => a / b;
  const ok = (r: number) => (r <= 1.1 ? "met" : "**missed**");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "### Construct library (`npm run bench:library`)",
    "",
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}. ` +
      `\`node scripts/app.js\` (type-stripping + synth) of this tree against commit \`${BASELINE}\` (before the library), same run, interleaved, ${REPS} runs each after one warm-up; medians; peak = max RSS (GNU time).`,
    "",
    "| App | baseline | library | time ratio | memory ratio | target ≤ 1.10 |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => {
      const t = ratio(r.current.medianSeconds, r.baseline.medianSeconds);
      const m = ratio(r.current.medianPeakMb, r.baseline.medianPeakMb);
      return `| ${r.name} | ${r.baseline.medianSeconds.toFixed(2)} s, ${r.baseline.medianPeakMb.toFixed(0)} MB | ${r.current.medianSeconds.toFixed(2)} s, ${r.current.medianPeakMb.toFixed(0)} MB | ${t.toFixed(2)} | ${m.toFixed(2)} | ${ok(Math.max(t, m))} |`;
    }),
  ];
  const section = lines.join("\n");
  writeBenchSection("library", section);
  process.stdout.write(`${section}\n`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(base, { recursive: true, force: true });
}

main();
