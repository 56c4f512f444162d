import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EventCanary } from "../../lib";
import { ACCOUNT, child, statements, stubFunctionCode, synth, testStack } from "../lib/support";

// HOLE (found in review, least privilege): the canary's role could send as canary@<mail domain> to ANY
// recipient. Its mail is DKIM-signed for the mail domain, so whoever runs code as that role (a
// compromised dependency of the bundle, a mistaken invoke with another payload) could mail
// customers or anyone, authenticated as the emergency line itself. The canary only ever writes to
// the event's own addresses: the grant now says so (ses:Recipients, every recipient one of them).
describe("review: the canary role sends only to the event's addresses", () => {
  it("FIXED: SendEmail is conditioned on ses:Recipients being the event addresses", () => {
    const stack = testStack();
    const c = new EventCanary(stack, "canary", {
      functionName: "email-to-oncall-checkout-canary",
      eventSlug: "checkout",
      addresses: ["checkout@oncall.example.com", "vip@oncall.example.com"],
      fromAddress: "canary@oncall.example.com",
      sendingIdentityArn: `arn:aws:ses:eu-west-1:${ACCOUNT}:identity/oncall.example.com`,
      keyParameter: { name: "/email-to-oncall/checkout/canary-key", arn: `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/email-to-oncall/checkout/canary-key` },
      activeFrom: new Date("2026-11-26T05:00:00Z"),
      activeUntil: new Date("2026-11-28T05:00:00Z"),
      topicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:health`,
      accountId: ACCOUNT,
      codeZip: stubFunctionCode(),
    });
    const send = statements(synth(stack).of(child(c, "permissions", DataAwsIamPolicyDocument))).find((st) => st.sid === "SendCanaryFromMailDomain");
    expect(send?.condition).toContainEqual({ test: "ForAllValues:StringEquals", variable: "ses:Recipients", values: ["checkout@oncall.example.com", "vip@oncall.example.com"] });
  });
});
