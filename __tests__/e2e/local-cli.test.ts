import nodemailer from "nodemailer";
import { LocalServer, until } from "./local-process";

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
    // The delivery log line follows the alert block on stdout; wait for both (under load the second
    // chunk can arrive after the first has already matched).
    await until(() => server.out, (s) => s.includes("=== ALERT") && s.includes('"message":"alert delivered"'));
    expect(server.out).toMatch(/CLI smoke — Jane \(Acme Shop\)/);
    expect(server.out).toContain("Please page.");
    expect(server.out).toContain('"message":"alert delivered"');
  });
});
