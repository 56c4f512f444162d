import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { simpleParser } from "mailparser";
import { testConfig } from "../__tests__/functions/support/config";
import type { AlertPayload } from "../functions/mail-to-alert/contract";
import { createHandler } from "../functions/mail-to-alert/handler";
import { parseMail } from "../functions/mail-to-alert/parse";
import { bundleFunction } from "../stacks/function-bundle";
import { sesReceive } from "../tools/lib/ses-stand-in";
import { syntheticMail } from "./function/mails";

/**
 * mail-to-alert benchmarks: bundle size, cold import, handler time per mail size, peak memory at
 * the 40 MB SES maximum, each against mailparser in the same run. Rewrites only its section of
 * BENCHMARKS.md. S3 and HTTP are in-memory stubs; nothing leaves the machine.
 */
const root = path.join(__dirname, "..");
const outRoot = path.join(root, ".build", "bench");
const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number, d = 1) => n.toFixed(d);

function bundleSizes(): { ours: number; oursGzip: number; mailparser: number; mailparserGzip: number; oursFile: string; mailparserFile: string } {
  const ours = bundleFunction("mail-to-alert", outRoot);
  const mpFile = path.join(outRoot, "mailparser-baseline", "index.mjs");
  buildSync({
    entryPoints: [path.join(__dirname, "function", "mailparser-entry.ts")],
    outfile: mpFile,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node22",
    legalComments: "none",
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: "error",
  });
  const gz = (f: string) => require("node:zlib").gzipSync(fs.readFileSync(f)).length as number;
  const oursFile = path.join(ours.dir, "index.mjs");
  return { ours: ours.bytes, oursGzip: gz(oursFile), mailparser: fs.statSync(mpFile).size, mailparserGzip: gz(mpFile), oursFile, mailparserFile: mpFile };
}

/** Fresh `node` per sample: module load + evaluation of the bundle, as a Lambda cold start pays it. */
function coldImportMs(files: string | readonly string[], samples = 9): number {
  const env = { ...process.env, EVENT_CONFIG: JSON.stringify(testConfig), ONCALL_URL: "http://127.0.0.1:9/stub", NODE_NO_WARNINGS: "1" };
  const targets = (typeof files === "string" ? [files] : files).map((f) => (f.startsWith("@") ? f : "file://" + f));
  const code = `const t=performance.now();${targets.map((t) => `await import(${JSON.stringify(t)});`).join("")}process.stdout.write(String(performance.now()-t))`;
  const xs: number[] = [];
  for (let i = 0; i < samples; i++) xs.push(Number(execFileSync(process.execPath, ["--input-type=module", "-e", code], { env, cwd: root }).toString()));
  return median(xs);
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

async function perMail(): Promise<{ label: string; handler: number; postal: number; mailparser: number }[]> {
  const rows = [];
  for (const [label, bytes, runs] of [
    ["10 KB", 10 * 1024, 200],
    ["1 MB", 1024 * 1024, 20],
    ["20 MB", 20 * 1024 * 1024, 5],
  ] as const) {
    const raw = syntheticMail(bytes);
    // The handler reads the copy SES stores (its results on top), as in Lambda.
    const { event, stored } = sesReceive(raw, { recipients: testConfig.addresses, timestamp: new Date("2026-11-27T15:00:00Z") });
    let posted: AlertPayload | undefined;
    const handle = createHandler({
      config: testConfig,
      integrationUrl: async () => "http://stub.invalid/",
      mailSource: { get: async () => stored },
      poster: { post: async (_u, p) => ((posted = JSON.parse(JSON.stringify(p))), { status: 200, retryAfter: null }) },
      log: { info() {}, warn() {}, error() {}, count() {} },
    });
    const handler = await timeIt(() => handle(event), runs);
    if (!posted || posted.lane !== "page") throw new Error("handler did not page");
    const postal = await timeIt(() => parseMail(raw), runs);
    const mailparser = await timeIt(() => simpleParser(raw), runs);
    rows.push({ label, handler, postal, mailparser });
  }
  return rows;
}

function peakMemory(which: "handler" | "mailparser"): { peakRssMb: number; rssBeforeMb: number; ms: number } {
  const out = execFileSync(process.execPath, [tsx, path.join(__dirname, "function", "memory-child.ts"), which, "40"], { cwd: root, maxBuffer: 1 << 20 }).toString();
  return JSON.parse(out.trim().split("\n").pop()!);
}

function writeSection(markdown: string): void {
  const file = path.join(root, "BENCHMARKS.md");
  const start = "<!-- bench:function:start -->";
  const end = "<!-- bench:function:end -->";
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n";
  const i = current.indexOf(start);
  const j = current.indexOf(end);
  const next = i >= 0 && j > i ? current.slice(0, i + start.length) + "\n" + markdown + "\n" + current.slice(j) : `${current.trimEnd()}\n\n${start}\n${markdown}\n${end}\n`;
  fs.writeFileSync(file, next);
}

async function main(): Promise<void> {
  const machine = `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${os.cpus().length} CPUs (nproc), ${fmt(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.arch()}`;
  process.stderr.write("bench:function: bundles\n");
  const sizes = bundleSizes();
  process.stderr.write("bench:function: cold imports\n");
  const coldOurs = coldImportMs(sizes.oursFile);
  const coldMp = coldImportMs(sizes.mailparserFile);
  // The SDK clients are external (the Lambda runtime ships them) but the bundle loads them at init.
  const coldSdk = coldImportMs(["@aws-sdk/client-s3", "@aws-sdk/client-ssm"]);
  process.stderr.write("bench:function: per-mail timings\n");
  const rows = await perMail();
  process.stderr.write("bench:function: peak memory (40 MB mail)\n");
  const memOurs = peakMemory("handler");
  const memMp = peakMemory("mailparser");
  const kb = (b: number) => `${fmt(b / 1024)} KB`;
  const md = [
    `## mail-to-alert function`,
    ``,
    `Run ${new Date().toISOString()} on ${machine}. \`npm run bench:function\`.`,
    ``,
    `| Measure | mail-to-alert (postal-mime + html-to-text) | baseline: mailparser |`,
    `|---|---|---|`,
    `| Bundle (esbuild, minified ESM, \`@aws-sdk/*\` external) | ${kb(sizes.ours)} (${kb(sizes.oursGzip)} gzip) | ${kb(sizes.mailparser)} (${kb(sizes.mailparserGzip)} gzip), parser alone |`,
    `| Cold import of the bundle (fresh node, median of 9) | ${fmt(coldOurs)} ms; the runtime's S3 + SSM clients add ${fmt(coldSdk)} ms on first use (loaded lazily; Node 20 here, Lambda arm64 will differ) | ${fmt(coldMp)} ms (parser alone) |`,
    ...rows.map((r) => `| ${r.label} mail: full handler / parse only (median) | ${fmt(r.handler, 2)} ms / ${fmt(r.postal, 2)} ms | — / ${fmt(r.mailparser, 2)} ms |`),
    `| 40 MB mail (SES maximum): peak RSS of a fresh process | ${fmt(memOurs.peakRssMb, 0)} MB (full handler, ${fmt(memOurs.ms, 0)} ms; RSS before ${fmt(memOurs.rssBeforeMb, 0)} MB) | ${fmt(memMp.peakRssMb, 0)} MB (parse only, ${fmt(memMp.ms, 0)} ms; RSS before ${fmt(memMp.rssBeforeMb, 0)} MB) |`,
    ``,
    `Mails are synthetic (\`bench/function/mails.ts\`): a short text part, an HTML alternative and a base64 attachment making up the size. The full handler includes SES-event reading, decision, parsing, HTML conversion, rendering and JSON serialisation of the payload; S3 and HTTP are in-memory stubs. Peak RSS includes the process baseline (Node + tsx) and the raw mail buffer itself.`,
  ].join("\n");
  writeSection(md);
  process.stdout.write(md + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:function failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
