import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const ROOT = path.join(__dirname, "..", "..");

/**
 * Waits until `read()` satisfies `test`, polling the accumulated output. The bound only turns a
 * hang into a readable failure: callers wait for exactly what they then assert, never for one
 * write and then assume that a later write has happened too.
 */
export async function until<T>(read: () => string, test: (s: string) => T | null | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const hit = test(read());
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting; output so far:\n${read()}`);
}

/** Complete `=== ALERT … ===` blocks the built-in sink printed (a block still being written is not one). */
export function alertBlocks(out: string): string[] {
  return [...out.matchAll(/^=== ALERT [^\n]*\n[\s\S]*?\n===\n/gm)].map((m) => m[0]);
}

/** Complete JSON log lines (ending in a newline) whose `message` is `message`. */
export function logLines(out: string, message: string): Record<string, unknown>[] {
  return out
    .split("\n")
    .slice(0, -1) // the text after the last newline may be half a line
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.message === message);
}

/** `npm run local` as a real process on an ephemeral port, with the built-in alert sink. */
export class LocalServer {
  out = "";
  err = "";
  port = 0;
  private child?: ChildProcess;
  private readonly mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-local-"));

  constructor(private readonly args: readonly string[] = []) {}

  async start(): Promise<this> {
    const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_SMTP_PORT: "0", LOCAL_MAIL_DIR: this.mailDir };
    delete env.ONCALL_URL;
    this.child = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "tools/local.ts", ...this.args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child.stdout!.on("data", (c: Buffer) => (this.out += c.toString()));
    this.child.stderr!.on("data", (c: Buffer) => (this.err += c.toString()));
    // The whole banner (its last line is the swaks hint), not just the line with the port.
    const banner = await until(() => this.err, (s) => s.match(/smtp:\/\/127\.0\.0\.1:(\d+)[\s\S]*\ntry: [^\n]*\n/));
    this.port = Number(banner[1]);
    return this;
  }

  /** The first complete alert the sink printed and the "alert delivered" log line, once both are written. */
  async delivered(): Promise<{ alert: string; log: Record<string, unknown> }> {
    return until(
      () => this.out,
      (s) => {
        const [alert] = alertBlocks(s);
        const [log] = logLines(s, "alert delivered");
        return alert && log ? { alert, log } : undefined;
      },
    );
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
