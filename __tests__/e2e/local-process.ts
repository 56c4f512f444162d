import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");

/** Waits (bounded) until `read()` satisfies `test`, polling the accumulated output. */
export async function until(read: () => string, test: (s: string) => RegExpMatchArray | null | boolean, ms = 10_000): Promise<RegExpMatchArray | true> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const hit = test(read());
    if (hit) return hit === true ? true : hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting; output so far:\n${read()}`);
}

/** `npm run local` as a real process on an ephemeral port, with the built-in alert sink. */
export class LocalServer {
  out = "";
  err = "";
  port = 0;
  private child?: ChildProcess;
  private readonly mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-local-"));

  async start(): Promise<this> {
    const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_SMTP_PORT: "0", LOCAL_MAIL_DIR: this.mailDir, EVENTS_DIR: "events" };
    delete env.ONCALL_URL;
    this.child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/local.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (c: Buffer) => (this.out += c.toString()));
    this.child.stderr!.on("data", (c: Buffer) => (this.err += c.toString()));
    const banner = (await until(() => this.err, (s) => s.match(/smtp:\/\/127\.0\.0\.1:(\d+)/))) as RegExpMatchArray;
    this.port = Number(banner[1]);
    return this;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(this.mailDir, { recursive: true, force: true });
  }
}
