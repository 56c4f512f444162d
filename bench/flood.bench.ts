import * as os from "node:os";
import { testConfig } from "../__tests__/functions/support/config";
import { DEFAULT_RETRY_POLICY, RetryPolicy } from "../functions/mail-to-alert/deliver";
import { ONCALL_RATE_LIMIT, RateLimit } from "../tools/lib/oncall-sink";
import { FloodResult, percentile, runFlood } from "./flood/scenario";
import { writeBenchSection } from "./section";

/**
 * `npm run bench:flood`: issue 12's flood (1,000 mails in one thread within a minute) through
 * `npm run local` (SMTP, the real handler, reserved concurrency 5, Lambda's two async retries and
 * the dead-letter folder) against a local sink that rate-limits like Grafana OnCall (300 alerts
 * per 5 minutes, 429 + Retry-After), with a baseline against a sink without a limit in the same
 * run. Time is scaled so the run ends in minutes: every clock the pipeline reads runs SCALE times
 * faster than the wall clock (sink window, Retry-After, delivery backoff, Lambda retry pauses and
 * remaining time). Rewrites its section of BENCHMARKS.md.
 */
const SCALE = Number(process.env.FLOOD_SCALE ?? 10);
const MAILS = Number(process.env.FLOOD_MAILS ?? 1000);
const CONCURRENCY = 5; // function.reservedConcurrency's default

function scaledClock(): { now: () => number; sleep: (ms: number) => Promise<void> } {
  const t0 = Date.parse("2026-11-27T15:00:00Z");
  const r0 = performance.now();
  return { now: () => t0 + (performance.now() - r0) * SCALE, sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms / SCALE)) };
}

interface Run {
  readonly label: string;
  readonly rateLimit?: RateLimit;
  readonly retryPolicy: RetryPolicy;
  readonly timeoutMs: number;
}

const RUNS: Run[] = [
  { label: "baseline: sink without a limit, timeout 60 s", retryPolicy: DEFAULT_RETRY_POLICY, timeoutMs: 60_000 },
  { label: "OnCall limit, before (Retry-After waited at most 20 s), timeout 60 s", rateLimit: ONCALL_RATE_LIMIT, retryPolicy: { ...DEFAULT_RETRY_POLICY, maxRetryAfterMs: 20_000 }, timeoutMs: 60_000 },
  { label: "OnCall limit, now (Retry-After waited up to the deadline), timeout 60 s", rateLimit: ONCALL_RATE_LIMIT, retryPolicy: DEFAULT_RETRY_POLICY, timeoutMs: 60_000 },
  { label: "OnCall limit, now, timeout 360 s (`function.timeoutSeconds`' default since this run)", rateLimit: ONCALL_RATE_LIMIT, retryPolicy: DEFAULT_RETRY_POLICY, timeoutMs: 360_000 },
];

const s = (ms: number) => (ms >= 100_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

function row(run: Run, r: FloodResult, realMs: number): string {
  return `| ${run.label} | ${r.accepted} in ${s(r.sendMs)} | ${r.posted} | ${r.alertGroups} | ${r.rateLimited} | ${r.lambdaRetries} | ${r.throttled} | **${r.deadLettered}** | ${r.lost} | ${r.maxConcurrent} | ${s(percentile(r.latencies, 50))} / ${s(percentile(r.latencies, 99))} | ${s(r.drainMs)} (${(realMs / 1000).toFixed(0)} s real) |`;
}

async function main(): Promise<void> {
  const machine = `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${os.cpus().length} CPUs (nproc, shared with other work), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`;
  const rows: string[] = [];
  const results: FloodResult[] = [];
  for (const run of RUNS) {
    process.stderr.write(`bench:flood: ${run.label}\n`);
    const clock = scaledClock();
    const t = performance.now();
    const r = await runFlood({ config: testConfig, mails: MAILS, concurrency: CONCURRENCY, rateLimit: run.rateLimit, retryPolicy: run.retryPolicy, lambdaTimeoutMs: run.timeoutMs, lambdaRetryDelaysMs: [60_000, 120_000], now: clock.now, sleep: clock.sleep, receivedAt: new Date("2026-11-27T15:00:00Z"), connections: 4 });
    results.push(r);
    rows.push(row(run, r, performance.now() - t));
  }
  const [, before, , long] = results;
  const md = [
    "## Flood (issue 12): 1,000 mails in one thread against OnCall's rate limit",
    "",
    `Run ${new Date().toISOString()} on ${machine}. \`npm run bench:flood\`. Through \`npm run local\` (\`tools/lib/local-server.ts\`): ${MAILS} mails of one thread (same References) sent over SMTP on 4 connections as fast as the server accepts them, the real handler, reserved concurrency ${CONCURRENCY} (the rest wait in order), Lambda's two async retries (1 and 2 minutes) and the dead-letter folder; the sink is \`tools/lib/oncall-sink.ts\`, rate-limited like OnCall (${ONCALL_RATE_LIMIT.limit} alerts per fixed 5-minute window, then 429 with Retry-After = seconds to the window's end) or not (baseline). **Time is scaled ×1/${SCALE}**: every clock the pipeline reads (sink window, Retry-After, delivery backoff, Lambda's retry pauses and remaining time) runs ${SCALE}× faster than the wall clock, and all times below are in that scaled time (CPU time counts ${SCALE}× too, so latencies are pessimistic). Why not ×1/60: this machine accepted about ${Math.round(results[0]!.accepted / (results[0]!.sendMs / SCALE / 1000))} mails per real second over SMTP in the baseline, so at ×1/60 the flood would take ${s((results[0]!.accepted / (results[0]!.accepted / (results[0]!.sendMs / SCALE / 1000))) * 1000 * 60)} of scaled time to send instead of a minute.`,
    "",
    "| Run | mails accepted (SMTP send time) | alerts posted | alert groups | 429 answers | Lambda retries | invocations queued for a slot | dead-lettered | lost | most at once | SMTP accept → POST, median / p99 | all done after |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "Reading it:",
    "",
    `- **Under OnCall's limit, mails were dead-lettered with the function's old default timeout (60 s)**: ${before!.deadLettered} of ${before!.accepted} before this change. The first ${ONCALL_RATE_LIMIT.limit} alerts fill the 5-minute window; every later mail is told to wait minutes, its invocation fails (the wait does not fit 60 s), and Lambda's two retries (1 and 2 minutes later) are still inside the same window, so it goes to the dead-letter queue: loudly (alarm, reminders) and kept, but not in OnCall. The page itself is not lost: the thread's alert group opened with the first mail.`,
    "- Waiting out Retry-After up to the deadline (this change, `functions/mail-to-alert/deliver.ts`) cannot help within a 60 s timeout, since the window is 5 minutes; it changes nothing there, by design: a wait that does not fit still fails at once.",
    `- **With a 360 s timeout** (the window plus a minute; now the default of \`function.timeoutSeconds\` and of the library's \`timeoutSeconds\`) the function waits the Retry-After out holding its concurrency slot, the other mails queue for a slot (Lambda keeps throttled async events up to \`maxEventAgeSeconds\`, 6 hours), and OnCall gets ${ONCALL_RATE_LIMIT.limit} alerts per window: ${long!.posted} posted, ${long!.deadLettered} dead-lettered, one group; the cost is latency for the later mails of the thread (p99 above) and ${CONCURRENCY} functions waiting for minutes: at most ${CONCURRENCY} × ${s(long!.drainMs)} at 1,024 MB = ${Math.round((CONCURRENCY * long!.drainMs) / 1000).toLocaleString("en-US")} GB-s, about $${((CONCURRENCY * long!.drainMs * 0.0000167) / 1000).toFixed(2)} per flood.`,
    `- Sending: as fast as the local server accepts it, ${results.map((r) => s(r.sendMs)).join(", ")} (scaled) in the four runs; ${results.filter((r) => r.sendMs <= 60_000).length} of 4 within a minute. SMTP, the handler and the sink share this machine's two cores (with other work on it), so send times vary from run to run; the outcome columns did not between the two runs made.`,
    "- Real Lambda retries throttled events with its own backoff (up to 5 minutes), not strictly in order as the emulation does: the backlog drains in about the same number of windows but in a different order. OnCall does not document its window or whether it sends Retry-After; the sink assumes fixed windows with Retry-After (the longest waits).",
  ].join("\n");
  writeBenchSection("flood", md);
  process.stdout.write(md + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:flood failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
