import { InboundRuleSet } from "../../../lib";
import { ref, synth, testStack } from "../support";

describe("InboundRuleSet", () => {
  it("creates the set and makes it the active one by default", () => {
    const stack = testStack();
    const set = new InboundRuleSet(stack, "inbound", { name: "rules" });
    const s = synth(stack);
    expect(set.name).toBe("rules");
    expect(s.of(set.ruleSet!)).toEqual({ rule_set_name: "rules" });
    // Activation reads the created set's name, so it waits for the set.
    expect(s.of(set.activation!)).toEqual({ rule_set_name: ref(set.ruleSet!, "rule_set_name") });
  });

  it("creates and activates with mode create-and-activate", () => {
    const stack = testStack();
    new InboundRuleSet(stack, "inbound", { name: "rules", mode: "create-and-activate" });
    const s = synth(stack);
    expect(s.resources("aws_ses_receipt_rule_set")).toHaveLength(1);
    expect(s.resources("aws_ses_active_receipt_rule_set")).toHaveLength(1);
  });

  it("declares nothing with mode adopt-active: the account's active set is joined by name", () => {
    const stack = testStack();
    const set = new InboundRuleSet(stack, "inbound", { name: "existing-rules", mode: "adopt-active" });
    const s = synth(stack);
    expect(set.name).toBe("existing-rules");
    expect(set.ruleSet).toBeUndefined();
    expect(set.activation).toBeUndefined();
    expect(s.tf.resource ?? {}).toEqual({});
  });
});
