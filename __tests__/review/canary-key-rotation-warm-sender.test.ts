import { CANARY_HEADER, verifyCanary } from "../../functions/mail-to-alert/canary";
import { splitHeaderSection } from "../../functions/mail-to-alert/headers";

// HOLE (found in review): the canary function read its key once per cold start (functions/canary/index.ts:
// `key: () => key()`). After a rotation (`apply -replace` of the random_password: no change to either
// function, so both stay warm) a mail-to-alert container that starts fresh, or re-reads the key after
// one refused signature, holds only the NEW key, while the warm canary keeps signing with the OLD one
// until Lambda recycles its container (hours at a 5-15 minute schedule): every canary is FORGED, the
// canary-missing alarm fires although the line works, and docs/operations.md promises "no canary is
// lost". One GetParameter per run is nothing; the canary now reads the key on every run.
const OLD = "o".repeat(64);
const NEW = "n".repeat(64);
let stored = OLD;
const sent: string[] = [];

jest.mock("../../functions/canary/aws", () => ({
  ssmSecret: () => {
    let cached: string | undefined;
    return async (refresh = false) => {
      if (refresh || cached === undefined) cached = stored;
      return cached;
    };
  },
  sesRawSender: () => ({ send: async (_from: string, _to: string, raw: string) => void sent.push(raw) }),
}));

const ENV = {
  EVENT_SLUG: "black-friday-2026",
  CANARY_TO: "black-friday-2026@oncall.example.com",
  CANARY_FROM: "canary@oncall.example.com",
  CANARY_KEY_PARAMETER: "/email-to-oncall/black-friday-2026/canary-key",
  CANARY_ACTIVE_FROM: "2000-01-01T00:00:00.000Z",
  CANARY_ACTIVE_UNTIL: "2100-01-01T00:00:00.000Z",
  AWS_REGION: "eu-west-1",
};

describe("review: a key rotation while the canary function is warm", () => {
  const saved = { ...process.env };
  beforeAll(() => Object.assign(process.env, ENV));
  afterAll(() => {
    process.env = saved;
  });

  it("FIXED: the next run after a rotation signs with the new key", async () => {
    jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require("../../functions/canary/index") as { handler: () => Promise<unknown> };
    await handler();
    stored = NEW; // terraform apply -replace=random_password...: the SSM parameter now holds the new key
    await handler();
    expect(sent).toHaveLength(2);
    const verdict = (raw: string, key: string) => {
      const values = splitHeaderSection(Buffer.from(raw)).filter((h) => h.name === CANARY_HEADER).map((h) => h.value);
      const t = Number(/t=(\d+)/.exec(values[0]!)![1]);
      return verifyCanary({ headerValues: values, keys: [key], slug: ENV.EVENT_SLUG, recipients: [ENV.CANARY_TO], receivedAt: new Date(t * 1000) });
    };
    expect(verdict(sent[0]!, OLD)).toMatchObject({ ok: true });
    // The mail function, fresh or after its one re-read, holds only the new key.
    expect(verdict(sent[1]!, NEW)).toMatchObject({ ok: true });
  });
});
