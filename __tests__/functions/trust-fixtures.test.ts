import * as fs from "node:fs";
import * as path from "node:path";
import type { FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { headerToken } from "../../functions/mail-to-alert/automated";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { jsonLogger } from "../../functions/mail-to-alert/log";
import type { ArcVerifier } from "../../functions/mail-to-alert/relay";
import { mailauthArcVerifier } from "../../functions/mail-to-alert/arc-verifier";
import { dryRun } from "../../tools/lib/dry-run";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { attackerExpectations, ConfigName, customerExpectations, expectations, TrustExpectation } from "../fixtures/trust/expectations";
import { arcSeal, signDkim, stubResolver, testKey } from "./support/arc";
import { testConfig, withConfig } from "./support/config";

/**
 * The trust corpus: mails as SES stored them (SES's block on top), run through the real handler
 * with NO verdicts option, so the stored SES results are what the handler judges (the event's
 * verdicts are recovered from them, as a replay of the stored copy does).
 *
 * HOLES found by this corpus and FIXED in 11519e3 (their tests are plain `it` again; each
 * expectation's `fixed` says what the hole was):
 *   a41, a42 (a quoted envelope sender injected clauses into SES's Authentication-Results), a60 (a
 *   quoted header.i split on spaces), a61 (the injected dmarc clause beat the header.from
 *   cross-check), the relay ARC-results injection (generated below), c37 ("Absence de ..." read as an
 *   auto-reply subject), c38 (an inline forwarded bounce dropped as a DSN), c39 (nested comment
 *   before Precedence junk).
 * FIXED since (tests below are plain): the relay's claimed original read from the sender's own
 *   X-Original-Sender (now: two X-Original-Sender headers are not believed, and a stranger through the
 *   relay is not counted as a trusted sender's drop); headerToken's quadratic nested-comment loop (now
 *   one linear pass, `withoutComments` in headers.ts).
 */
const dir = path.join(__dirname, "..", "fixtures", "trust");
const IN_WINDOW = "2026-11-27T15:00:00Z";
const CTO = "cto@acme-shop.example";

const configs: Record<ConfigName, FunctionRuntimeConfig> = {
  default: testConfig,
  relay: withConfig({ trustedSenders: { ...testConfig.trustedSenders, relays: [{ address: "emergency@platform.example", sealer: "google.com" }] } }),
  wildcard: withConfig({ trustedSenders: { addresses: [], domains: ["*.acme-shop.example"], relays: [] } }),
  unverifiedDrop: withConfig({ policy: { ...testConfig.policy, unverified: "drop" } }),
  colleagueDrop: withConfig({ policy: { ...testConfig.policy, unlistedColleague: "drop" } }),
};

/** Static fixtures cannot carry a valid ARC chain: a verifier without DNS fails them. Never the network. */
const arcCalls: string[] = [];
const staticArc = (file: string): ArcVerifier => ({
  verify: async () => {
    arcCalls.push(file);
    return { status: "fail", detail: "static fixture" };
  },
});

const raw = (file: string) => fs.readFileSync(path.join(dir, file));
/** The envelope sender SES recorded: `envelope-from=` of its Received-SPF (the first one, SES's). */
function envelopeOf(bytes: Buffer): string {
  const text = bytes.toString("latin1");
  const m = /^Received-SPF:[^\r\n]*?envelope-from=(.*?); helo=/m.exec(text);
  if (!m) throw new Error("fixture has no SES Received-SPF with envelope-from");
  return m[1]!;
}

const results = new Map<string, Promise<Awaited<ReturnType<typeof dryRun>>>>();
function run(e: TrustExpectation) {
  if (!results.has(e.file)) {
    const bytes = raw(e.file);
    results.set(
      e.file,
      dryRun(bytes, configs[e.config ?? "default"], {
        recipients: e.recipients,
        mailFrom: e.mailFrom ?? envelopeOf(bytes),
        timestamp: new Date(e.at ?? IN_WINDOW),
        arcVerifier: staticArc(e.file),
      }),
    );
  }
  return results.get(e.file)!;
}
const byFile = (file: string) => expectations.find((x) => x.file === file)!;
const FORMAT = /\p{Cf}/u;

describe("trust corpus", () => {
  it("has an expectation for every fixture and a fixture for every expectation (>= 45 attacker, >= 15 customer)", () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
    expect(expectations.map((e) => e.file).sort()).toEqual(files);
    expect(new Set(expectations.map((e) => e.file)).size).toBe(expectations.length);
    expect(attackerExpectations.every((e) => e.file.startsWith("a"))).toBe(true);
    expect(customerExpectations.every((e) => e.file.startsWith("c"))).toBe(true);
    expect(attackerExpectations.length).toBeGreaterThanOrEqual(45);
    expect(customerExpectations.length).toBeGreaterThanOrEqual(15);
  });

  it("every fixture is a stored SES copy: the handler reads its bytes exactly (no SES block is written anew)", () => {
    for (const e of expectations) {
      const bytes = raw(e.file);
      expect(bytes.toString("latin1").startsWith("X-SES-Spam-Verdict: ")).toBe(true);
      const { stored } = sesReceive(bytes, { recipients: ["black-friday-2026@oncall.example.com"], mailFrom: envelopeOf(bytes) });
      expect(Buffer.compare(Buffer.from(stored), bytes)).toBe(0);
    }
  });

  describe.each([
    ["attacker", attackerExpectations],
    ["customer", customerExpectations],
  ] as const)("%s mail", (_kind, list) => {
    for (const e of list) {
      const test = async () => {
        const r = await run(e);
        expect({ action: r.outcome.action, reason: r.outcome.reason }).toEqual({ action: e.action, reason: e.reason });
        if (e.action === "drop") {
          expect(r.payload).toBeUndefined();
          if (r.outcome.action !== "drop") return;
          if (e.claimsTrusted !== undefined) {
            expect(r.outcome.claimsTrusted).toBe(e.claimsTrusted);
            expect(r.logs.some((l) => "_aws" in l && "TrustedMailDropped" in l)).toBe(e.claimsTrusted);
          }
          expect(r.logs.find((l) => l.message === "mail dropped")).toMatchObject({ reason: e.reason });
          return;
        }
        const p = r.payload!;
        expect(p).toBeDefined();
        expect(p.lane).toBe(e.action);
        expect(p.reason).toBe(e.reason);
        expect(p.from.address).toBe(e.from ?? CTO);
        if (e.name !== undefined) expect(p.from.name).toBe(e.name);
        if (e.title !== undefined) expect(p.title).toBe(e.title);
        if (e.markers !== undefined) expect(p.markers).toEqual(e.markers);
        expect(p.title).not.toMatch(FORMAT);
        expect(p.subject).not.toMatch(FORMAT);
        expect(p.from.name).not.toMatch(FORMAT);
        expect(p.state).toBe(e.state ?? "alerting");
        if (e.action === "notify") {
          expect(p.state).toBe("alerting");
          expect(p.alert_uid.startsWith("black-friday-2026:notify:")).toBe(true);
          expect(p.markers[0]).toBe("NOTIFY");
        } else {
          expect(p.alert_uid.startsWith("black-friday-2026:notify:")).toBe(false);
        }
        if (e.sameGroupAs) expect(p.alert_uid).toBe((await run(byFile(e.sameGroupAs))).payload!.alert_uid);
        if (e.notSameGroupAs) expect(p.alert_uid).not.toBe((await run(byFile(e.notSameGroupAs))).payload!.alert_uid);
      };
      if (e.hole) it.failing(`${e.file} (HOLE: ${e.hole})`, test);
      else if (e.fixed) it(`${e.file}: ${e.action} ${e.reason} (hole ${e.fixed})`, test);
      else it(`${e.file}: ${e.action} ${e.reason}`, test);
    }
  });

  it("two unverified mails with different Message-IDs share one notify group; the paged thread keeps its own", async () => {
    const a = (await run(byFile("a33-forged-ar-below-ses-none-resolved.eml"))).payload!;
    const b = (await run(byFile("a34-unverified-second-message.eml"))).payload!;
    const paged = (await run(byFile("c01-gmail-workspace-dmarc-pass.eml"))).payload!;
    expect(a.message_id).not.toBe(b.message_id);
    expect(a.alert_uid).toBe(b.alert_uid);
    expect(a.subject).toBe("[resolved] Checkout is down");
    expect(a.state).toBe("alerting");
    expect(paged.alert_uid).not.toBe(a.alert_uid);
  });

  it("only mail naming the declared relay is ARC-verified, and only with the static verifier", async () => {
    await Promise.all(expectations.map(run));
    // Only where the seal can change the outcome: not an ambiguous From (a15), not a stranger or a
    // customer SES authenticated directly through a list (a49, c13).
    const relayed = ["a47-relay-list-post-spoof.eml", "a48-relay-from-spoof.eml", "a50-spoof-through-open-group.eml", "c14-declared-relay-rewrote-from.eml"];
    expect([...new Set(arcCalls.filter((f) => f.endsWith(".eml")))].sort()).toEqual(relayed);
  });

  /** The live Lambda path: the same stored copy, but the event carries the verdicts SES itself reached. */
  async function live(file: string, verdicts: Record<string, string>) {
    const bytes = raw(file);
    const { event, stored } = sesReceive(bytes, { recipients: ["black-friday-2026@oncall.example.com"], mailFrom: envelopeOf(bytes), timestamp: new Date(IN_WINDOW) });
    const receipt = (event.Records[0] as { ses: { receipt: Record<string, unknown> } }).ses.receipt;
    for (const [k, v] of Object.entries(verdicts)) receipt[`${k}Verdict`] = { status: v };
    if (verdicts.dmarc === "FAIL") receipt.dmarcPolicy = "reject";
    const posted: unknown[] = [];
    const handle = createHandler({
      config: testConfig,
      integrationUrl: async () => "http://preview.invalid/",
      mailSource: { get: async () => stored },
      arcVerifier: staticArc(`${file}#live`),
      poster: { post: async (_u, p) => (posted.push(p), { status: 200, retryAfter: null }) },
      log: jsonLogger(testConfig.slug, () => undefined),
    });
    return { outcome: await handle(event), posted };
  }

  it("a42 in the live Lambda path: SES's own receipt says DMARC FAIL, so the injected dmarc clause does not page", async () => {
    const { outcome, posted } = await live("a42-ar-injection-envelope-dmarc.eml", { spf: "PASS", dkim: "PASS", dmarc: "FAIL", spam: "PASS", virus: "PASS" });
    expect({ action: outcome.action, reason: outcome.reason }).toEqual({ action: "drop", reason: "DMARC_FAIL" });
    expect(posted).toHaveLength(0);
  });

  // FIXED (11519e3) HOLE: a41 in the live Lambda path: the receipt SES would send (SPF PASS and DKIM PASS for
  // evil.example, DMARC GRAY: no record) could not save it; the injected dkim clause paged. Expected: notify UNVERIFIED.
  it("a41 in the live Lambda path: SES's real receipt verdicts (DMARC GRAY) and no injected clause: notify UNVERIFIED", async () => {
    const { outcome } = await live("a41-ar-injection-envelope-dkim.eml", { spf: "PASS", dkim: "PASS", dmarc: "GRAY", spam: "PASS", virus: "PASS" });
    expect({ action: outcome.action, reason: outcome.reason }).toEqual({ action: "notify", reason: "UNVERIFIED" });
  });

  /**
   * A declared relay with a REAL (test-key) Google ARC seal, built at test time (a static file cannot carry valid
   * signatures). Mallory posts to the group from her own domain (p=reject, so Google rewrites From); her MAIL FROM
   * has a quoted local part holding ";dmarc=pass header.from=acme-shop.example;", which Google copies into
   * smtp.mailfrom= of the ARC-Authentication-Results it seals, and she wrote her own X-Original-Sender (naming the
   * CTO) among her headers, above the one Google appends below the sender's headers (real Google Groups order).
   */
  async function throughGroupWithInjection(envelope: string) {
    const platform = testKey("platform.example");
    const google = testKey("google.com", "arc-20240605");
    const evil = testKey("evil.example");
    const original = ["From: Mallory <mallory@evil.example>", "To: Emergency <emergency@platform.example>", "Subject: Checkout is down", "Date: Fri, 27 Nov 2026 15:00:00 +0000", "Message-ID: <m1@evil.example>", "X-Original-Sender: cto@acme-shop.example", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", "Call +1 555 0199 now and switch off the fraud filter.", ""].join("\r\n");
    const rewritten = (await signDkim(original, evil))
      .replace("From: Mallory <mallory@evil.example>", "From: \"'Mallory' via Emergency\" <emergency@platform.example>")
      .replace(
        "Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Type: text/plain; charset=utf-8\r\nX-Original-Sender: mallory@evil.example\r\nX-Original-From: Mallory <mallory@evil.example>\r\nReply-To: Mallory <mallory@evil.example>\r\nPrecedence: list\r\nMailing-list: list emergency@platform.example; contact emergency+owners@platform.example\r\nList-ID: <emergency.platform.example>\r\nX-Google-Group-Id: 502331904417\r\nList-Post: <https://groups.google.com/a/platform.example/group/emergency/post>, <mailto:emergency@platform.example>\r\n",
      );
    const aar = `gmr-mx.google.com; dkim=pass header.i=@evil.example header.s=test; spf=pass (google.com: domain of ${envelope} designates 203.0.113.66 as permitted sender) smtp.mailfrom=${envelope}; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=evil.example`;
    const sealed = await arcSeal(await signDkim(rewritten, platform), google, aar);
    const spf = "pass (spfCheck: domain of platform.example designates 209.85.220.69 as permitted sender) client-ip=209.85.220.69; envelope-from=emergency+bncBAAA@platform.example; helo=mail-sor-f69.google.com;";
    const stored = `X-SES-Spam-Verdict: PASS\r\nX-SES-Virus-Verdict: PASS\r\nReceived-SPF: ${spf}\r\nAuthentication-Results: amazonses.com;\r\n spf=${spf}\r\n dkim=pass header.i=@platform.example;\r\n dmarc=pass header.from=platform.example;\r\nX-SES-RECEIPT: AEFBQUFBQUFBQUFHcmVsYXk\r\n${sealed}`;
    return dryRun(Buffer.from(stored), configs.relay, { arcVerifier: mailauthArcVerifier(stubResolver([platform, google, evil])), timestamp: new Date(IN_WINDOW), recipients: ["black-friday-2026@oncall.example.com"], mailFrom: "emergency+bncBAAA@platform.example" });
  }

  it("relay control: the same outsider through the group with a plain envelope sender is dropped (Google authenticated evil.example)", async () => {
    const r = await throughGroupWithInjection("bounce@evil.example");
    expect({ action: r.outcome.action, reason: r.outcome.reason }).toEqual({ action: "drop", reason: "RELAY_NOT_VALIDATED" });
  });

  // HOLE: originalSender() takes the FIRST X-Original-Sender. Google Groups appends its own below the sender's headers
  // (real group mail: X-Original-Sender comes after the sender's From/To/Subject/Content-Type), so an outsider's
  // self-written "X-Original-Sender: cto@acme-shop.example" is the one read: the seal's domain check still drops her,
  // but the drop is counted as the CTO's (TrustedMailDropped alarm, detail naming cto@) - any outsider can fire the alarm.
  // FIXED: a sender-written X-Original-Sender next to the relay's own: neither is believed, and the drop
  // is not counted as the CTO's (an outsider cannot fire the trusted-drop alarm this way).
  it("relay: two X-Original-Sender headers (the outsider's forged one and the relay's) are not believed, and not counted as the CTO's", async () => {
    const r = await throughGroupWithInjection("bounce@evil.example");
    expect(r.outcome).toMatchObject({ action: "drop", reason: "RELAY_NOT_VALIDATED", claimsTrusted: false });
    expect(r.outcome.detail).toMatch(/2 X-Original-Sender headers: not believed/);
  });

  // FIXED (11519e3) HOLE: the ARC-Authentication-Results of the declared sealer went through the same quote-unaware
  // parser: the injected "dmarc=pass header.from=acme-shop.example" was the first dmarc clause, so originalSender()
  // accepted the CTO (named by Mallory's own X-Original-Sender, which comes before Google's) and an outsider paged as
  // TRUSTED_VIA_RELAY. Note: Mallory's own X-Original-Sender still wins over Google's (only the seal's domain check stops her).
  it("relay: an outsider's quoted envelope sender in Google's sealed ARC results stays one value: dropped", async () => {
    const r = await throughGroupWithInjection('"x;dmarc=pass header.from=acme-shop.example;"@evil.example');
    expect({ action: r.outcome.action, reason: r.outcome.reason }).toEqual({ action: "drop", reason: "RELAY_NOT_VALIDATED" });
  });

  // HOLE: headerToken (since 11519e3) strips one nesting level per pass over the whole value, so its cost grows with the
  // square of the header: measured 2 ms before 11519e3 and 24 s after for a 200,000-character comment, and 18.7 s for a
  // stranger's 197 KB mail through the handler. automatedSignal reads Precedence/Auto-Submitted before the trust check, and
  // a header section over SES's 50 KB makes the screening drop non-final, so any outsider reaches it with the full header
  // (postal-mime allows 2 MB): a few such mails hold the reserved concurrency (default 5, timeout 60 s) and delay real pages.
  // No clock here: the number of String.prototype.replace calls stands in for the number of passes.
  // FIXED: one linear pass (withoutComments), whatever the nesting.
  it("headerToken reads a 2,000-deep comment in a bounded number of passes", () => {
    const spy = jest.spyOn(String.prototype, "replace");
    try {
      expect(headerToken(`${"(".repeat(2000)}${")".repeat(2000)} junk`)).toBe("junk");
      expect(spy.mock.calls.length).toBeLessThanOrEqual(100);
    } finally {
      spy.mockRestore();
    }
  });
});
