import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import type { AlertPayload, AuthStatus } from "../../functions/mail-to-alert/contract";
import { createHandler } from "../../functions/mail-to-alert/handler";
import { sesReceive } from "../../tools/lib/ses-stand-in";
import { testConfig } from "./support/config";

// A fixed seed: the same cases on every run (a failure is reproducible, the suite deterministic).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261201) }); // FC_SEED explores other cases by hand

const dir = path.join(__dirname, "..", "fixtures", "mail");
const corpus = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".eml"))
  .sort()
  .map((f) => fs.readFileSync(path.join(dir, f)));

const status = fc.constantFrom<AuthStatus>("PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED");
const verdicts = fc.record({ spf: status, dkim: status, dmarc: status, spam: status, virus: status });

/** Mutations a mail meets in the wild: cut short, bytes flipped, junk inserted, lines duplicated. */
const mutated = fc
  .tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 0, maxLength: 40 })), { maxLength: 6 }))
  .map(([base, edits]) => {
    let buf = Buffer.from(base);
    for (const [pos, kind, junk] of edits) {
      const at = buf.length ? pos % buf.length : 0;
      if (kind === 0) buf = buf.subarray(0, at);
      else if (kind === 1) buf = Buffer.concat([buf.subarray(0, at), Buffer.from(junk), buf.subarray(at)]);
      else if (kind === 2 && buf.length) buf[at] = junk[0] ?? 0;
      else buf = Buffer.concat([buf.subarray(0, at), buf.subarray(Math.max(0, at - 30), at), buf.subarray(at)]);
    }
    return new Uint8Array(buf);
  });

const headerName = fc.constantFrom("From", "To", "Cc", "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted", "Precedence", "Return-Path", "X-Junk");
const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom("cto@acme-shop.example", '"x" <cto@acme-shop.example>', "=?utf-8?B?w7w=?=", "=?bogus?Q?=FF?=", "multipart/mixed; boundary=b", "base64", "quoted-printable", "<>", "no"),
);
const bodyText = fc.oneof(fc.string({ maxLength: 400 }), fc.constantFrom("--b\r\nContent-Type: text/html\r\n\r\n<p>x", "=E2=80=\r\n=", "////", "--b--"));
/** Mails built from plausible and implausible headers and bodies, from a trusted sender half the time. */
const generated = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(headerName, headerValue), { maxLength: 12 }), bodyText)
  .map(([trusted, headers, body]) => {
    const lines = [...(trusted ? ["From: cto@acme-shop.example"] : []), ...headers.map(([n, v]) => `${n}: ${v}`)];
    return new Uint8Array(Buffer.from(`${lines.join("\r\n")}\r\n\r\n${body}`));
  });

async function run(raw: Uint8Array, v: Record<"spf" | "dkim" | "dmarc" | "spam" | "virus", AuthStatus>) {
  const posted: AlertPayload[] = [];
  const arrival = sesReceive(raw, { recipients: testConfig.addresses, verdicts: v, timestamp: new Date("2026-11-27T12:00:00Z") });
  const handle = createHandler({
    config: testConfig,
    integrationUrl: async () => "http://127.0.0.1:9/unused",
    mailSource: { get: async () => arrival.stored },
    poster: { post: async (_u, p) => (posted.push(p), { status: 200, retryAfter: null }) },
    log: { info() {}, warn() {}, error() {}, count() {} },
  });
  const out = await handle(arrival.event);
  return { out, posted };
}

function assertWellFormed(out: Awaited<ReturnType<typeof run>>["out"], posted: AlertPayload[], v: Record<string, AuthStatus>) {
  expect(["page", "notify", "drop"]).toContain(out.action);
  expect(typeof out.reason).toBe("string");
  if (out.action === "drop") {
    expect(posted).toHaveLength(0);
    return;
  }
  // Fail closed: nothing that failed authentication or scanning ever pages.
  expect(v.virus).not.toBe("FAIL");
  expect(v.spam).not.toBe("FAIL");
  expect(v.dmarc).not.toBe("FAIL");
  expect(v.spf === "FAIL" && v.dkim === "FAIL").toBe(false);
  expect(posted).toHaveLength(1);
  const p = posted[0]!;
  expect(p.title.length).toBeGreaterThan(0);
  // The page lane groups by thread; the notify lane in a namespace of its own, and never resolves.
  if (out.action === "page") expect(p.alert_uid).toMatch(/^black-friday-2026:[0-9a-f]{32}$/);
  else expect(p).toMatchObject({ alert_uid: expect.stringMatching(/^black-friday-2026:notify:[0-9a-f]{32}$/), state: "alerting", lane: "notify" });
  if (out.action === "page") expect(v.dmarc === "PASS" || v.dkim === "PASS" || v.spf === "PASS").toBe(true);
  expect(p.message.length).toBeLessThan(testConfig.bodyMaxChars + 4000);
  // Pages only for a listed sender; notify may also be an authenticated colleague of the same organisation.
  const listed = p.from.address === "cto@acme-shop.example" || p.from.address.endsWith("@ops.acme-shop.example");
  if (out.action === "page") expect(listed).toBe(true);
  else expect(listed || p.from.address.endsWith("@acme-shop.example") || p.from.address.endsWith(".acme-shop.example")).toBe(true);
  expect(() => JSON.stringify(p)).not.toThrow();
}

describe("handler properties", () => {
  it("never crashes on mutated corpus mails and always decides", async () => {
    await fc.assert(
      fc.asyncProperty(mutated, verdicts, async (raw, v) => {
        const { out, posted } = await run(raw, v);
        assertWellFormed(out, posted, v);
      }),
      { numRuns: 250 },
    );
  });

  it("never crashes on generated mails and never pages an untrusted From", async () => {
    await fc.assert(
      fc.asyncProperty(generated, verdicts, async (raw, v) => {
        const { out, posted } = await run(raw, v);
        assertWellFormed(out, posted, v);
      }),
      { numRuns: 250 },
    );
  });

  it("never crashes on arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), verdicts, async (raw, v) => {
        const { out, posted } = await run(raw, v);
        assertWellFormed(out, posted, v);
      }),
      { numRuns: 200 },
    );
  });

  it("decides the same way twice on the same event (retries are idempotent)", async () => {
    await fc.assert(
      fc.asyncProperty(mutated, verdicts, async (raw, v) => {
        const a = await run(raw, v);
        const b = await run(raw, v);
        expect(b.out).toEqual(a.out);
        expect(b.posted).toEqual(a.posted);
      }),
      { numRuns: 100 },
    );
  });
});

// Mails a trusted sender can really send (SES verdicts all PASS) with huge lists, deep or unclosed
// HTML and long headers: the handler must post one alert that fits OnCall's 256 KB and never throw.
const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(", ");
const hugeMail = fc
  .record({
    to: fc.integer({ min: 0, max: 4000 }),
    cc: fc.integer({ min: 0, max: 4000 }),
    depth: fc.integer({ min: 0, max: 6000 }),
    unclosed: fc.boolean(),
    subjectKb: fc.integer({ min: 0, max: 300 }),
    // Display names up to the From cap (16 KB, sender-identity.ts); a longer From is refused and
    // counted as a trusted sender's drop (it alarms): tested in __tests__/review/regex-cpu.test.ts.
    nameKb: fc.integer({ min: 0, max: 12 }),
    attachments: fc.integer({ min: 0, max: 300 }),
    emoji: fc.constantFrom("🔥", "障", "ü", "x"),
  })
  .map(({ to, cc, depth, unclosed, subjectKb, nameKb, attachments, emoji }) => {
    const html = unclosed ? `${"<div>x".repeat(depth)}Checkout ${emoji} down` : `${"<div>".repeat(depth)}Checkout ${emoji} down${"</div>".repeat(depth)}`;
    const parts = [
      `--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`,
      ...Array.from({ length: attachments }, (_, i) => `--b\r\nContent-Type: application/pdf; name="${i}-${emoji.repeat(100)}.pdf"\r\nContent-Disposition: attachment; filename="${i}-${emoji.repeat(100)}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n`),
    ];
    const headers = [
      `From: "${emoji.repeat(nameKb * 256)}" <cto@acme-shop.example>`,
      `To: black-friday-2026@oncall.example.com${to ? `, ${many(to, (i) => `to${i}-${"ü".repeat(20)}@example.com`)}` : ""}`,
      ...(cc ? [`Cc: ${many(cc, (i) => `cc${i}@example.com`)}`] : []),
      `Subject: Help ${emoji.repeat(subjectKb * 256)}`,
      "Date: Fri, 27 Nov 2026 14:05:00 +0000",
      "Message-ID: <huge@acme-shop.example>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
    ];
    return new Uint8Array(Buffer.from(`${headers.join("\r\n")}\r\n\r\n${parts.join("")}--b--\r\n`));
  });

describe("handler properties: every trusted mail becomes an alert that fits", () => {
  const PASSED = { spf: "PASS", dkim: "PASS", dmarc: "PASS", spam: "PASS", virus: "PASS" } as const;
  it("posts one payload of at most 256 KB for huge lists, deep HTML and long headers, and never throws", async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(hugeMail, async (raw) => {
        const { out, posted } = await run(raw, PASSED);
        expect(out.action).toBe("page");
        expect(posted).toHaveLength(1);
        expect(Buffer.byteLength(JSON.stringify(posted[0]))).toBeLessThanOrEqual(256 * 1024);
        for (const m of posted[0]!.markers) seen.add(m);
      }),
      { numRuns: 12 },
    );
    // The seeded cases reach HTML that html-to-text cannot convert (a bounded run must still test it).
    expect([...seen].sort()).toEqual(expect.arrayContaining(["RENDER_FALLBACK"]));
  }, 120_000);
});
