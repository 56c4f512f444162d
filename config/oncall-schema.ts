import { z } from "zod";

/**
 * The `oncall` block of an event: the Grafana OnCall side (integration, templates, routes,
 * escalation, schedule). Filled in by the on-call issue; reserved here so configs can carry it.
 */
export const onCallSchema = z.strictObject({}).meta({ description: "Grafana OnCall side of the event (reserved)." });

export type OnCallConfig = z.output<typeof onCallSchema>;
