import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { Scheduler } from "../../../tools/lib/local-health";

/** A local SMTP sink standing in for the health contacts' mailboxes: keeps every mail, parsed. */
export async function smtpSink(): Promise<{ port: number; mails: { subject: string; text: string; to: string[] }[]; close(): Promise<void> }> {
  const mails: { subject: string; text: string; to: string[] }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (m) => {
          mails.push({ subject: m.subject ?? "", text: m.text ?? "", to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { port: (server.server.address() as AddressInfo).port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A local HTTP sink standing in for a second paging service's webhook: keeps every POST. */
export async function httpSink(): Promise<{ url: string; posts: { headers: http.IncomingHttpHeaders; body: Record<string, string> }[]; close(): Promise<void> }> {
  const posts: { headers: http.IncomingHttpHeaders; body: Record<string, string> }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      posts.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sns`,
    posts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A scheduler that never fires by itself: the test calls evaluate()/remind(); it records what was scheduled. */
export function manualScheduler(): Scheduler & { scheduled: number[] } {
  const scheduled: number[] = [];
  return {
    scheduled,
    every(ms) {
      scheduled.push(ms);
      return () => undefined;
    },
  };
}

/**
 * A virtual clock that only waits move: `sleep(ms)` resolves at once and moves the clock to at
 * least its caller's wake-up time, so Retry-After and Lambda retry pauses cost no wall-clock time
 * and nothing in a test depends on how fast the machine is.
 */
export function virtualClock(start = Date.parse("2026-11-27T15:00:00Z")): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    slept,
    async sleep(ms) {
      slept.push(ms);
      const wake = t + ms;
      await new Promise((r) => setImmediate(r));
      t = Math.max(t, wake);
    },
  };
}

export async function sendRaw(port: number, raw: string | Buffer, to: string, from = "cto@acme-shop.example") {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope: { from, to: [to] }, raw });
  } finally {
    transport.close();
  }
}
