import { Construct } from "constructs";
import { nameFrom } from "../../../lib";
import { testStack } from "../support";

describe("nameFrom", () => {
  const tree = (...ids: string[]): Construct => ids.reduce<Construct>((scope, id) => new Construct(scope, id), testStack());

  it("joins the construct ids below the stack and the suffix", () => {
    expect(nameFrom(tree("checkout", "inbox"), "rule")).toBe("checkout-inbox-rule");
  });

  it("leaves the stack's own id out", () => {
    expect(nameFrom(tree("checkout"), "rules")).toBe("checkout-rules");
  });

  it("gives the ids alone for an empty suffix", () => {
    expect(nameFrom(tree("checkout", "inbox"), "")).toBe("checkout-inbox");
  });

  it("skips ids named Default, as Terraform logical ids do", () => {
    expect(nameFrom(tree("Default", "checkout", "Default"), "fn")).toBe("checkout-fn");
  });

  it("writes lower-case letters, digits and single hyphens, none at the ends", () => {
    expect(nameFrom(tree("Black Friday_2026!", "--Inbox"), "Rule.")).toBe("black-friday-2026-inbox-rule");
  });

  it("keeps a name of exactly max characters whole", () => {
    expect(nameFrom(tree("a".repeat(10)), "b", 12)).toBe(`${"a".repeat(10)}-b`);
  });

  it("ends a longer name in a hash of the whole path, within max (default 64)", () => {
    const long = "x".repeat(80);
    const name = nameFrom(tree(long), "suffix");
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^x{55}-[0-9a-f]{8}$/);
    expect(nameFrom(tree(long), "other")).not.toBe(name);
  });

  it("drops a hyphen before the hash and honours a smaller max", () => {
    const name = nameFrom(tree(`${"a".repeat(30)}-${"b".repeat(30)}`), "", 40);
    expect(name).toMatch(/^a{30}-[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(40);
  });

  it("is stable: the same tree gives the same name", () => {
    expect(nameFrom(tree("y".repeat(70)), "raw-mail", 63)).toBe(nameFrom(tree("y".repeat(70)), "raw-mail", 63));
  });
});
