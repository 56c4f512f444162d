/**
 * Customers at scale (issue 13): `npm run synth` of an app with 500 customers on 3 events (every
 * event `customers: all`) next to the 1-event app, measured in the same run; and the function's
 * decision (decide, with its customer identification) per mail with those 500 customers, against
 * the same event without customers. Rewrites only its section of BENCHMARKS.md.
 * `npm run bench:customers [-- --quick]`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadConfig } from "../config/load";
import { decide, DecisionInput } from "../functions/mail-to-alert/decide";
import type { FunctionRuntimeConfig } from "../functions/mail-to-alert/contract";
import { factsFromHeaders } from "../functions/mail-to-alert/mail-facts";
import { runtimeConfigFor } from "../stacks/function-config";
import { writeEventsDir } from "./synth/apps";
import { measure, median, type Measured } from "./synth/measure";
import { fmtMb, fmtS } from "./synth/report";
import { writeBenchSection } from "./section";

const ROOT = path.join(__dirname, "..");
const quick = process.argv.includes("--quick");
const REPS = quick ? 1 : Number(process.env.BENCH_REPS ?? 3);
export const CUSTOMERS = 500;
const EVENTS = 3;

/** A registry of `n` customers (two addresses, a domain and a wildcard each; every tenth with a Slack channel) and 3 events serving all. */
export function writeCustomersApp(root: string, n: number, events: number): string {
  const dir = path.join(root, `customers-${n}`);
  const registry = path.join(dir, "customers");
  fs.mkdirSync(registry, { recursive: true });
  fs.copyFileSync(path.join(ROOT, "events", "foundation.yaml"), path.join(dir, "foundation.yaml"));
  const tiers = ["platinum", "gold", "standard"];
  for (let i = 0; i < n; i++) {
    const slug = `customer-${String(i).padStart(3, "0")}`;
    const d = `${slug}.example`;
    const lines = [
      `slug: ${slug}`,
      `name: Customer ${i}`,
      `tier: ${tiers[i % 3]}`,
      `language: ${i % 2 ? "de" : "en"}`,
      "trustedSenders:",
      `  addresses: [cto@${d}, ceo@${d}]`,
      `  domains: [ops.${d}, "*.eu.${d}"]`,
      `contacts: [incidents@${d}]`,
      "notes:",
      `  accountManager: Account manager ${i % 20}`,
      `  runbook: https://wiki.platform.example/runbooks/${slug}`,
      "  sla: respond within 15 minutes",
      ...(i % 10 === 0 ? [`slackChannel: ${slug}-incidents`] : []),
    ];
    fs.writeFileSync(path.join(registry, `${slug}.yaml`), `${lines.join("\n")}\n`);
  }
  const template = fs.readFileSync(path.join(ROOT, "events", "black-friday-2026.yaml"), "utf8");
  for (let e = 1; e <= events; e++) {
    const slug = `scale-event-${e}`;
    const text = template
      .replace("slug: black-friday-2026", `slug: ${slug}`)
      .replace("title: Black Friday 2026", `title: Scale event ${e}`)
      .replace("  - black-friday-2026\n", `  - ${slug}\n`)
      .replace("customers: [acme-shop, globex]", "customers: all")
      // The template's routes and tiers name the example's customers.
      .replace(/  tiers:\n    platinum: cto\n/, "  tiers:\n    platinum: cto\n    gold: default\n")
      .replace(/  routes:\n(    .*\n|      .*\n)+/, "");
    fs.writeFileSync(path.join(dir, `${slug}.yaml`), text);
  }
  return dir;
}

/** The decision inputs: a mail from a customer's address, its wildcard subdomain, an unlisted colleague, and a stranger. */
function inputs(config: FunctionRuntimeConfig): { name: string; input: DecisionInput }[] {
  const at = new Date(Date.parse(config.window.start) + 3600_000);
  const mk = (name: string, from: string) => {
    const domain = from.split("@")[1]!;
    const headers = [
      ["Authentication-Results", `amazonses.com; spf=pass envelope-from=${from}; dkim=pass header.i=@${domain}; dmarc=pass header.from=${domain};`],
      ["From", `Someone <${from}>`],
      ["To", config.addresses[0]!],
      ["Subject", "Checkout is down"],
      ["Message-ID", "<m1@x.example>"],
    ].map(([name, value]) => ({ name: name!, value: value! }));
    const facts = factsFromHeaders(headers, {}, []);
    const verdicts = { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" } as const;
    return { name, input: { facts, verdicts, envelope: { recipients: [config.addresses[0]!], mailFrom: from, messageId: "bench1" }, config, receivedAt: at } as DecisionInput };
  };
  return [
    mk("customer's address", "cto@customer-417.example"),
    mk("customer's wildcard subdomain", "noc@de.eu.customer-250.example"),
    mk("unlisted colleague", "jane@customer-333.example"),
    mk("stranger", "mallory@evil.example"),
  ];
}

function decisionMicros(config: FunctionRuntimeConfig, expected: readonly string[]): { perCase: Record<string, number>; coldMs: number } {
  const cases = inputs(config);
  // A benchmark of the wrong decision measures nothing: each case must decide as intended.
  cases.forEach((c, i) => {
    const d = decide(c.input);
    if (`${d.action} ${d.reason}` !== expected[i]) throw new Error(`${c.name}: decided ${d.action} ${d.reason} (${d.detail}), expected ${expected[i]}`);
  });
  // The first decision on a config builds its indexes (once per cold start).
  const cold = inputs({ ...config });
  const t0 = performance.now();
  decide(cold[0]!.input);
  const coldMs = performance.now() - t0;
  for (let i = 0; i < 2000; i++) for (const c of cases) decide(c.input);
  const perCase: Record<string, number> = {};
  for (const c of cases) {
    const samples: number[] = [];
    for (let r = 0; r < 15; r++) {
      const s = performance.now();
      for (let i = 0; i < 500; i++) decide(c.input);
      samples.push(((performance.now() - s) / 500) * 1000);
    }
    perCase[c.name] = median(samples);
  }
  return { perCase, coldMs };
}

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-customers-"));
  try {
    const one = writeEventsDir(tmp, path.join(ROOT, "events"), 1);
    const scale = writeCustomersApp(tmp, CUSTOMERS, EVENTS);
    const out = () => fs.mkdtempSync(path.join(tmp, "out-"));
    const env = (dir: string) => ({ ...process.env, CHECKPOINT_DISABLE: "1", CI: "1", EMAIL_TO_ONCALL_CONFIG_DIR: dir });
    const results: { name: string; m: Measured }[] = [];
    // Interleaved repetitions: drift on a shared machine hits both apps alike.
    const runs: Record<string, Measured[]> = { one: [], scale: [] };
    for (let r = 0; r < REPS; r++) {
      runs.one!.push(measure("1 event", ["npm", "run", "-s", "synth"], { cwd: ROOT, env: env(one), reps: 1, outdir: out }));
      runs.scale!.push(measure(`${CUSTOMERS} customers on ${EVENTS} events`, ["npm", "run", "-s", "synth"], { cwd: ROOT, env: env(scale), reps: 1, outdir: out }));
    }
    const merge = (label: string, ms: Measured[]): Measured => {
      const samples = ms.flatMap((m) => m.samples);
      return { label, samples, medianSeconds: median(samples.map((s) => s.seconds)), medianPeakMb: median(samples.map((s) => s.peakMb)), maxPeakMb: Math.max(...samples.map((s) => s.peakMb)) };
    };
    results.push({ name: "1 event (the example event, cloned once)", m: merge("1 event", runs.one!) });
    results.push({ name: `${CUSTOMERS} customers on ${EVENTS} events (\`customers: all\`)`, m: merge("scale", runs.scale!) });

    const config = loadConfig(scale);
    const event = config.events[0]!;
    const withCustomers = runtimeConfigFor(config.foundation, event);
    const configBytes = Buffer.byteLength(JSON.stringify(withCustomers));
    const big = decisionMicros(withCustomers, ["page TRUSTED_SENDER", "page TRUSTED_SENDER", "notify UNLISTED_COLLEAGUE", "drop SENDER_NOT_TRUSTED"]);
    // The same event without customers: the trusted senders of one customer at event level.
    const plain: FunctionRuntimeConfig = { ...withCustomers, customers: undefined, trustedSenders: withCustomers.customers![417]!.trustedSenders };
    const small = decisionMicros(plain, ["page TRUSTED_SENDER", "drop SENDER_NOT_TRUSTED", "drop SENDER_NOT_TRUSTED", "drop SENDER_NOT_TRUSTED"]);
    const worst = Math.max(...Object.values(big.perCase));

    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
    const md = [
      "## Customers at scale (issue 13, `npm run bench:customers`)",
      "",
      `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}. Synth: \`npm run synth\`, ${REPS} interleaved run(s) of each app, medians; peak = max RSS (GNU time). ` +
        `Each generated customer has two addresses, a domain, a wildcard, a reply contact and notes; every tenth has a Slack channel.${quick ? " **Quick run: indicative only.**" : ""}`,
      "",
      "| App | synth time | peak memory |",
      "|---|---|---|",
      ...results.map((r) => `| ${r.name} | ${fmtS(r.m.medianSeconds)} s | ${fmtMb(r.m.medianPeakMb)} MB |`),
      "",
      `The function's runtime config of one such event is ${(configBytes / 1024).toFixed(0)} KB (Lambda's environment holds 4 KB): it ships in the config layer.`,
      "",
      "| Decision (`decide`, pure, in-process; median of 15 × 500 calls) | 500 customers | no customers |",
      "|---|---|---|",
      ...Object.keys(big.perCase).map((k) => `| ${k} | ${big.perCase[k]!.toFixed(1)} µs | ${small.perCase[k]!.toFixed(1)} µs |`),
      `| first decision on a config (indexes built, once per cold start) | ${big.coldMs.toFixed(2)} ms | ${small.coldMs.toFixed(2)} ms |`,
      "",
      `Target: under 1 ms per mail with ${CUSTOMERS} customers: worst case ${(worst / 1000).toFixed(3)} ms, ${worst < 1000 ? "met" : "**missed**"}.`,
    ].join("\n");
    writeBenchSection("customers", md);
    process.stdout.write(`${md}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) main();
