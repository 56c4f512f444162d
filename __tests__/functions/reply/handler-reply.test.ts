import * as fs from "node:fs";
import * as path from "node:path";
import { createHandler } from "../../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../../functions/mail-to-alert/log";
import { dryRun } from "../../../tools/lib/dry-run";
import { sesReceive } from "../../../tools/lib/ses-stand-in";
import { runPreview } from "../../../tools/lib/preview-cli";
import { replySignatureValid } from "../../../functions/mail-to-alert/reply/reply-signature";
import { LOCAL_REPLY_KEY } from "../../../tools/lib/local-reply-key";
import type { AlertPayload } from "../../../functions/mail-to-alert/contract";
import { replyConfig } from "./support";

const fixturePath = (f: string) => path.join(__dirname, "..", "..", "fixtures", "mail", f);
const fixture = (f: string) => fs.readFileSync(fixturePath(f));
const AT = new Date("2026-11-27T15:00:00Z");

describe("mail-to-alert: the reply step after delivery", () => {
  it("a page queues one acknowledgement and the alert carries the thread for the status mails", async () => {
    const r = await dryRun(fixture("13-reply-gmail-quoted.eml"), replyConfig, { timestamp: AT });
    expect(r.outcome).toMatchObject({ action: "page" });
    expect(r.reply).toMatchObject({ messageId: "reply-gmail@acme-shop.example", references: ["plain-1@acme-shop.example"], kind: "acknowledgement", onceKey: expect.stringMatching(/^mail:/), from: "black-friday-2026@oncall.example.com", to: "cto@acme-shop.example", at: AT.toISOString(), thread: { key: `thread:${r.payload!.alert_uid}`, intervalSeconds: 3600 } });
    expect(r.payload!.reply).toEqual({ from: r.reply!.from, to: r.reply!.to, cc: [], language: "en", references: r.reply!.references, reference: r.reply!.reference, sig: expect.stringMatching(/^v1\./) });
    // Signed with the key the run was given (the dry run's local key), over the alert as posted.
    expect(replySignatureValid({ ...r.payload!, reply: r.payload!.reply! }, [LOCAL_REPLY_KEY])).toBe(true);
    expect(r.reply!.reference).toBe(r.payload!.alert_uid.split(":")[1]!.slice(0, 8).toUpperCase());
    expect(r.logs).toContainEqual(expect.objectContaining({ message: "reply queued", replyReason: "REPLY_ACKNOWLEDGE" }));
  });

  it("no reply (and no reply context) for notify, drops, automated mail, or with replies off", async () => {
    for (const [file, reason] of [
      ["33-gray-unverified.eml", "NO_REPLY_NOTIFY"],
      ["26-untrusted-sender.eml", undefined],
      ["21-auto-reply-out-of-office.eml", undefined],
      ["23-bounce-dsn.eml", undefined],
      ["24-mailing-list.eml", undefined],
    ] as const) {
      const r = await dryRun(fixture(file), replyConfig, { timestamp: AT, ...(file.startsWith("33") ? { verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" } } : {}) });
      expect([file, r.reply]).toEqual([file, undefined]);
      expect(r.payload?.reply).toBeUndefined();
      if (reason) expect(r.logs).toContainEqual(expect.objectContaining({ message: "no reply", replyReason: reason }));
    }
    const off = await dryRun(fixture("01-plain-ascii.eml"), { ...replyConfig, replies: undefined }, { timestamp: AT });
    expect(off.reply).toBeUndefined();
    expect(off.logs).toContainEqual(expect.objectContaining({ RepliesNotQueued: 1, Reason: "NO_REPLY_DISABLED" }));
  });

  it("outside the window with the drop policy: the mail is dropped and still gets the closed-line reply", async () => {
    const config = { ...replyConfig, policy: { ...replyConfig.policy, outsideWindow: "drop" as const } };
    const r = await dryRun(fixture("01-plain-ascii.eml"), config, { timestamp: new Date("2026-12-05T12:00:00Z") });
    expect(r.outcome).toMatchObject({ action: "drop", reason: "OUTSIDE_WINDOW_DROPPED" });
    expect(r.reply).toMatchObject({ kind: "outside-window", paged: false });
  });

  it("a reply queue that fails or hangs never fails or delays the page: logged and counted on its own metric", async () => {
    const raw = fixture("01-plain-ascii.eml");
    for (const queue of [{ send: async () => { throw Object.assign(new Error("x"), { name: "AccessDenied" }); } }, { send: () => new Promise<void>(() => undefined) }]) {
      const { event, stored } = sesReceive(raw, { recipients: replyConfig.addresses, timestamp: AT });
      const lines: Record<string, unknown>[] = [];
      let posted = 0;
      const handle = createHandler({
        config: replyConfig,
        integrationUrl: async () => "http://127.0.0.1:9/",
        mailSource: { get: async () => stored },
        poster: { post: async () => { posted++; return { status: 200, retryAfter: null }; } },
        log: jsonLogger("black-friday-2026", (l) => lines.push(JSON.parse(l))),
        replyQueue: queue,
      });
      jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate"] });
      const done = handle(event);
      await jest.advanceTimersByTimeAsync(6000);
      jest.useRealTimers();
      await expect(done).resolves.toMatchObject({ action: "page" });
      expect(posted).toBe(1);
      expect(lines).toContainEqual(expect.objectContaining({ ReplyQueueFailures: 1 }));
      expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", message: "reply could not be queued; the page is not affected" }));
    }
  });
});

describe("mail-to-alert: the signed reply context (status mails believe only what we signed)", () => {
  const KEY = "handler-test-reply-key-0123456789abcdef";
  async function page(replyKey: ((refresh: boolean) => Promise<string>) | undefined, extra: { replyKeyWaitMs?: number; now?: () => number } = {}) {
    const { event, stored } = sesReceive(fixture("01-plain-ascii.eml"), { recipients: replyConfig.addresses, timestamp: AT });
    const lines: Record<string, unknown>[] = [];
    const posted: AlertPayload[] = [];
    const queued: unknown[] = [];
    const handle = createHandler({
      config: replyConfig,
      integrationUrl: async () => "http://127.0.0.1:9/",
      mailSource: { get: async () => stored },
      poster: { post: async (_u, p) => { posted.push(p); return { status: 200, retryAfter: null }; } },
      log: jsonLogger("black-friday-2026", (l) => lines.push(JSON.parse(l))),
      replyQueue: { send: async (r) => void queued.push(r) },
      replyKey,
      ...extra,
    });
    const outcome = await handle(event);
    return { outcome, alert: posted[0]!, lines, queued };
  }

  it("signs reply with the key over the alert as posted: the signature verifies with that key only", async () => {
    const { outcome, alert } = await page(async () => KEY);
    expect(outcome).toMatchObject({ action: "page" });
    expect(alert.reply).toMatchObject({ to: "cto@acme-shop.example", sig: expect.stringMatching(/^v1\.[A-Za-z0-9_-]{43}$/) });
    expect(replySignatureValid({ ...alert, reply: alert.reply! }, [KEY])).toBe(true);
    expect(replySignatureValid({ ...alert, reply: alert.reply! }, ["another-key-of-the-same-length-0123456"])).toBe(false);
    expect(replySignatureValid({ ...alert, subject: `${alert.subject}!`, reply: alert.reply! }, [KEY])).toBe(false);
  });

  it("without a key, or when it cannot be read (error, too short, too slow), the page still goes out without reply: logged and counted", async () => {
    const failures: [string, ((refresh: boolean) => Promise<string>) | undefined, boolean][] = [
      ["no key configured", undefined, false],
      ["SSM refuses", async () => { throw Object.assign(new Error("denied"), { name: "AccessDeniedException" }); }, true],
      ["a key too short to sign with", async () => "short", true],
      ["SSM hangs", () => new Promise<string>(() => undefined), true],
    ];
    for (const [why, key, counted] of failures) {
      const { outcome, alert, lines, queued } = await page(key, { replyKeyWaitMs: 5 });
      expect([why, outcome.action]).toEqual([why, "page"]);
      expect([why, alert.reply]).toEqual([why, undefined]);
      // The acknowledgement itself is still queued: only the status mails of the group are lost.
      expect([why, queued.length]).toEqual([why, 1]);
      expect([why, lines.some((l) => l.ReplyKeyUnavailable === 1)]).toEqual([why, counted]);
      if (counted) expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", message: expect.stringContaining("reply-context key could not be read") }));
      expect(JSON.stringify(lines)).not.toContain("short\"");
    }
  });

  it("a warm function re-reads the key in the background after a page once it is 5 minutes old (a rotation reaches it without a cold start)", async () => {
    const { event, stored } = sesReceive(fixture("01-plain-ascii.eml"), { recipients: replyConfig.addresses, timestamp: AT });
    let t = AT.getTime();
    const reads: boolean[] = [];
    const posted: AlertPayload[] = [];
    const handle = createHandler({
      config: replyConfig,
      integrationUrl: async () => "http://127.0.0.1:9/",
      mailSource: { get: async () => stored },
      poster: { post: async (_u, p) => { posted.push(p); return { status: 200, retryAfter: null }; } },
      log: jsonLogger("black-friday-2026", () => undefined),
      replyQueue: { send: async () => undefined },
      replyKey: async (refresh) => (reads.push(refresh), refresh ? "rotated-reply-key-0123456789abcdefghij" : KEY),
      now: () => t,
    });
    await handle(event);
    t += 4 * 60_000;
    await handle(event);
    expect(reads).toEqual([false, false]);
    t += 60_000;
    await handle(event);
    // Signed with the key it held, then re-read after the page went out.
    expect(reads).toEqual([false, false, false, true]);
    expect(posted.map((p) => replySignatureValid({ ...p, reply: p.reply! }, [KEY]))).toEqual([true, true, true]);
  });
});

describe("npm run preview: the reply", () => {
  async function preview(...argv: string[]) {
    let out = "";
    const code = await runPreview(argv, { out: (s) => (out += s), err: () => undefined, env: {} });
    return { code, out };
  }

  it("--json prints reply {to, cc, subject, headers, text} for a page, null for a drop", async () => {
    const page = JSON.parse((await preview(fixturePath("13-reply-gmail-quoted.eml"), "--json", "--at", AT.toISOString())).out);
    // The example's Acme Shop (customers/acme-shop.yaml) copies its incident desk on replies.
    expect(page.reply).toMatchObject({ to: "cto@acme-shop.example", cc: ["incidents@acme-shop.example"], subject: expect.stringMatching(/^Re: /), headers: { "Auto-Submitted": "auto-replied", "In-Reply-To": "<reply-gmail@acme-shop.example>", References: "<plain-1@acme-shop.example> <reply-gmail@acme-shop.example>" }, text: expect.stringContaining("paged the on-call team at Fri, Nov 27, 10:00 AM EST") });
    expect(JSON.parse((await preview(fixturePath("26-untrusted-sender.eml"), "--json")).out).reply).toBeNull();
  });

  it("the text view shows the reply, or why there is none", async () => {
    expect((await preview(fixturePath("01-plain-ascii.eml"), "--at", AT.toISOString())).out).toContain("reply:    REPLY_ACKNOWLEDGE to cto@acme-shop.example");
    expect((await preview(fixturePath("26-untrusted-sender.eml"))).out).toMatch(/reply: {4}none \(NO_REPLY_DROPPED: /);
  });
});

describe("exactly one acknowledgement per mail across Lambda retries of the same SES event", () => {
  it("the same event handled twice (a retry after the reply was queued) sends one reply; the second is a duplicate", async () => {
    const { createReplySender } = await import("../../../functions/reply-sender/handler");
    const { memoryStore } = await import("../../../functions/reply-sender/send-once");
    const { event, stored } = sesReceive(fixture("01-plain-ascii.eml"), { recipients: replyConfig.addresses, timestamp: AT });
    const mails: Buffer[] = [];
    const results: string[] = [];
    const sender = createReplySender({ fromAddresses: replyConfig.addresses, store: memoryStore(), sender: { send: async (m) => void mails.push(m.raw) }, log: jsonLogger("x", () => undefined), now: () => AT.getTime() });
    const handle = createHandler({
      config: replyConfig,
      integrationUrl: async () => "http://127.0.0.1:9/",
      mailSource: { get: async () => stored },
      poster: { post: async () => ({ status: 200, retryAfter: null }) },
      log: jsonLogger("black-friday-2026", () => undefined),
      replyQueue: { send: async (r) => void results.push(await sender.sendRequest(r)) },
    });
    await handle(event);
    await handle(event);
    expect(results).toEqual(["REPLY_SENT", "NO_REPLY_DUPLICATE"]);
    expect(mails).toHaveLength(1);
  });
});

describe("per-customer language and contacts (for the customer registry, issue 13)", () => {
  it("planReply takes the customer's language and cc over the event's", async () => {
    const { planReply } = await import("../../../functions/mail-to-alert/reply/reply-step");
    const { decide } = await import("../../../functions/mail-to-alert/decide");
    const { decisionInput } = await import("../support/mail");
    const input = decisionInput({}, { config: replyConfig });
    const decision = decide(input);
    const base = { input, decision, facts: input.facts, config: replyConfig, delivered: true, at: AT };
    expect(planReply(base).request).toMatchObject({ language: "en", cc: [] });
    expect(planReply({ ...base, customer: { language: "fr", cc: ["dsi@acme-shop.example"] } }).request).toMatchObject({ language: "fr", cc: ["dsi@acme-shop.example"] });
  });
});
