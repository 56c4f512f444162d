import { StatusWebhooks, STATUS_TRIGGERS } from "../../../lib";
import { synth, testStack } from "../support";

function build(integrationIds: readonly string[] = ["MAIL"], teamId?: string) {
  const stack = testStack();
  const w = new StatusWebhooks(stack, "status", { name: "checkout: status mail", url: "https://api.example/oncall", authorizationHeader: "${sensitive(var.secret)}", integrationIds, teamId });
  return { w, s: synth(stack) };
}

describe("StatusWebhooks", () => {
  const { w, s } = build();

  it("one POST webhook per status trigger, forwarding the whole payload with the secret as Authorization", () => {
    expect(w.webhooks.map((x) => s.of(x))).toEqual(
      STATUS_TRIGGERS.map((trigger) => ({
        name: `checkout: status mail (${trigger})`,
        url: "https://api.example/oncall",
        http_method: "POST",
        trigger_type: trigger,
        integration_filter: ["MAIL"],
        forward_whole_payload: true,
        authorization_header: "${sensitive(var.secret)}",
        is_webhook_enabled: true,
      })),
    );
    expect(STATUS_TRIGGERS).toEqual(["acknowledge", "resolve", "unresolve"]);
  });

  it("belongs to the team given; refuses to fire for every integration", () => {
    const team = build(["MAIL"], "TEAM");
    expect(team.s.of(team.w.webhooks[0]!).team_id).toBe("TEAM");
    expect(() => build([])).toThrow(/StatusWebhooks: integrationIds needs the mail integration/);
  });
});
