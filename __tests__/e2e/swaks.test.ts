import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// The README promises a one-line swaks test of `npm run local`; run exactly that line (with the
// ephemeral port of this run) against the real local server and check the alert it prints.
const root = path.join(__dirname, "..", "..");
const readmeLine = fs
  .readFileSync(path.join(root, "README.md"), "utf8")
  .split("\n")
  .find((l) => l.startsWith("swaks --server 127.0.0.1:2525"));

describe("the README's swaks example against npm run local", () => {
  let child: ChildProcess | undefined;
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-swaks-"));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  test("is in the README", () => {
    expect(readmeLine).toMatch(/--to black-friday-2026@oncall\.example\.com/);
  });

  test("pages: the built-in sink prints the alert with the subject and the body", async () => {
    let out = "";
    let err = "";
    const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_SMTP_PORT: "0", LOCAL_MAIL_DIR: mailDir, EVENTS_DIR: "events" };
    delete env.ONCALL_URL;
    child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "tools/local.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    const waitFor = async (read: () => string, re: RegExp, ms = 10_000) => {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
        const m = read().match(re);
        if (m) return m;
      }
      throw new Error(`timed out waiting for ${re}; stderr:\n${err}\nstdout:\n${out}`);
    };
    const port = (await waitFor(() => err, /smtp:\/\/127\.0\.0\.1:(\d+)/))[1];

    // Split the documented line into argv (its quoted values contain spaces) and point it at this run's port.
    const argv = (readmeLine!.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, "")).slice(1);
    argv[argv.indexOf("--server") + 1] = `127.0.0.1:${port}`;
    const swaks = spawnSync("swaks", argv, { encoding: "utf8", timeout: 20_000 });
    expect(swaks.status).toBe(0);
    expect(swaks.stdout).toMatch(/<- {2}250 /);

    await waitFor(() => out, /=== ALERT/);
    expect(out).toMatch(/Checkout is down/);
    expect(out).toContain("Test page");
  });
});
