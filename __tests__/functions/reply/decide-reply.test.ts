import { AlertDecision, decide, Decision, DROP_REASONS, NOTIFY_REASONS } from "../../../functions/mail-to-alert/decide";
import { decideReply, NO_REPLY_REASONS, REPLY_REASONS } from "../../../functions/mail-to-alert/reply/decide-reply";
import { decisionInput, InputOptions } from "../support/mail";
import { replyConfig, SETTINGS } from "./support";

const LATE = new Date("2026-12-05T12:00:00Z");
const withPolicy = (outsideWindow: "page" | "notify" | "drop") => ({ ...replyConfig, policy: { ...replyConfig.policy, outsideWindow } });

/** decide, then decideReply, on one mail: what the handler does. */
function run(headers: Record<string, string>, o: InputOptions = {}, extra: { delivered?: boolean; settings?: typeof SETTINGS | null } = {}) {
  const input = decisionInput(headers, { config: replyConfig, ...o });
  const decision = decide(input);
  return { decision, reply: decideReply({ input, decision, delivered: extra.delivered ?? true, settings: extra.settings === null ? undefined : (extra.settings ?? input.config.replies) }) };
}

/** decideReply on the given decision for a plain trusted mail with these headers (forces a lane). */
function forced(decision: Decision, headers: Record<string, string> = {}, o: InputOptions = {}) {
  const input = decisionInput(headers, { config: replyConfig, ...o });
  return decideReply({ input, decision, delivered: true, settings: SETTINGS });
}

const PAGE = decide(decisionInput({}, { config: replyConfig }));

describe("decideReply: the page lane", () => {
  it("acknowledges a delivered page, from the event address the mail was sent to, to the authenticated sender", () => {
    const { decision, reply } = run({ "Reply-To": "attacker@evil.example" });
    expect(decision.action).toBe("page");
    expect(reply).toEqual({ reply: true, reason: "REPLY_ACKNOWLEDGE", kind: "acknowledgement", paged: true, from: "black-friday-2026@oncall.example.com", to: "cto@acme-shop.example", detail: expect.any(String) });
  });

  it("answers the sender a relay vouched for, never Reply-To", () => {
    expect(run({ From: "Sre <SRE@ops.acme-shop.example>" }, { mailFrom: "sre@ops.acme-shop.example" }).reply).toMatchObject({ reply: true, to: "sre@ops.acme-shop.example" });
  });

  it("says nothing while replies are off, and nothing for a page that did not reach OnCall", () => {
    expect(run({}, {}, { settings: null }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_DISABLED" });
    expect(run({}, {}, { delivered: false }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_NOT_DELIVERED" });
  });

  it("picks the event address among the envelope recipients (a second event address, an outside cc)", () => {
    const config = { ...replyConfig, addresses: ["black-friday-2026@oncall.example.com", "acme@oncall.example.com"] };
    const r = run({}, { config, envelope: { recipients: ["other@elsewhere.example", "ACME@oncall.example.com"], mailFrom: "cto@acme-shop.example", messageId: "x" } });
    expect(r.reply).toMatchObject({ reply: true, from: "acme@oncall.example.com" });
  });
});

describe("decideReply: never for drop or notify (no backscatter)", () => {
  const drops = DROP_REASONS.filter((r) => r !== "OUTSIDE_WINDOW_DROPPED");
  it.each(drops)("drop %s: NO_REPLY_DROPPED", (reason) => {
    expect(forced({ action: "drop", reason, detail: "x", claimsTrusted: true })).toMatchObject({ reply: false, reason: "NO_REPLY_DROPPED" });
  });

  it.each(NOTIFY_REASONS.filter((r) => r !== "OUTSIDE_WINDOW"))("notify %s: NO_REPLY_NOTIFY", (reason) => {
    const notify: Decision = { ...(PAGE as AlertDecision), action: "notify", reason, markers: ["NOTIFY"] };
    expect(forced(notify)).toMatchObject({ reply: false, reason: "NO_REPLY_NOTIFY" });
  });

  it("real mails: a stranger, a spoof, an unverified trusted sender, an unlisted colleague, an out-of-office", () => {
    expect(run({ From: "someone@stranger.example" }, { mailFrom: "someone@stranger.example" }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_DROPPED" });
    expect(run({}, { verdicts: { dmarc: "FAIL" } }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_DROPPED" });
    expect(run({}, { verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" } }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_NOTIFY" });
    expect(run({ From: "intern@acme-shop.example" }, { mailFrom: "intern@acme-shop.example" }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_NOTIFY" });
    expect(run({ "Auto-Submitted": "auto-replied", Subject: "Automatic reply: help" }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_DROPPED" });
  });
});

describe("decideReply: loop headers, lists, bounces and no-reply senders (RFC 3834), even on the page lane", () => {
  it.each([
    [{ "Auto-Submitted": "auto-generated" }, "NO_REPLY_AUTOMATED"],
    [{ "Auto-Submitted": "no", "X-Autoreply": "yes" }, "NO_REPLY_AUTOMATED"],
    [{ Precedence: "bulk" }, "NO_REPLY_AUTOMATED"],
    [{ Precedence: "junk" }, "NO_REPLY_AUTOMATED"],
    [{ Precedence: "list" }, "NO_REPLY_LIST"],
    [{ "List-Id": "<ops.acme-shop.example>" }, "NO_REPLY_LIST"],
    [{ "List-Post": "<mailto:ops@acme-shop.example>" }, "NO_REPLY_LIST"],
    [{ "List-Help": "<mailto:help@acme-shop.example>" }, "NO_REPLY_LIST"],
    [{ "List-Unsubscribe": "<mailto:u@acme-shop.example>" }, "NO_REPLY_AUTOMATED"],
  ] as const)("%j: %s", (headers, reason) => {
    expect(forced(PAGE, headers)).toMatchObject({ reply: false, reason });
  });

  it("a null envelope sender is a bounce", () => {
    expect(forced(PAGE, {}, { mailFrom: "" })).toMatchObject({ reply: false, reason: "NO_REPLY_BOUNCE" });
    expect(forced(PAGE, {}, { mailFrom: "<>" })).toMatchObject({ reply: false, reason: "NO_REPLY_BOUNCE" });
  });

  it.each(["noreply@acme-shop.example", "no-reply@acme-shop.example", "do-not-reply@acme-shop.example", "bounces+123@acme-shop.example", "mailer-daemon@acme-shop.example", "postmaster@acme-shop.example"])("the sender %s takes no replies", (address) => {
    const page = { ...(PAGE as AlertDecision), sender: { address, name: "" } };
    expect(forced(page, { From: address }, { mailFrom: "ok@acme-shop.example" })).toMatchObject({ reply: false, reason: expect.stringMatching(/NO_REPLY_(NOREPLY_SENDER|AUTOMATED)/) });
    expect(forced(PAGE, {}, { mailFrom: address })).toMatchObject({ reply: false, reason: expect.stringMatching(/NO_REPLY_(NOREPLY_SENDER|AUTOMATED)/) });
  });

  it("never answers the event's own mail domain (a reply looping back)", () => {
    const page = { ...(PAGE as AlertDecision), sender: { address: "x@oncall.example.com", name: "" } };
    expect(forced(page)).toMatchObject({ reply: false, reason: "NO_REPLY_LOOP" });
  });

  it("never answers an unverified sender, whatever the lane says", () => {
    const page = { ...(PAGE as AlertDecision), verified: false };
    expect(forced(page)).toMatchObject({ reply: false, reason: "NO_REPLY_UNVERIFIED" });
  });
});

describe("decideReply: outside the window, the honest reply whatever the page policy", () => {
  it("page policy: tells the line is closed and that on-call was paged all the same", () => {
    const r = run({}, { receivedAt: LATE, config: withPolicy("page") });
    expect(r.decision.action).toBe("page");
    expect(r.reply).toMatchObject({ reply: true, reason: "REPLY_OUTSIDE_WINDOW", kind: "outside-window", paged: true });
  });

  it("notify and drop policies: the same reply, saying nobody was paged", () => {
    expect(run({}, { receivedAt: LATE, config: withPolicy("notify") }).reply).toMatchObject({ reply: true, reason: "REPLY_OUTSIDE_WINDOW", paged: false });
    const dropped = run({}, { receivedAt: LATE, config: withPolicy("drop") });
    expect(dropped.decision).toMatchObject({ action: "drop", reason: "OUTSIDE_WINDOW_DROPPED" });
    expect(dropped.reply).toMatchObject({ reply: true, reason: "REPLY_OUTSIDE_WINDOW", paged: false, to: "cto@acme-shop.example" });
  });

  it("only for a trusted, authenticated human: an unverified or unlisted sender's late mail gets nothing", () => {
    const unverified = run({}, { receivedAt: LATE, config: withPolicy("drop"), verdicts: { dmarc: "GRAY", spf: "GRAY", dkim: "GRAY" } });
    expect(unverified.decision).toMatchObject({ action: "drop", reason: "OUTSIDE_WINDOW_DROPPED" });
    expect(unverified.reply).toMatchObject({ reply: false, reason: "NO_REPLY_DROPPED" });
    expect(run({ From: "intern@acme-shop.example" }, { mailFrom: "intern@acme-shop.example", receivedAt: LATE, config: withPolicy("notify") }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_NOTIFY" });
    expect(run({ Precedence: "list", "List-Id": "<x.acme-shop.example>" }, { receivedAt: LATE, config: withPolicy("drop") }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_LIST" });
  });

  it("with outsideWindow replies off: a late page is acknowledged like any page, a late drop gets nothing", () => {
    const off = { ...SETTINGS, outsideWindow: false };
    expect(run({}, { receivedAt: LATE, config: withPolicy("page") }, { settings: off }).reply).toMatchObject({ reply: true, reason: "REPLY_ACKNOWLEDGE" });
    expect(run({}, { receivedAt: LATE, config: withPolicy("drop") }, { settings: off }).reply).toMatchObject({ reply: false, reason: "NO_REPLY_DROPPED" });
  });
});

test("reason codes are unique and follow the REPLY_ / NO_REPLY_ pattern", () => {
  const all = [...REPLY_REASONS, ...NO_REPLY_REASONS];
  expect(new Set(all).size).toBe(all.length);
  for (const r of REPLY_REASONS) expect(r).toMatch(/^REPLY_[A-Z_]+$/);
  for (const r of NO_REPLY_REASONS) expect(r).toMatch(/^NO_REPLY_[A-Z_]+$/);
});
