import * as http from "node:http";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { LocalServer, until } from "./local-process";
import { httpSink } from "./support/sinks";

describe("npm run local (tools/local.ts as a process)", () => {
  // A fixed receipt time inside the example window: the test must not depend on today's date.
  const server = new LocalServer(["--config-dir", "events", "--at", "2026-11-27T15:00:00Z"]);
  afterAll(() => server.stop());

  it("accepts a mail for the configured event over SMTP and prints the alert through the built-in sink", async () => {
    await server.start();
    expect(server.err).toContain("swaks --server 127.0.0.1:");
    // The example turns replies on: captured, never sent, and a local status endpoint for OnCall's webhooks.
    expect(server.err).toMatch(/replies are captured in \S+_replies \(nothing is sent\)/);
    expect(server.err).toMatch(/OnCall status webhooks of black-friday-2026: POST http:\/\/127\.0\.0\.1:\d+\/oncall\/black-friday-2026 with "Authorization: [0-9a-f]{48}"/);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: server.port, secure: false, ignoreTLS: true });
    try {
      await transport.sendMail({
        envelope: { from: "cto@acme-shop.example", to: ["black-friday-2026@oncall.example.com"] },
        raw: "From: Jane <cto@acme-shop.example>\r\nTo: black-friday-2026@oncall.example.com\r\nSubject: CLI smoke\r\nMessage-ID: <cli@acme-shop.example>\r\n\r\nPlease page.\r\n",
      });
    } finally {
      transport.close();
    }
    // The sink prints the alert before it answers; the handler logs "alert delivered" after the
    // answer. Wait for both (two writes, no order between them that a test may rely on).
    const { alert, log } = await server.delivered();
    expect(alert).toMatch(/CLI smoke — Jane \(Acme Shop\)/);
    expect(alert).toContain("Please page.");
    expect(log).toMatchObject({ level: "INFO", event: "black-friday-2026", status: 200, markers: [] });
    expect(alert).not.toContain("OUTSIDE WINDOW");
    expect(server.err).not.toContain("OUTSIDE WINDOW");
  });

  it("says at start-up when the receipt time is outside an event's window (alerts will be marked)", async () => {
    const late = new LocalServer(["--at", "2027-03-01T00:00:00Z"]);
    try {
      await late.start();
      expect(late.err).toContain("note: black-friday-2026's window (2026-11-26T23:00:00.000Z to 2026-12-01T11:00:00.000Z) does not contain 2027-03-01T00:00:00.000Z");
    } finally {
      await late.stop();
    }
  });

  it("tells the health URL given with --health-url when OnCall refuses a mail for good (the second channel, as a process)", async () => {
    const refusing = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(403).end());
    });
    await new Promise<void>((r) => refusing.listen(0, "127.0.0.1", r));
    const pager = await httpSink();
    const oncallUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/integrations/v1/webhook/T0KEN/`;
    const local = new LocalServer(["--at", "2026-11-27T15:00:00Z", "--oncall-url", oncallUrl, "--health-url", pager.url, "--health-period", "200ms", "--remind-every", "0"]);
    try {
      await local.start();
      expect(local.err).toContain(`pipeline health: alarms evaluated every 200ms; notifying ${pager.url}`);
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port: local.port, secure: false, ignoreTLS: true });
      try {
        await transport.sendMail({
          envelope: { from: "cto@acme-shop.example", to: ["black-friday-2026@oncall.example.com"] },
          raw: "From: Jane <cto@acme-shop.example>\r\nTo: black-friday-2026@oncall.example.com\r\nSubject: Refused\r\nMessage-ID: <refused@acme-shop.example>\r\n\r\nPlease page.\r\n",
        });
      } finally {
        transport.close();
      }
      // Both alarms of a permanent failure went to ALARM, each once, whatever period they fell in (one recovers at the next period).
      const names = await until(
        () => JSON.stringify(pager.posts.map((p) => JSON.parse(p.body.Message!)).filter((m) => m.NewStateValue === "ALARM").map((m) => m.AlarmName)),
        (s) => (s.includes("dead-letter-queue-not-empty") && s.includes("permanent-failures") ? (JSON.parse(s) as string[]) : undefined),
      );
      expect(names.sort()).toEqual(["local-black-friday-2026-dead-letter-queue-not-empty", "local-black-friday-2026-permanent-failures"]);
      expect(pager.posts[0]!.headers["x-amz-sns-message-type"]).toBe("Notification");
    } finally {
      await local.stop();
      await pager.close();
      await new Promise<void>((r) => refusing.close(() => r()));
    }
  });
});
