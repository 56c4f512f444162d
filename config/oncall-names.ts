import { rotationName } from "./oncall-schema";

/*
 * Names of the objects an event creates in Grafana OnCall. OnCall requires them to be unique in
 * the organisation per kind (engine models: integration `verbal_name`, escalation chain `name`,
 * schedule `name`, shift `name`; a second one fails at apply with "An integration with this name
 * already exists for this team"), so every name starts with the event slug, which is unique (it is
 * the file name) and has neither spaces nor colons: two events can then never derive the same name,
 * whatever their titles. The stacks take their names from here and the loader checks the same names,
 * so what is checked is what is deployed.
 */

/** Longest name OnCall stores per kind (engine model field max_length). */
export const ONCALL_NAME_MAX = { integration: 150, "escalation chain": 100, schedule: 200, shift: 200 } as const;
export type OnCallObjectKind = keyof typeof ONCALL_NAME_MAX;

/** The parts of an event the names derive from. */
export interface NamedEvent {
  readonly slug: string;
  readonly title: string;
  /** The file's `customer`; an event serving several customers names none, and its integrations carry the title alone. */
  readonly customer?: string;
  readonly oncall: {
    readonly schedule: { readonly rotations: readonly { readonly name?: string }[] };
    readonly escalations: Readonly<Record<string, unknown>>;
  };
}

/** "Title - Customer", or the title alone for an event that names no single customer. */
export function lineTitle(e: Pick<NamedEvent, "title" | "customer">): string {
  return e.customer === undefined ? e.title : `${e.title} - ${e.customer}`;
}

/** One named OnCall object and the config field its name comes from (for located errors). */
export interface OnCallName {
  readonly kind: OnCallObjectKind;
  readonly name: string;
  readonly path: readonly (string | number)[];
}

export interface EventOnCallNames {
  readonly schedule: string;
  /** By rotation index. */
  readonly shifts: readonly string[];
  /** By chain name in config; `default` is the event's `escalation`. */
  readonly chains: ReadonlyMap<string, string>;
  /** The notify lane's chain (no steps: it pages nobody). "(" cannot appear in a config chain name. */
  readonly notifyChain: string;
  readonly mailIntegration: string;
  readonly notifyIntegration: string;
  readonly healthIntegration: string;
}

/** `<slug>: <text><suffix>`, the text shortened with "..." so the whole fits OnCall's limit. */
function integrationName(slug: string, text: string, suffix: string): string {
  const head = `${slug}: `;
  const room = ONCALL_NAME_MAX.integration - head.length - suffix.length;
  return `${head}${text.length <= room ? text : `${text.slice(0, room - 3).trimEnd()}...`}${suffix}`;
}

export function onCallNames(e: NamedEvent): EventOnCallNames {
  const schedule = `${e.slug} on-call`;
  const chains = new Map<string, string>([["default", e.slug]]);
  for (const name of Object.keys(e.oncall.escalations)) chains.set(name, `${e.slug} ${name}`);
  return {
    schedule,
    shifts: e.oncall.schedule.rotations.map((r, i) => `${schedule} ${rotationName(r, i)}`),
    chains,
    notifyChain: `${e.slug} notify (no paging)`,
    mailIntegration: integrationName(e.slug, lineTitle(e), " (e-mail)"),
    notifyIntegration: integrationName(e.slug, lineTitle(e), " (e-mail, notify lane)"),
    healthIntegration: integrationName(e.slug, e.title, " - mail pipeline health"),
  };
}

/** Every named object of an event with the field to point at when its name collides. */
export function namedObjects(e: NamedEvent): OnCallName[] {
  const n = onCallNames(e);
  return [
    { kind: "schedule", name: n.schedule, path: ["slug"] },
    ...n.shifts.map((name, i): OnCallName => ({ kind: "shift", name, path: ["oncall", "schedule", "rotations", i, ...(e.oncall.schedule.rotations[i].name === undefined ? [] : ["name"])] })),
    ...[...n.chains].map(([key, name]): OnCallName => ({ kind: "escalation chain", name, path: key === "default" ? ["slug"] : ["oncall", "escalations", key] })),
    { kind: "escalation chain", name: n.notifyChain, path: ["slug"] },
    { kind: "integration", name: n.mailIntegration, path: ["title"] },
    { kind: "integration", name: n.notifyIntegration, path: ["title"] },
    { kind: "integration", name: n.healthIntegration, path: ["title"] },
  ];
}

export interface NameCollision<F> {
  /** The later of the two objects (the one to rename). */
  readonly at: F;
  readonly object: OnCallName;
  /** The object that already has the name. */
  readonly first: F;
  readonly firstObject: OnCallName;
}

/**
 * Pairs of objects of one kind whose names OnCall would take as equal. Compared without case and
 * surrounding spaces: OnCall's MySQL databases compare names that way (default collation), so
 * "Primary" and "primary" must not both exist either.
 */
export function findNameCollisions<F>(owners: readonly { readonly owner: F; readonly objects: readonly OnCallName[] }[]): NameCollision<F>[] {
  const seen = new Map<string, { owner: F; object: OnCallName }>();
  const out: NameCollision<F>[] = [];
  for (const { owner, objects } of owners) {
    for (const object of objects) {
      const key = `${object.kind}\u0000${object.name.trim().toLowerCase()}`;
      const first = seen.get(key);
      if (first) out.push({ at: owner, object, first: first.owner, firstObject: first.object });
      else seen.set(key, { owner, object });
    }
  }
  return out;
}
