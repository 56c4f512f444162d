import { CanaryKey, SigningKey } from "../../../lib";
import { ref, synth, testStack } from "../support";

describe("SigningKey", () => {
  const stack = testStack();
  const key = new SigningKey(stack, "reply-key", { parameterName: "/email-to-oncall/checkout/reply-key", description: "HMAC key of the alerts' reply context" });
  const s = synth(stack);

  it("is 64 random letters and digits in a SecureString with the given description; never an output", () => {
    expect(s.of(key.password)).toEqual({ length: 64, special: false });
    expect(s.of(key.parameter)).toEqual({ name: "/email-to-oncall/checkout/reply-key", type: "SecureString", value: ref(key.password, "result"), description: "HMAC key of the alerts' reply context" });
    expect(s.tf.output).toBeUndefined();
  });

  it("refuses a bad parameter name or description, naming the construct and the prop", () => {
    expect(() => new SigningKey(testStack(), "k", { parameterName: "reply-key", description: "x" })).toThrow(/SigningKey: parameterName must be an SSM parameter path/);
    expect(() => new SigningKey(testStack(), "k", { parameterName: "/x/k", description: "" })).toThrow(/SigningKey: description must be 1 to 1024 characters/);
  });

  it("CanaryKey is a SigningKey with the same Terraform addresses as before (canary-key/key, canary-key/parameter)", () => {
    const st = testStack();
    const canary = new CanaryKey(st, "canary-key", { parameterName: "/x/canary-key" });
    expect(canary).toBeInstanceOf(SigningKey);
    expect([canary.password.node.path, canary.parameter.node.path].map((p) => p.split("/").slice(1).join("/"))).toEqual(["canary-key/key", "canary-key/parameter"]);
  });
});
