import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import nodemailer from "nodemailer";
import { runCanary } from "../../tools/lib/canary-cli";
import { eventRuntimeConfigs } from "../../tools/lib/event-config";
import { LocalServer, startLocal } from "../../tools/lib/local-server";
import { REPO_ROOT } from "../support/synth";

// The canary end to end on 127.0.0.1: `npm run canary -- --smtp` signs and sends over SMTP,
// `npm run local` plays SES and runs the real handler, which counts it and pages nobody.
const EVENTS = path.join(REPO_ROOT, "events");
const AT = "2026-11-27T15:00:00.000Z";

describe("canary through npm run local", () => {
  let local: LocalServer;
  let oncall: http.Server;
  let posts: number;
  let mailDir: string;
  let logs: string[];
  let clock: Date;

  beforeEach(async () => {
    posts = 0;
    logs = [];
    clock = new Date(AT);
    oncall = http.createServer((req, res) => {
      posts++;
      req.resume();
      req.on("end", () => res.writeHead(200).end("Ok."));
    });
    await new Promise<void>((r) => oncall.listen(0, "127.0.0.1", r));
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-canary-"));
    local = await startLocal({
      configs: eventRuntimeConfigs(EVENTS),
      mailDir,
      oncallUrl: `http://127.0.0.1:${(oncall.address() as AddressInfo).port}/integrations/v1/webhook/T/`,
      lambdaRetryDelaysMs: [1, 1],
      log: (l) => logs.push(l),
      print: () => undefined,
      clock: () => clock,
    });
  });
  afterEach(async () => {
    await local.close();
    oncall.closeAllConnections();
    await new Promise<void>((r) => oncall.close(() => r()));
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  const canary = async (env: Record<string, string> = {}, extra: string[] = []) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCanary(["--config-dir", EVENTS, "--event", "black-friday-2026", "--smtp", `127.0.0.1:${local.smtpPort}`, "--at", AT, ...extra], { out: (s) => out.push(s), err: (s) => err.push(s), env });
    await local.idle();
    return { code, out: out.join(""), err: err.join("") };
  };
  const metric = (name: string) => logs.filter((l) => l.includes(`"${name}":1`)).length;

  it("counts the canary and pages nobody", async () => {
    const r = await canary();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ event: "black-friday-2026", to: "black-friday-2026@oncall.example.com", from: "canary@oncall.example.com" });
    expect(local.invocations.map((i) => i.result)).toEqual([expect.objectContaining({ action: "canary", reason: "CANARY_RECEIVED" })]);
    expect(metric("CanaryReceived")).toBe(1);
    expect(posts).toBe(0);
  });

  it("drops and counts a canary signed with another key (forged), paging nobody", async () => {
    await canary({ LOCAL_CANARY_KEY: "an-attacker-guessed-this-key-0123456789" });
    expect(local.invocations.map((i) => i.result)).toEqual([expect.objectContaining({ action: "drop", reason: "CANARY_REJECTED", detail: expect.stringMatching(/^FORGED/) })]);
    expect(metric("CanaryRejected")).toBe(1);
    expect(posts).toBe(0);
  });

  it("drops a captured canary sent again, at once (nonce) or an hour later (stale)", async () => {
    const dry = await canary({}, ["--dry-run"]);
    const raw = dry.out.trimEnd();
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: local.smtpPort, secure: false, ignoreTLS: true });
    const send = () => transport.sendMail({ envelope: { from: "attacker@evil.example", to: ["black-friday-2026@oncall.example.com"] }, raw });
    await send();
    await send();
    clock = new Date(Date.parse(AT) + 3600_000);
    await send();
    transport.close();
    await local.idle();
    const results = local.invocations.map((i) => i.result as { action: string; detail?: string });
    expect(results.map((r) => r.action)).toEqual(["canary", "drop", "drop"]);
    expect(results[1]!.detail).toMatch(/^STALE: nonce already received/);
    expect(results[2]!.detail).toMatch(/^STALE: signed 3600 s before/);
    expect(metric("CanaryRejected")).toBe(2);
    expect(posts).toBe(0);
  });

  it("refuses an SMTP target that is not the loopback", async () => {
    const err: string[] = [];
    const code = await runCanary(["--config-dir", EVENTS, "--smtp", "mx.example.com:25"], { out: () => undefined, err: (s) => err.push(s), env: {} });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/--smtp: must be 127\.0\.0\.1:<port>/);
  });

  it("through SES: reads the event's key parameter and sends as canary@<mail domain>", async () => {
    const sent: { from: string; to: string; raw: string }[] = [];
    const params: string[] = [];
    const out: string[] = [];
    const code = await runCanary(["--config-dir", EVENTS, "--at", AT], { out: (s) => out.push(s), err: () => undefined, env: {} }, {
      key: async (p, region) => (params.push(`${region} ${p}`), "k".repeat(64)),
      ses: () => ({ send: async (from, to, raw) => void sent.push({ from, to, raw }) }),
    });
    expect(code).toBe(0);
    expect(params).toEqual(["eu-west-1 /email-to-oncall/black-friday-2026/canary-key"]);
    expect(sent.map((s) => [s.from, s.to])).toEqual([["canary@oncall.example.com", "black-friday-2026@oncall.example.com"]]);
    expect(sent[0]!.raw).toMatch(/\r\nX-Email-To-Oncall-Canary: v=1; event=black-friday-2026; /);
    expect(out.join("")).not.toContain("k".repeat(64));
  });
});
