import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import nodemailer from "nodemailer";

const root = path.join(__dirname, "..", "..");

/** Waits (bounded) until `text` satisfies `test`, polling the accumulated output. */
async function until(read: () => string, test: (s: string) => RegExpMatchArray | null | boolean, ms = 8000): Promise<RegExpMatchArray | true> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const hit = test(read());
    if (hit) return hit === true ? true : hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting; output so far:\n${read()}`);
}

describe("npm run local (tools/local.ts as a process)", () => {
  let child: ChildProcess | undefined;
  const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-cli-"));

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  it("accepts a mail for the configured event over SMTP and prints the alert through the built-in sink", async () => {
    let out = "";
    let err = "";
    const env: NodeJS.ProcessEnv = { ...process.env, LOCAL_SMTP_PORT: "0", LOCAL_MAIL_DIR: mailDir, EVENTS_DIR: "events" };
    delete env.ONCALL_URL;
    child = spawn(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "tools/local.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    const banner = (await until(() => err, (s) => s.match(/smtp:\/\/127\.0\.0\.1:(\d+)/))) as RegExpMatchArray;
    expect(err).toContain("swaks --server 127.0.0.1:");
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: Number(banner[1]), secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        envelope: { from: "cto@acme-shop.example", to: ["black-friday-2026@oncall.example.com"] },
        raw: "From: Jane <cto@acme-shop.example>\r\nTo: black-friday-2026@oncall.example.com\r\nSubject: CLI smoke\r\nMessage-ID: <cli@acme-shop.example>\r\n\r\nPlease page.\r\n",
      });
    } finally {
      transport.close();
    }
    await until(() => out, (s) => s.includes("=== ALERT"));
    expect(out).toMatch(/CLI smoke — Jane \(Acme Shop\)/);
    expect(out).toContain("Please page.");
    expect(out).toContain('"message":"alert delivered"');
  });
});
