import { findOverlaps, TrustedEntry } from "../../../lib/aws/customer-overlaps";

const e = (owner: number, kind: TrustedEntry["kind"], value: string, index = 0): TrustedEntry => ({ owner, kind, index, value });
const pairs = (entries: TrustedEntry[]) => findOverlaps(entries).map((o) => `${o.entry.value} ~ ${o.other.value}: ${o.sender}`);

describe("findOverlaps: senders trusted by two customers", () => {
  test.each([
    ["the same address", [e(0, "addresses", "a@x.example"), e(1, "addresses", "a@x.example")], ["a@x.example ~ a@x.example: a@x.example"]],
    ["an address on the other's domain", [e(0, "addresses", "a@x.example"), e(1, "domains", "x.example")], ["a@x.example ~ x.example: a@x.example"]],
    ["an address under the other's wildcard", [e(1, "domains", "*.x.example"), e(0, "addresses", "a@eu.x.example")], ["a@eu.x.example ~ *.x.example: a@eu.x.example"]],
    ["the same domain", [e(0, "domains", "x.example"), e(1, "domains", "x.example")], ["x.example ~ x.example: any sender at x.example"]],
    ["a domain under a wildcard, in either order", [e(0, "domains", "eu.x.example"), e(1, "domains", "*.x.example")], ["eu.x.example ~ *.x.example: any sender at eu.x.example"]],
    ["nested wildcards, in either order", [e(0, "domains", "*.eu.x.example"), e(1, "domains", "*.x.example")], ["*.eu.x.example ~ *.x.example: any sender at a subdomain of eu.x.example"]],
  ])("%s", (_what, entries, expected) => {
    expect(pairs(entries)).toEqual(expected);
  });

  test("no overlap: a wildcard does not cover its apex, one owner may repeat itself, look-alike domains differ", () => {
    expect(pairs([e(0, "domains", "*.x.example"), e(1, "domains", "x.example"), e(1, "addresses", "a@x.example")])).toEqual([]);
    expect(pairs([e(0, "domains", "x.example"), e(0, "addresses", "a@x.example")])).toEqual([]);
    expect(pairs([e(0, "domains", "x.example"), e(1, "domains", "evilx.example"), e(1, "addresses", "a@notx.example")])).toEqual([]);
  });

  test("500 customers with three entries each are compared in milliseconds (maps, not pairs)", () => {
    const entries = Array.from({ length: 500 }, (_, i) => [e(i, "addresses", `cto@c${i}.example`), e(i, "domains", `ops.c${i}.example`), e(i, "domains", `*.eu.c${i}.example`)]).flat();
    entries.push(e(999, "addresses", "x@ops.c250.example"));
    expect(pairs(entries)).toEqual(["x@ops.c250.example ~ ops.c250.example: x@ops.c250.example"]);
  });
});
