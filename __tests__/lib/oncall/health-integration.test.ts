import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { PipelineHealthIntegration } from "../../../lib";
import { ref, synth, testStack } from "../support";

function build(teamId?: string) {
  const stack = testStack();
  const topic = new SnsTopic(stack, "topic", { name: "email-to-oncall-checkout-health" });
  const health = new PipelineHealthIntegration(stack, "health", { name: "checkout: pipeline health", topic, escalationChainId: "DEFAULT", teamId });
  return { topic, health, s: synth(stack) };
}

describe("PipelineHealthIntegration", () => {
  const { topic, health, s } = build();

  it("is an amazon_sns integration paging the chain given", () => {
    expect(s.of(health.integration)).toEqual({ name: "checkout: pipeline health", type: "amazon_sns", default_route: { escalation_chain_id: "DEFAULT" } });
  });

  it("subscribes to the topic over HTTPS, with the link wrapped in sensitive()", () => {
    expect(s.of(health.subscription)).toEqual({
      topic_arn: ref(topic, "arn"),
      protocol: "https",
      endpoint: `\${sensitive(${ref(health.integration, "link").slice(2, -1)})}`,
      endpoint_auto_confirms: true,
      confirmation_timeout_in_minutes: 5,
    });
  });

  it("never outputs the link", () => {
    expect(s.tf.output).toBeUndefined();
  });

  it("belongs to the team given", () => {
    const team = build("TEAM");
    expect(team.s.of(team.health.integration).team_id).toBe("TEAM");
  });
});
