import nodemailer from "nodemailer";
import { LocalServer } from "./local-process";

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
});
