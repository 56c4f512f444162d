import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { promisify } from "node:util";
import { bundleFunction } from "../../stacks/function-bundle";
import { sesEventFor, sesReceive } from "../../tools/lib/ses-stand-in";
import { testConfig } from "./support/config";
import { runtimes } from "../support/node22";

const run = promisify(execFile);
// Under the project (git-ignored .build) so the external @aws-sdk/* resolve from node_modules, as the runtime provides them.
fs.mkdirSync(path.join(__dirname, "..", "..", ".build"), { recursive: true });
const outRoot = fs.mkdtempSync(path.join(__dirname, "..", "..", ".build", "bundle-test-"));
afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

/** Imports the Lambda artifact in a fresh ESM node process, as the runtime does, and calls the handler. */
async function invokeBundle(env: Record<string, string>, event: unknown, node = process.execPath) {
  const file = path.join(bundleFunction("mail-to-alert", outRoot).dir, "index.mjs");
  const script = `const m = await import(${JSON.stringify("file://" + file)}); const out = await m.handler(JSON.parse(process.env.EVENT), { awsRequestId: "req-1", getRemainingTimeInMillis: () => 60000 }); process.stdout.write("OUTCOME " + JSON.stringify(out) + "\\n");`;
  return run(node, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH ?? "", HOME: outRoot, NODE_NO_WARNINGS: "1", EVENT: JSON.stringify(event), ...env } });
}

const raw = fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", "30-virus.eml"));

describe.each(runtimes())("bundled function (functions/mail-to-alert/index.ts through esbuild) on %s", (_name, node) => {
  it("exports an async handler that decides, logs JSON lines and emits EMF metrics", async () => {
    const { stdout } = await invokeBundle(
      { EVENT_CONFIG: JSON.stringify(testConfig), ONCALL_URL_PARAMETER: "/e2o/black-friday-2026/oncall-integration-url" },
      sesEventFor(raw, { recipients: testConfig.addresses, verdicts: { virus: "FAIL" } }),
      node,
    );
    const lines = stdout.trim().split("\n");
    expect(JSON.parse(lines.find((l) => l.startsWith("OUTCOME "))!.slice(8))).toMatchObject({ action: "drop", reason: "VIRUS" });
    const logs = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    // The From names a trusted sender: the drop is a WARN and counted as TrustedMailDropped.
    expect(logs).toContainEqual(expect.objectContaining({ level: "WARN", message: "mail dropped", reason: "VIRUS", requestId: "req-1", event: "black-friday-2026", trustedSender: true }));
    expect(logs).toContainEqual(expect.objectContaining({ _aws: expect.any(Object), Event: "black-friday-2026", TrustedMailDropped: 1 }));
    expect(logs).toContainEqual(expect.objectContaining({ _aws: expect.any(Object), Event: "black-friday-2026", Reason: "VIRUS", MailsDropped: 1 }));
  });

  it("pages end to end: reads the raw mail from S3 (a local stand-in), parses it and posts the alert", async () => {
    // What SES stored (its results on top) is what S3 serves and what the event lists.
    const arrival = sesReceive(fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", "02-qp-latin1.eml")), { recipients: testConfig.addresses, messageId: "sesmsg0001", timestamp: new Date("2026-11-27T15:00:00Z") });
    const mail = arrival.stored;
    const requests: { url: string; body: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        requests.push({ url: req.url ?? "", body });
        if (req.method === "GET") res.writeHead(200, { "content-type": "message/rfc822" }).end(mail);
        else res.writeHead(200).end("Ok.");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { stdout } = await invokeBundle(
        {
          EVENT_CONFIG: JSON.stringify(testConfig),
          ONCALL_URL: `${base}/integrations/v1/webhook/SECRET/`,
          AWS_ENDPOINT_URL_S3: base,
          AWS_REGION: "eu-west-1",
          AWS_ACCESS_KEY_ID: "AKIDLOCALTEST",
          AWS_SECRET_ACCESS_KEY: "local-test-secret",
        },
        arrival.event,
        node,
      );
      expect(JSON.parse(stdout.split("\n").find((l) => l.startsWith("OUTCOME "))!.slice(8))).toMatchObject({ action: "page", attempts: 1 });
      expect(requests[0]!.url).toMatch(/^\/email-to-oncall-raw-mail-test\/black-friday-2026\/sesmsg0001/);
      const payload = JSON.parse(requests[1]!.body);
      expect(payload.title).toBe("Preise für Größe XL falsch — Jörg Müller (Acme Shop)");
      expect(payload.message).toContain("Grüße aus München");
      expect(stdout).not.toContain("SECRET");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it("fails the cold start with a message naming the bad field", async () => {
    const err = await invokeBundle({ EVENT_CONFIG: JSON.stringify({ ...testConfig, bodyMaxChars: 5 }), ONCALL_URL_PARAMETER: "/p" }, {}, node).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toContain("EVENT_CONFIG is invalid: bodyMaxChars: must be at least 500");
  });
});

describe("bundle layout", () => {
  it("keeps mailauth (ARC) in lazily loaded chunks that import cleanly, and the entry small", async () => {
    const bundle = bundleFunction("mail-to-alert", outRoot);
    const chunks = fs.readdirSync(path.join(bundle.dir, "chunks"));
    expect(chunks.length).toBeGreaterThan(0);
    const entry = fs.readFileSync(path.join(bundle.dir, "index.mjs"), "utf8");
    expect(entry).not.toContain("ARC-Message-Signature"); // mailauth's code is not in the entry
    expect(bundle.bytes).toBeLessThan(450 * 1024);
    const zip = fs.readFileSync(bundle.zip).toString("latin1");
    for (const c of chunks) expect(zip).toContain(`chunks/${c}`);
    // Every chunk loads on its own in a fresh ESM process, as the runtime would load it on first use.
    const script = chunks.map((c) => `await import(${JSON.stringify("file://" + path.join(bundle.dir, "chunks", c))});`).join("") + 'process.stdout.write("ok");';
    for (const [, node] of runtimes()) {
      const { stdout } = await run(node, ["--input-type=module", "-e", script], { env: { PATH: process.env.PATH ?? "", NODE_NO_WARNINGS: "1" } });
      expect(stdout).toBe("ok");
    }
  });
});
