import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalServer, ROOT, until } from "./local-process";

// The README promises a one-line swaks test of `npm run local`; run exactly that line (with the
// ephemeral port of this run) against the real local server and check the alert it prints.
const readmeLine = fs
  .readFileSync(path.join(ROOT, "README.md"), "utf8")
  .split("\n")
  .find((l) => l.startsWith("swaks --server 127.0.0.1:2525"));

describe("the README's swaks example against npm run local", () => {
  const server = new LocalServer();
  afterAll(() => server.stop());

  test("is in the README", () => {
    expect(readmeLine).toMatch(/--to black-friday-2026@oncall\.example\.com/);
  });

  test("pages: the built-in sink prints the alert with the subject and the body", async () => {
    await server.start();
    // Split the documented line into argv (its quoted values contain spaces) and point it at this run's port.
    const argv = (readmeLine!.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, "")).slice(1);
    argv[argv.indexOf("--server") + 1] = `127.0.0.1:${server.port}`;
    const swaks = spawnSync("swaks", argv, { encoding: "utf8", timeout: 20_000 });
    expect(swaks.status).toBe(0);
    expect(swaks.stdout).toMatch(/<- {2}250 /);

    // Wait for the whole alert block (its closing ===): stdout may arrive in several chunks.
    await until(() => server.out, (s) => /=== ALERT[\s\S]*\n===\n/.test(s));
    expect(server.out).toMatch(/Checkout is down/);
    expect(server.out).toContain("Test page");
  });
});
