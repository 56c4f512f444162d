import * as fs from "node:fs";
import * as path from "node:path";
import { DETAILS_HEADING } from "../../functions/mail-to-alert/render";
import { dryRun } from "../../tools/lib/dry-run";
import { expectations } from "../fixtures/mail/expectations";
import { testConfig } from "./support/config";

const dir = path.join(__dirname, "..", "fixtures", "mail");
// The customer's words come first, the header block after the details line.
const bodyOf = (message: string) => message.slice(0, message.lastIndexOf(`\n\n${DETAILS_HEADING}\n`));

describe("fixture corpus", () => {
  it("has at least 30 .eml files, each with an expectation", () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(expectations.map((e) => e.file).sort()).toEqual(files);
  });

  const results = new Map<string, Awaited<ReturnType<typeof dryRun>>>();
  const run = async (file: string, e = expectations.find((x) => x.file === file)!) => {
    if (!results.has(file)) results.set(file, await dryRun(fs.readFileSync(path.join(dir, file)), testConfig, { verdicts: e.verdicts, recipients: e.recipients }));
    return results.get(file)!;
  };

  it.each(expectations.map((e) => [e.file, e] as const))("%s", async (file, e) => {
    const r = await run(file, e);
    expect({ action: r.outcome.action, reason: r.outcome.reason }).toEqual({ action: e.action, reason: e.reason });
    if (e.action === "drop") {
      expect(r.payload).toBeUndefined();
      return;
    }
    const p = r.payload!;
    expect(p.markers).toEqual(e.markers ?? []);
    if (e.title !== undefined) expect(p.title).toBe(e.title);
    const body = bodyOf(p.message);
    for (const s of e.body ?? []) expect(body).toContain(s);
    for (const s of e.notInBody ?? []) expect(body).not.toContain(s);
    expect(p.state).toBe(e.state ?? "alerting");
    if (e.attachments) expect(p.attachments.map((a) => a.filename)).toEqual(e.attachments);
    for (const a of p.attachments) expect(p.message).toContain(a.filename);
    if (e.sameGroupAs) expect(p.alert_uid).toBe((await run(e.sameGroupAs)).payload!.alert_uid);
  });

  it("gives unrelated mails different groups", async () => {
    const uids = new Set<string>();
    for (const f of ["01-plain-ascii.eml", "02-qp-latin1.eml", "07-html-only.eml"]) uids.add((await run(f)).payload!.alert_uid);
    expect(uids.size).toBe(3);
  });

  it("logs every drop with its reason and a metric, never the body", async () => {
    for (const e of expectations.filter((x) => x.action === "drop")) {
      const r = await run(e.file, e);
      const logLine = r.logs.find((l) => l.message === "mail dropped");
      expect(logLine).toMatchObject({ reason: e.reason });
      const metric = r.logs.find((l) => "_aws" in l && "MailsDropped" in l);
      expect(metric).toMatchObject({ Event: testConfig.slug, Reason: e.reason, MailsDropped: 1 });
      const raw = fs.readFileSync(path.join(dir, e.file), "utf8");
      const lastBodyLine = raw.trim().split(/\r?\n/).pop()!;
      if (lastBodyLine.length > 8) expect(JSON.stringify(r.logs)).not.toContain(lastBodyLine);
    }
  });
});
