import nodemailer from "nodemailer";
import { LocalServer } from "./local-process";

describe("npm run local (tools/local.ts as a process)", () => {
  const server = new LocalServer();
  afterAll(() => server.stop());

  it("accepts a mail for the configured event over SMTP and prints the alert through the built-in sink", async () => {
    await server.start();
    expect(server.err).toContain("swaks --server 127.0.0.1:");
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
    expect(log).toMatchObject({ level: "INFO", event: "black-friday-2026", status: 200 });
  });
});
