import { loadSettings, parseRuntimeConfig } from "../../functions/mail-to-alert/config";
import { emfDocument } from "../../functions/mail-to-alert/log";
import { testConfig } from "./support/config";
import { loadStatusSettings } from "../../functions/oncall-status/settings";
import { STATUS_CONFIG } from "./oncall-status/support";

const QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/email-to-oncall-black-friday-2026-dlq";

const json = (over: object) => JSON.stringify({ ...testConfig, ...over });

describe("runtime configuration", () => {
  it("accepts the stack's config", () => {
    expect(parseRuntimeConfig(JSON.stringify(testConfig))).toEqual(testConfig);
  });

  it.each([
    [undefined, /EVENT_CONFIG is not set/],
    ["{", /not valid JSON/],
    [json({ bodyMaxChars: 10 }), /bodyMaxChars:/],
    [json({ window: { start: "2026-12-02T00:00:00Z", end: "2026-12-01T00:00:00Z", timeZone: "UTC" } }), /window: start must be before end/],
    [json({ prefix: "no-slash" }), /prefix: must end with "\/"/],
    [json({ addresses: [] }), /addresses: needs at least one/],
    [json({ policy: { outsideWindow: "maybe", unverified: "page" } }), /policy\.outsideWindow/],
    [json({ extra: 1 }), /extra/],
    [JSON.stringify({ ...testConfig, region: undefined }), /region: missing or not a string/],
    [json({ addresses: ["a@b.example", ""] }), /addresses\.1: must not be empty/],
  ])("rejects %# with a message naming the field", (value, message) => {
    expect(() => parseRuntimeConfig(value)).toThrow(message);
  });

  it("lower-cases addresses so matching is case-insensitive", () => {
    expect(parseRuntimeConfig(json({ addresses: ["BF@Oncall.Example.com"] })).addresses).toEqual(["bf@oncall.example.com"]);
  });

  it("takes the URL from ONCALL_URL for local runs, else needs the parameter name", () => {
    const EVENT_CONFIG = JSON.stringify(testConfig);
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL: "http://127.0.0.1:9/x" }).urlSource).toEqual({ kind: "direct", url: "http://127.0.0.1:9/x" });
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p/x" }).urlSource).toEqual({ kind: "parameter", name: "/p/x" });
    expect(() => loadSettings({ EVENT_CONFIG })).toThrow(/ONCALL_URL_PARAMETER is not set/);
  });

  it("the canary key parameter and the heartbeat come from the environment, off when absent", () => {
    const EVENT_CONFIG = JSON.stringify(testConfig);
    const on = loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p/x", CANARY_KEY_PARAMETER: "/p/canary-key", ONCALL_HEARTBEAT: "1" });
    expect([on.canaryKeyParameter, on.heartbeat]).toEqual(["/p/canary-key", true]);
    const off = loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p/x", ONCALL_HEARTBEAT: "yes" });
    expect([off.canaryKeyParameter, off.heartbeat]).toEqual([undefined, false]);
  });

  it("the reply-context key parameter comes from the environment, off when absent (alerts then carry no reply)", () => {
    const EVENT_CONFIG = json({});
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p/x", REPLY_KEY_PARAMETER: "/p/reply-key" }).replyKeyParameter).toBe("/p/reply-key");
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p/x" }).replyKeyParameter).toBeUndefined();
  });

  it("the status function refuses to start without the reply-context key parameter (it could verify nothing)", () => {
    const env = { STATUS_CONFIG: JSON.stringify(STATUS_CONFIG), STATUS_SECRET_PARAMETER: "/p/s", REPLY_QUEUE_URL: QUEUE, AWS_REGION: "eu-west-1" };
    expect(() => loadStatusSettings(env)).toThrow(/oncall-status: environment variable REPLY_KEY_PARAMETER is not set/);
    expect(loadStatusSettings({ ...env, REPLY_KEY_PARAMETER: "/p/reply-key" }).replyKeyParameter).toBe("/p/reply-key");
  });

  it("degrades rawMailLink presigned to the console link with a warning instead of refusing to page", () => {
    const s = loadSettings({ EVENT_CONFIG: json({ rawMailLink: "presigned" }), ONCALL_URL_PARAMETER: "/p", DEAD_LETTER_QUEUE_URL: QUEUE });
    expect(s.warnings).toEqual([expect.stringContaining('"presigned" is not implemented')]);
    expect(loadSettings({ EVENT_CONFIG: JSON.stringify(testConfig), ONCALL_URL_PARAMETER: "/p", DEAD_LETTER_QUEUE_URL: QUEUE }).warnings).toEqual([]);
  });

  it("reads the dead-letter queue URL, refuses a malformed one, and warns in Lambda when it is missing", () => {
    const EVENT_CONFIG = JSON.stringify(testConfig);
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p", DEAD_LETTER_QUEUE_URL: QUEUE }).deadLetterQueueUrl).toBe(QUEUE);
    for (const bad of ["sqs.eu-west-1.amazonaws.com/123456789012/q", "http://sqs.eu-west-1.amazonaws.com/123456789012/q", "https://sqs.eu-west-1.amazonaws.com/q", "arn:aws:sqs:eu-west-1:123456789012:q"]) {
      expect(() => loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p", DEAD_LETTER_QUEUE_URL: bad })).toThrow(/DEAD_LETTER_QUEUE_URL must be an SQS queue URL/);
    }
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL_PARAMETER: "/p" }).warnings).toEqual([expect.stringContaining("DEAD_LETTER_QUEUE_URL is not set")]);
    expect(loadSettings({ EVENT_CONFIG, ONCALL_URL: "http://127.0.0.1:9/x" }).warnings).toEqual([]);
  });
});

describe("metrics", () => {
  it("emits Embedded Metric Format with the Event and Reason dimensions", () => {
    expect(emfDocument("bf", "MailsDropped", { Reason: "SPAM" }, 123)).toEqual({
      _aws: { Timestamp: 123, CloudWatchMetrics: [{ Namespace: "EmailToOncall", Dimensions: [["Event", "Reason"]], Metrics: [{ Name: "MailsDropped", Unit: "Count" }] }] },
      Event: "bf",
      Reason: "SPAM",
      MailsDropped: 1,
    });
  });
});

describe("the config layer's file (issue 13: configs beyond Lambda's 4 KB environment)", () => {
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  const text = JSON.stringify(testConfig);
  const sha = createHash("sha256").update(text).digest("hex");
  const files = (path: string) => {
    if (path !== "/opt/email-to-oncall/runtime-config.json") throw new Error("ENOENT: no such file");
    return text;
  };
  const env = { EVENT_CONFIG_FILE: "/opt/email-to-oncall/runtime-config.json", EVENT_CONFIG_SHA256: sha, ONCALL_URL_PARAMETER: "/p" };

  test("is read once at cold start and checked against the hash in the environment", () => {
    expect(loadSettings(env, files).config).toEqual(testConfig);
    expect(() => loadSettings({ ...env, EVENT_CONFIG_SHA256: "0".repeat(64) }, files)).toThrow(/has SHA-256 [0-9a-f]{64}, but EVENT_CONFIG_SHA256 says 0{64}: the config layer and the function's environment come from different deploys/);
  });

  test("a missing layer or an invalid file fails the cold start naming the file", () => {
    expect(() => loadSettings({ ...env, EVENT_CONFIG_FILE: "/opt/nothing.json" }, files)).toThrow(/EVENT_CONFIG_FILE \/opt\/nothing\.json cannot be read \(ENOENT: no such file\): the function's config layer is missing/);
    const bad = JSON.stringify({ ...testConfig, slug: "Bad Slug" });
    const badSha = createHash("sha256").update(bad).digest("hex");
    expect(() => loadSettings({ ...env, EVENT_CONFIG_SHA256: badSha }, () => bad)).toThrow(/\/opt\/email-to-oncall\/runtime-config\.json is invalid: slug: must be the event slug/);
  });

  test("EVENT_CONFIG wins when set (local runs build the same config in-process)", () => {
    expect(loadSettings({ ...env, EVENT_CONFIG: JSON.stringify({ ...testConfig, title: "Local" }) }, files).config.title).toBe("Local");
  });
});
