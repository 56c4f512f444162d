import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Construct } from "constructs";
import { ReceiptRule, ReceiptRuleProps } from "../../../lib";
import { address, stringVariable, synth, testStack } from "../support";

const PROPS: ReceiptRuleProps = {
  ruleSetName: "rules",
  recipients: ["checkout@oncall.example.com"],
  bucketName: "raw-mail",
  objectKeyPrefix: "checkout/",
  functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:email-to-oncall-checkout",
};

function build(props: Partial<ReceiptRuleProps> = {}) {
  const stack = testStack();
  const rule = new ReceiptRule(new Construct(stack, "checkout"), "inbox", { ...PROPS, ...props });
  return { stack, rule, s: synth(stack) };
}

describe("ReceiptRule", () => {
  describe("defaults", () => {
    const { rule, s } = build();
    const json = () => s.of(rule.rule);

    it("is enabled, scans for spam and viruses and requires TLS", () => {
      expect(json()).toMatchObject({ enabled: true, scan_enabled: true, tls_policy: "Require" });
    });

    it("stores the raw mail first (position 1), then invokes the function asynchronously (position 2)", () => {
      expect(json().s3_action).toEqual([{ position: 1, bucket_name: "raw-mail", object_key_prefix: "checkout/" }]);
      expect(json().lambda_action).toEqual([{ position: 2, function_arn: PROPS.functionArn, invocation_type: "Event" }]);
    });

    it("joins the rule set by name and accepts the recipients", () => {
      expect(json()).toMatchObject({ rule_set_name: "rules", recipients: ["checkout@oncall.example.com"] });
    });

    it("takes its name from the construct ids and goes to the front of the set", () => {
      expect(json().name).toBe("checkout-inbox-rule");
      expect(json().after).toBeUndefined();
      expect(json().depends_on).toBeUndefined();
    });

    it("has no other action", () => {
      expect(Object.keys(json()).filter((k) => k.endsWith("_action")).sort()).toEqual(["lambda_action", "s3_action"]);
    });
  });

  it("takes the name and position given", () => {
    const { rule, s } = build({ ruleName: "email-to-oncall-checkout", after: "email-to-oncall-earlier" });
    expect(s.of(rule.rule)).toMatchObject({ name: "email-to-oncall-checkout", after: "email-to-oncall-earlier" });
  });

  it("waits for what it depends on (the function's invoke permission)", () => {
    const stack = testStack();
    const permission = new SqsQueue(stack, "stand-in", {});
    const rule = new ReceiptRule(stack, "inbox", { ...PROPS, dependsOn: [permission] });
    expect(synth(stack).of(rule.rule).depends_on).toEqual([address(permission)]);
  });

  it("copies the recipients list", () => {
    const stack = testStack();
    const recipients = ["a@oncall.example.com"];
    const rule = new ReceiptRule(stack, "inbox", { ...PROPS, recipients });
    recipients.push("b@oncall.example.com");
    expect(synth(stack).of(rule.rule).recipients).toEqual(["a@oncall.example.com"]);
  });

  it.each([
    ["none", []],
    ["more than SES allows", Array.from({ length: 501 }, (_, i) => `a${i}@oncall.example.com`)],
  ])("rejects %s as recipients", (_what, recipients) => {
    expect(() => new ReceiptRule(testStack(), "inbox", { ...PROPS, recipients })).toThrow(/ReceiptRule: recipients must hold 1 to 500 entries \(SES limit\)/);
  });

  it("accepts 500 recipients", () => {
    const recipients = Array.from({ length: 500 }, (_, i) => `a${i}@oncall.example.com`);
    expect(() => new ReceiptRule(testStack(), "inbox", { ...PROPS, recipients })).not.toThrow();
  });

  it("rejects an objectKeyPrefix that does not end with a slash", () => {
    expect(() => new ReceiptRule(testStack(), "inbox", { ...PROPS, objectKeyPrefix: "checkout" })).toThrow(/ReceiptRule: objectKeyPrefix must be a key prefix ending with "\/"/);
  });

  it("accepts names and a prefix known only at plan time", () => {
    const stack = testStack();
    const prefix = stringVariable(stack, "prefix");
    const set = stringVariable(stack, "rule_set");
    const rule = new ReceiptRule(stack, "inbox", { ...PROPS, objectKeyPrefix: prefix.value, ruleSetName: set.value });
    expect(synth(stack).of(rule.rule)).toMatchObject({ rule_set_name: set.json, s3_action: [{ object_key_prefix: prefix.json }] });
  });
});
