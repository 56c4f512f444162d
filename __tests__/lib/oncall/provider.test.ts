import { TerraformStack, Testing } from "cdktf";
import { GrafanaProvider } from "../../../.gen/providers/grafana/provider";
import { GrafanaOnCallProvider } from "../../../lib";
import { synth } from "../support";

describe("GrafanaOnCallProvider", () => {
  const stack = new TerraformStack(Testing.app(), "test");
  const grafana = new GrafanaOnCallProvider(stack, "grafana");
  const s = synth(stack);

  it("declares the grafana provider", () => {
    expect(grafana.provider).toBeInstanceOf(GrafanaProvider);
    expect(s.json).toHaveProvider(GrafanaProvider);
  });

  it("pins grafana/grafana ~> 4.45", () => {
    expect(s.tf.terraform.required_providers.grafana).toEqual({ source: "grafana/grafana", version: "~> 4.45" });
  });

  it("writes no attribute at all: URL and credentials come from the environment", () => {
    expect(s.tf.provider?.grafana).toEqual([{}]);
  });
});
