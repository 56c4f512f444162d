import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MAX_PAYLOAD_BYTES } from "../../functions/mail-to-alert/fit";
import { LocalServer, startLocal } from "../../tools/lib/local-server";
import { testConfig, withConfig } from "../functions/support/config";
import { sendRaw, virtualClock } from "./support/sinks";

/**
 * Generated worst cases sent over SMTP through the local pipeline: the payload OnCall receives is
 * at most 256 KB, carries the markers that say what was cut or could not be rendered, and still
 * pages (lane "page", state "alerting"), in one invocation.
 */
const EVENT = testConfig.addresses[0]!;
const CRLF = "\r\n";
const head = (subject: string, extra: string[] = []) => [`From: Jane <cto@acme-shop.example>`, `To: ${EVENT}`, ...extra, `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W+/g, "-")}@acme-shop.example>`, "MIME-Version: 1.0"];
const folded = (name: string, items: string[]) => `${name}: ${items.join(`,${CRLF} `)}`;

const nested = (n: number) => `${"<div>".repeat(n)}Checkout is down since 18:02, call +1 555 0100${"</div>".repeat(n)}`;
const manyRecipients = (n: number) => Array.from({ length: n }, (_, i) => `customer-${i}-${"x".repeat(20)}@acme-shop.example`);
const attachments = (n: number) =>
  Array.from({ length: n }, (_, i) => [`--b`, `Content-Type: application/pdf; name="${i}-${"report".repeat(30)}.pdf"`, `Content-Disposition: attachment; filename="${i}-${"report".repeat(30)}.pdf"`, "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQK", ""].join(CRLF)).join(CRLF);

const MAILS: Record<string, { raw: string; markers: string[]; contains: string[]; fitted: boolean }> = {
  "3,000 nested elements (HTML only)": {
    raw: [...head("Nested HTML"), "Content-Type: text/html; charset=utf-8", "", nested(3000), ""].join(CRLF),
    markers: ["RENDER_FALLBACK"],
    contains: ["Checkout is down since 18:02, call +1 555 0100", "⚠ RENDER_FALLBACK"],
    fitted: false,
  },
  "a 300 KB body": {
    raw: [...head("Huge body"), "Content-Type: text/plain; charset=utf-8", "", ...Array.from({ length: 6000 }, (_, i) => `line ${i}: the checkout answers 500 for every basket, all regions`), "Call me at +1 555 0100.", ""].join(CRLF),
    markers: ["TRUNCATED"],
    contains: ["line 0: the checkout", "⚠ TRUNCATED"],
    fitted: false,
  },
  "a 300 KB body of 3-byte characters, 5,000 recipients, 1,000 attachments": {
    raw: [
      ...head("Huge CJK body", [folded("Cc", manyRecipients(5000))]),
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      ...Array.from({ length: 2000 }, () => "障害が発生しました。決済が全地域で失敗しています。至急対応してください。"),
      "",
      attachments(1000),
      "--b--",
      "",
    ].join(CRLF),
    markers: ["TRUNCATED"],
    contains: ["障害が発生しました", "⚠ TRUNCATED", "… and 4,950 more Cc addresses"],
    fitted: true,
  },
  "5,000 recipients in To and Cc": {
    raw: [...head("Many recipients", [folded("Cc", manyRecipients(5000))]).map((l) => (l.startsWith("To: ") ? folded("To", [EVENT, ...manyRecipients(5000)]) : l)), "Content-Type: text/plain", "", "Checkout is down.", ""].join(CRLF),
    markers: [],
    contains: ["… and 4,951 more To addresses", "… and 4,950 more Cc addresses", "Checkout is down."],
    fitted: true,
  },
  "1,000 attachments": {
    raw: [...head("Many attachments"), 'Content-Type: multipart/mixed; boundary="b"', "", "--b", "Content-Type: text/plain", "", "Checkout is down, logs attached.", "", attachments(1000), "--b--", ""].join(CRLF),
    markers: [],
    contains: ["Checkout is down, logs attached.", "more attachments"],
    fitted: true,
  },
  "everything at once": {
    raw: [
      ...head("Everything", [folded("Cc", manyRecipients(5000))]),
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/html; charset=utf-8",
      "",
      nested(3000),
      "",
      attachments(1000),
      "--b--",
      "",
    ].join(CRLF),
    markers: ["RENDER_FALLBACK"],
    contains: ["Checkout is down since 18:02", "… and 4,950 more Cc addresses", "more attachments"],
    fitted: true,
  },
};

describe("worst-case mails through the local pipeline: every alert fits and still pages", () => {
  let local: LocalServer;
  let mailDir: string;
  const logs: string[] = [];
  beforeAll(async () => {
    mailDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-worst-"));
    const clock = virtualClock();
    // The longest body an event may embed (bodyMaxChars 50,000), so the payload cap, not the body limit, has the last word.
    local = await startLocal({ configs: [withConfig({ bodyMaxChars: 50_000 })], mailDir, sleep: clock.sleep, now: clock.now, print: () => undefined, log: (l) => logs.push(l), clock: () => new Date("2026-11-27T15:00:00Z") });
  });
  afterAll(async () => {
    await local.close();
    fs.rmSync(mailDir, { recursive: true, force: true });
  });

  it.each(Object.entries(MAILS))("%s", async (_name, mail) => {
    const before = local.sink!.requests.length;
    logs.length = 0;
    await sendRaw(local.smtpPort, mail.raw, EVENT);
    await local.idle();
    const posted = local.sink!.requests.slice(before);
    expect(posted).toHaveLength(1);
    const { bytes, status, payload } = posted[0]!;
    expect(status).toBe(200);
    expect(bytes).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(payload).toMatchObject({ lane: "page", state: "alerting" });
    for (const m of mail.markers) expect(payload!.markers).toContain(m);
    for (const c of mail.contains) expect(String(payload!.message)).toContain(c);
    const inv = local.invocations.at(-1)!;
    expect(inv.attempts).toHaveLength(1);
    expect(inv.result).toMatchObject({ action: "page" });
    // Whether fit.ts had to cut (lists and names first) or the body limit and the renderer sufficed.
    expect(logs.some((l) => l.includes('"alert cut to fit the OnCall payload limit"'))).toBe(mail.fitted);
  });
});
