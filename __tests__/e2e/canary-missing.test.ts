import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCanary } from "../../tools/lib/canary-cli";
import { eventRuntimeConfigs } from "../../tools/lib/event-config";
import { LocalServer, startLocal } from "../../tools/lib/local-server";
import { REPO_ROOT } from "../support/synth";
import { manualScheduler, smtpSink, virtualClock } from "./support/sinks";

// "Canary missing → health alarm" through npm run local: canaries sent with `npm run canary --
// --smtp`, the health emulation's canary-missing alarm (two periods without one) reaching the
// e-mail contacts' local SMTP sink, and back to OK when a canary arrives. Periods are closed by
// the test (virtual time), so nothing depends on the wall clock.
const EVENTS = path.join(REPO_ROOT, "events");
const AT = "2026-11-27T15:00:00.000Z";
const ALARM = "local-black-friday-2026-canary-missing";

describe("canary missing → health alarm (npm run local)", () => {
  let local: LocalServer;
  let mailbox: Awaited<ReturnType<typeof smtpSink>>;
  let mailDir: string;

  beforeEach(async () => {
    mailbox = await smtpSink();
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-canary-missing-"));
    const clock = virtualClock();
    local = await startLocal({
      configs: eventRuntimeConfigs(EVENTS),
      mailDir,
      log: () => undefined,
      print: () => undefined,
      clock: () => new Date(AT),
      now: clock.now,
      sleep: clock.sleep,
      health: { smtp: [{ host: "127.0.0.1", port: mailbox.port }], emailTo: ["oncall-backup@platform.example"], periodMs: 900_000, remindEveryMs: 0, expectCanary: true, scheduler: manualScheduler(), sleep: clock.sleep },
    });
  });
  afterEach(async () => {
    await local.close();
    await mailbox.close();
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  const canary = async (env: Record<string, string> = {}) => {
    const code = await runCanary(["--config-dir", EVENTS, "--smtp", `127.0.0.1:${local.smtpPort}`, "--at", AT], { out: () => undefined, err: () => undefined, env });
    expect(code).toBe(0);
    await local.idle();
  };
  const period = async () => (await local.health.evaluate()).map((n) => n.subject);

  it("stays OK while canaries arrive, alarms after two periods without one, recovers on the next", async () => {
    await canary();
    expect(await period()).toEqual([]);
    expect(await period()).toEqual([]); // one period without: not yet
    expect(await period()).toEqual([`ALARM: "${ALARM}" in eu-west-1`]);
    expect(local.health.states()[ALARM]).toBe("ALARM");
    const mail = mailbox.mails.find((m) => m.subject.includes("canary-missing"))!;
    expect(mail.to).toEqual(["oncall-backup@platform.example"]);
    expect(mail.text).toContain("No canary reached black-friday-2026's function");
    expect(await period()).toEqual([]); // still missing: CloudWatch speaks on changes only
    await canary();
    expect(await period()).toEqual([`OK: "${ALARM}" in eu-west-1`]);
  });

  it("a forged canary does not keep the alarm quiet (it is dropped and counted, not heard)", async () => {
    await canary({ LOCAL_CANARY_KEY: "forged-by-someone-without-the-key-000000" });
    await period();
    await canary({ LOCAL_CANARY_KEY: "forged-by-someone-without-the-key-000000" });
    expect(await period()).toEqual([`ALARM: "${ALARM}" in eu-west-1`]);
    expect(local.invocations.map((i) => (i.result as { reason: string }).reason)).toEqual(["CANARY_REJECTED", "CANARY_REJECTED"]);
  });
});
