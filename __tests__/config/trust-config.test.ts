import { runtimeConfigFor } from "../../stacks/function-config";
import { eventYaml, FOUNDATION_YAML, loadFiles, problemsOf } from "../support/synth";

const withEvent = (text: string) => ({ "foundation.yaml": FOUNDATION_YAML, "black-friday-2026.yaml": text });
const trusted = (block: string) => eventYaml("black-friday-2026").replace("trustedSenders:\n  addresses: [cto@acme-shop.example]\n  domains: [ops.acme-shop.example]\n", `trustedSenders:\n${block}`);

describe("trust config: located errors with a fix", () => {
  test.each([
    ["unverified: page is refused with the reason and the fix", eventYaml("black-friday-2026", "function:\n  unverified: page\n"), "function.unverified", /"page" is no longer offered.*Write `unverified: notify`/],
    ["unknown colleague policy", eventYaml("black-friday-2026", "function:\n  unlistedColleague: page\n"), "function.unlistedColleague", /notify|drop/],
    ["relay without a sealer", trusted("  addresses: [cto@acme-shop.example]\n  relays:\n    - address: emergency@platform.example\n"), "trustedSenders.relays[0].sealer", /./],
    ["relay sealer not a domain", trusted("  addresses: [cto@acme-shop.example]\n  relays:\n    - address: emergency@platform.example\n      sealer: https://google.com\n"), "trustedSenders.relays[0].sealer", /DNS name/],
    ["relay on the mail domain (loop)", trusted("  addresses: [cto@acme-shop.example]\n  relays:\n    - address: team@oncall.example.com\n      sealer: google.com\n"), "trustedSenders.relays[0].address", /loop/],
    ["relay also a trusted address", trusted("  addresses: [cto@acme-shop.example, emergency@platform.example]\n  relays:\n    - address: emergency@platform.example\n      sealer: google.com\n"), "trustedSenders.relays[0].address", /also a trusted address/],
    ["relay's domain trusted", trusted("  addresses: [cto@acme-shop.example]\n  domains: [platform.example]\n  relays:\n    - address: emergency@platform.example\n      sealer: google.com\n"), "trustedSenders.relays[0].address", /anyone who can post to the group could page/],
    ["relay declared twice", trusted("  addresses: [cto@acme-shop.example]\n  relays:\n    - address: emergency@platform.example\n      sealer: google.com\n    - address: emergency@platform.example\n      sealer: google.com\n"), "trustedSenders.relays[1].address", /declared twice/],
  ])("%s", (_name, text, field, message) => {
    const p = problemsOf(withEvent(text)).find((x) => x.field === field);
    expect(p).toBeDefined();
    expect(p!.message).toMatch(message);
    expect(p!.line).toBeGreaterThan(0);
  });

  test("trailing root dots and wildcards reach the function normalized, and relays with them", () => {
    const c = loadFiles(withEvent(trusted('  addresses: ["cto@acme-shop.example."]\n  domains: ["*.acme-shop.example", "ops.acme-shop.example."]\n  relays:\n    - address: emergency@platform.example\n      sealer: google.com\n')));
    const rt = runtimeConfigFor(c.foundation, c.events[0]!);
    expect(rt.trustedSenders).toEqual({ addresses: ["cto@acme-shop.example"], domains: ["*.acme-shop.example", "ops.acme-shop.example"], relays: [{ address: "emergency@platform.example", sealer: "google.com" }] });
    expect(rt.policy).toEqual({ outsideWindow: "page", unverified: "notify", unlistedColleague: "notify" });
  });
});
