import type { EventSpec } from "../config/load";
import { lineTitle, onCallNames } from "../config/oncall-names";
import { compiledChains } from "../config/oncall-schema";
import { planShifts, rotationOf } from "../config/shift-plan";
import type { EmergencyOnCallProps } from "../lib/oncall/emergency-on-call";

/**
 * The YAML app's `oncall` block as library props: the readable escalation words compile to typed
 * steps, the rotations are planned against the window (the same plans the loader checked for
 * coverage), and the names are the ones the loader checked for uniqueness.
 */
export function onCallPropsFor(event: EventSpec): EmergencyOnCallProps {
  const o = event.oncall;
  if (!o) {
    throw new Error(
      `${event.file}: the event has no \`oncall\` block; nobody would be paged. The smallest one:\n` +
        `oncall:\n  schedule:\n    rotations:\n      - users: [alice, bob, carol]\n        every: 12h`,
    );
  }
  const names = onCallNames({ ...event, oncall: o });
  const chains = compiledChains(o);
  const { default: escalation, ...escalations } = Object.fromEntries(chains);
  return {
    slug: event.slug,
    title: lineTitle(event),
    team: o.team,
    window: { start: event.windowUtc.start, end: event.windowUtc.end, timeZone: event.window.timeZone },
    rotations: o.schedule.rotations.map(rotationOf),
    shifts: planShifts(event),
    escalation: escalation!,
    escalations,
    routes: o.routes.map((r) => ({ subject: r.subject, sender: r.sender, customers: r.customers, tiers: r.tiers, escalation: r.escalation, slackChannel: r.slackChannel })),
    slackChannel: o.slackChannel,
    customers: event.customerSpecs.map((c) => ({ slug: c.slug, tier: c.tier, slackChannel: c.slackChannel })),
    tierEscalations: o.tiers,
    names: {
      schedule: names.schedule,
      shifts: names.shifts,
      chains: Object.fromEntries(names.chains),
      notifyChain: names.notifyChain,
      mailIntegration: names.mailIntegration,
      notifyIntegration: names.notifyIntegration,
      healthIntegration: names.healthIntegration,
    },
  };
}
