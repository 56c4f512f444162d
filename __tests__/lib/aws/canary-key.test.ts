import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "cdktf";
import { CanaryKey } from "../../../lib";
import { ref, synth, testStack } from "../support";

function build(parameterName = "/email-to-oncall/checkout/canary-key") {
  const stack = testStack();
  const key = new CanaryKey(stack, "canary-key", { parameterName });
  return { key, s: synth(stack) };
}

describe("CanaryKey", () => {
  const { key, s } = build();

  it("is 64 random letters and digits, generated at apply (nothing in the synthesized JSON)", () => {
    expect(s.of(key.password)).toEqual({ length: 64, special: false });
    expect(s.json).not.toMatch(/"result"\s*:/);
  });

  it("is stored as a SecureString whose value is the password's result", () => {
    expect(s.of(key.parameter)).toEqual({ name: "/email-to-oncall/checkout/canary-key", type: "SecureString", value: ref(key.password, "result"), description: expect.stringMatching(/forge a canary/) });
  });

  it("is never an output", () => expect(s.tf.output).toBeUndefined());

  it("refuses a parameter name that is not an SSM path", () => {
    expect(() => build("canary-key")).toThrow(/CanaryKey: parameterName must be an SSM parameter path/);
  });

  it("needs the random provider in the stack (cdktf says so at synth)", () => {
    const stack = new TerraformStack(Testing.app(), "no-random");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    new CanaryKey(stack, "k", { parameterName: "/x/canary-key" });
    expect(() => Testing.synth(stack, true)).toThrow(/random/i);
  });
});
