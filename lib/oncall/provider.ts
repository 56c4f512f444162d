import { Construct } from "constructs";
import { GrafanaProvider } from "../../.gen/providers/grafana/provider";

/**
 * grafana/grafana `~> 4.45` with no credential attributes at all: the provider reads GRAFANA_URL +
 * GRAFANA_AUTH (Grafana Cloud IRM, service account token) or GRAFANA_ONCALL_ACCESS_TOKEN +
 * GRAFANA_ONCALL_URL (OnCall OSS) from the environment, so no token can end up in synth output.
 */
export class GrafanaOnCallProvider extends Construct {
  public readonly provider: GrafanaProvider;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = new GrafanaProvider(this, "grafana", {});
  }
}
