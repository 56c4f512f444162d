import type { FunctionRuntimeConfig } from "../../../functions/mail-to-alert/contract";

/** The example event (events/black-friday-2026.yaml) as the stack would configure its function. */
export const testConfig: FunctionRuntimeConfig = {
  slug: "black-friday-2026",
  title: "Black Friday 2026",
  customer: "Acme Shop",
  addresses: ["black-friday-2026@oncall.example.com"],
  window: { start: "2026-11-26T23:00:00.000Z", end: "2026-12-01T11:00:00.000Z", timeZone: "America/New_York" },
  trustedSenders: { addresses: ["cto@acme-shop.example"], domains: ["ops.acme-shop.example"], relays: [] },
  policy: { outsideWindow: "page", unverified: "notify", unlistedColleague: "notify" },
  bodyMaxChars: 8000,
  rawMailLink: "console",
  bucket: "email-to-oncall-raw-mail-test",
  prefix: "black-friday-2026/",
  region: "eu-west-1",
};

export function withConfig(overrides: Partial<FunctionRuntimeConfig>): FunctionRuntimeConfig {
  return { ...testConfig, ...overrides };
}
