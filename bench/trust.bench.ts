import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { testConfig } from "../__tests__/functions/support/config";
import { createHandler } from "../functions/mail-to-alert/handler";
import { sesReceive } from "../tools/lib/ses-stand-in";
import { syntheticMail } from "./function/mails";
import { writeBenchSection } from "./section";

/**
 * Cost of the trust checks (issue 9): the full handler (SES event reading, two-parser From,
 * SES's Authentication-Results, decision, parse, render) per 10 KB mail, against the code of a
 * baseline commit from before the change, both measured in this run, interleaved, on this machine.
 * The baseline's functions/ and tools/lib are extracted with `git archive` into .build (git-ignored).
 * Rewrites only its section of BENCHMARKS.md.
 */
const root = path.join(__dirname, "..");
// The last commit before the trust rewrite; BENCH_BASELINE picks another.
const BASELINE = process.env.BENCH_BASELINE ?? "4f5c7e6";
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

type Handle = (event: unknown) => Promise<unknown>;

// Paths in the baseline commit's tree: the SES stand-in was tools/lib/ses-event.ts then (now
// tools/lib/ses-stand-in.ts), so these names are the baseline's, not today's.
const BASELINE_SES_STAND_IN = "tools/lib/ses-event.ts";

function extractBaseline(rev: string): string {
  const dir = path.join(root, ".build", "bench", `baseline-${rev}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = execFileSync("git", ["archive", "--format=tar", rev, "functions/mail-to-alert", BASELINE_SES_STAND_IN], { cwd: root, maxBuffer: 64 << 20 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  return dir;
}

async function main(): Promise<void> {
  const raw = syntheticMail(10 * 1024);
  const at = new Date("2026-11-27T15:00:00Z");
  const log = { info() {}, warn() {}, error() {}, count() {} };
  const poster = { post: async () => ({ status: 200, retryAfter: null }) };

  const arrival = sesReceive(raw, { recipients: testConfig.addresses, timestamp: at });
  const current = createHandler({ config: testConfig, integrationUrl: async () => "http://stub.invalid/", mailSource: { get: async () => arrival.stored }, poster, log });

  const base = extractBaseline(BASELINE);
  const baseHandlerMod = await import(path.join(base, "functions/mail-to-alert/handler.ts"));
  const baseSesMod = await import(path.join(base, BASELINE_SES_STAND_IN));
  // The baseline's config shape: the same event without the fields the change added.
  const { relays: _r, ...trustedSenders } = testConfig.trustedSenders;
  const baseConfig = { ...testConfig, trustedSenders, policy: { outsideWindow: "page", unverified: "page" } };
  const baseEvent = baseSesMod.sesEventFor(raw, { recipients: testConfig.addresses, timestamp: at });
  const baseline = baseHandlerMod.createHandler({ config: baseConfig, integrationUrl: async () => "http://stub.invalid/", mailSource: { get: async () => raw }, poster, log });

  const cases: [string, Handle, unknown][] = [
    ["baseline", baseline, baseEvent],
    ["current", current, arrival.event],
  ];
  const outcomes: Record<string, unknown> = {};
  for (const [name, h, e] of cases) outcomes[name] = ((await h(e)) as { action: string; reason: string }).action;
  if (outcomes.current !== "page" || outcomes.baseline !== "page") throw new Error(`both must page: ${JSON.stringify(outcomes)}`);

  const samples: Record<string, number[]> = { baseline: [], current: [] };
  const ROUNDS = 30;
  const PER_ROUND = 20;
  for (let i = 0; i < 50; i++) for (const [, h, e] of cases) await h(e); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved, alternating which goes first, so drift and GC hit both alike.
    const order = r % 2 === 0 ? cases : [...cases].reverse();
    for (const [name, h, e] of order) {
      const t0 = performance.now();
      for (let i = 0; i < PER_ROUND; i++) await h(e);
      samples[name]!.push((performance.now() - t0) / PER_ROUND);
    }
  }
  const b = median(samples.baseline!);
  const c = median(samples.current!);
  const ratio = c / b;
  const machine = `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${os.cpus().length} CPUs (nproc), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`;
  const md = [
    "## Trust checks (issue 9): cost per 10 KB mail",
    "",
    `Run ${new Date().toISOString()} on ${machine}. \`npm run bench:trust\`. Baseline: the handler of commit \`${BASELINE}\` (before the trust rewrite), extracted with \`git archive\` and measured in the same process, interleaved (${ROUNDS} rounds of ${PER_ROUND} mails each, medians).`,
    "",
    "| Handler on a 10 KB mail (decision + parse + render) | ms per mail |",
    "|---|---|",
    `| baseline (\`${BASELINE}\`) | ${b.toFixed(3)} |`,
    `| current (two-parser From, SES Authentication-Results, three lanes) | ${c.toFixed(3)} |`,
    `| ratio current / baseline | **${ratio.toFixed(2)}** (target ≤ 1.20: ${ratio <= 1.2 ? "met" : "MISSED"}) |`,
    "",
    "The current handler also reads the copy SES stores (its results on top), as in Lambda. The ARC check (mailauth) runs only for mail that names a declared relay and is not in this number.",
  ].join("\n");
  writeBenchSection("trust", md);
  process.stdout.write(`${md}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
