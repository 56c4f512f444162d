import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import nodemailer from "nodemailer";
import PostalMime from "postal-mime";
import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { LocalServer, startLocal } from "../../tools/lib/local-server";
import { replyConfig } from "../functions/reply/support";

const fixture = (f: string) => fs.readFileSync(path.join(__dirname, "..", "fixtures", "mail", f));
const EVENT_ADDRESS = replyConfig.addresses[0]!;

/** Stand-in for the OnCall integration: records the alerts, answers "200 Ok.". */
async function fakeOnCall() {
  const alerts: AlertPayload[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      alerts.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.writeHead(200).end("Ok.");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { alerts, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/integrations/v1/webhook/T0KEN/`, stop: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** What OnCall's outgoing webhook would POST for the alert group of `alert` (engine serialize_event). */
const webhookFor = (type: string, alert: AlertPayload, time: string) => ({
  event: { type, time },
  user: { id: "U1", username: "alice", email: "alice@platform.example" },
  alert_group: { id: "IG1", state: type === "resolve" ? "resolved" : "acknowledged" },
  alert_group_id: "IG1",
  alert_payload: alert,
  integration: { id: "C1", type: "webhook", name: "mail" },
});

describe("the whole loop locally: mail in, page, acknowledgement out, OnCall acknowledges, status mail out", () => {
  let local: LocalServer | undefined;
  let oncall: Awaited<ReturnType<typeof fakeOnCall>>;
  let mailDir: string;
  const NOW = new Date("2026-11-27T15:00:00Z");

  beforeEach(async () => {
    oncall = await fakeOnCall();
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-loop-"));
    local = await startLocal({ configs: [replyConfig], mailDir, oncallUrl: oncall.url, lambdaRetryDelaysMs: [5, 5], sleep: async () => undefined, log: () => undefined, clock: () => NOW, statusSecret: "local-shared-secret" });
  });
  afterEach(async () => {
    await local?.close();
    await oncall.stop();
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  async function send(raw: Buffer, from = "cto@acme-shop.example") {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: local!.smtpPort, secure: false, ignoreTLS: true });
    try {
      return await transport.sendMail({ envelope: { from, to: [EVENT_ADDRESS] }, raw });
    } finally {
      transport.close();
    }
  }
  const post = (body: unknown, authorization = "local-shared-secret") =>
    fetch(local!.statusUrl(replyConfig.slug), { method: "POST", headers: { "content-type": "application/json", authorization }, body: JSON.stringify(body) });

  it("acknowledges once per thread, then mails 'acknowledged by Alice' and 'resolved' into the customer's thread", async () => {
    await send(fixture("01-plain-ascii.eml"));
    // The same mail again (a duplicate delivery: a new SES id, the same thread) and a follow-up in the thread.
    await send(fixture("01-plain-ascii.eml"));
    await send(fixture("13-reply-gmail-quoted.eml"));
    await local!.idle();
    expect(oncall.alerts).toHaveLength(3);
    expect(local!.replies.map((r) => [r.kind, r.to])).toEqual([["acknowledgement", ["cto@acme-shop.example"]]]);
    const ack = await PostalMime.parse(local!.replies[0]!.raw);
    expect(ack).toMatchObject({ subject: "Re: Checkout is down", inReplyTo: "<plain-1@acme-shop.example>", from: { address: EVENT_ADDRESS } });
    expect(ack.headers.find((h) => h.key === "auto-submitted")?.value).toBe("auto-replied");
    expect(ack.text).toContain("paged the on-call team at");
    expect(fs.readFileSync(local!.replies[0]!.file).equals(local!.replies[0]!.raw)).toBe(true);

    // OnCall's first alert of the group carries the thread.
    const first = oncall.alerts[0]!;
    expect(first.reply).toMatchObject({ to: "cto@acme-shop.example", from: EVENT_ADDRESS, sig: expect.stringMatching(/^v1\./) });
    // Signed with the local key: the same alert with another subject is refused and mails nothing.
    expect((await post(webhookFor("acknowledge", { ...first, subject: "Verify your account at https://evil.example" }, "2026-11-27T14:54:00Z"))).status).toBe(400);
    expect((await post(webhookFor("acknowledge", first, "2026-11-27T14:54:00Z"), "wrong")).status).toBe(401);
    expect((await post(webhookFor("acknowledge", first, "2026-11-27T14:54:00Z"))).status).toBe(202);
    // OnCall retrying the same webhook: no second mail.
    expect((await post(webhookFor("acknowledge", first, "2026-11-27T14:54:00Z"))).status).toBe(202);
    expect((await post(webhookFor("resolve", first, "2026-11-27T14:58:00Z"))).status).toBe(202);
    // A replay long after: refused.
    expect((await post(webhookFor("resolve", first, "2026-11-27T09:00:00Z"))).status).toBe(400);

    expect(local!.replies.map((r) => r.kind)).toEqual(["acknowledgement", "acknowledged", "resolved"]);
    const acked = await PostalMime.parse(local!.replies[1]!.raw);
    expect(acked.text).toContain("Alice from the on-call team acknowledged your message at Fri, Nov 27, 09:54 AM EST");
    expect(acked.inReplyTo).toBe("<plain-1@acme-shop.example>");
    const resolved = await PostalMime.parse(local!.replies[2]!.raw);
    expect(resolved.text).toContain("marked your request resolved at Fri, Nov 27, 09:58 AM EST");
    expect(fs.readdirSync(path.join(mailDir, "_replies"))).toHaveLength(3);
  });

  it("no reply to an out-of-office or an untrusted sender, and no status mail for them either", async () => {
    await send(fixture("21-auto-reply-out-of-office.eml"));
    await send(fixture("26-untrusted-sender.eml"), "someone@freemail.example");
    await local!.idle();
    expect(local!.replies).toEqual([]);
  });
});
