/**
 * Validates synthesized `grafana_*` resources and data sources against the provider schema
 * (`terraform providers schema -json` of grafana/grafana), plus the per-type rules the provider
 * and the OnCall API enforce only at apply time. Terraform itself cannot run here (no provider
 * download), so this is the closest offline stand-in for `terraform validate` + a first apply.
 *
 * The schema path comes from GRAFANA_SCHEMA_PATH (default: the shared reference file next to the
 * repository). A missing file throws: a skipped schema check would pass silently.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
export const DEFAULT_SCHEMA_PATH = "../shared/reference/grafana-provider-4.45.1-oncall-schema.json";
const PROVIDER_KEY = "registry.terraform.io/grafana/grafana";

type TfType = string | [string, TfType] | [string, TfType[]] | [string, Record<string, TfType>];
interface Attribute {
  type: TfType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}
interface BlockType {
  nesting_mode: "list" | "set" | "single" | "map" | "group";
  min_items?: number;
  max_items?: number;
  block: Block;
}
interface Block {
  attributes?: Record<string, Attribute>;
  block_types?: Record<string, BlockType>;
}
export interface ProviderSchema {
  provider: { block: Block };
  resource_schemas: Record<string, { block: Block }>;
  data_source_schemas: Record<string, { block: Block }>;
}

export function schemaPath(): string {
  return path.resolve(ROOT, process.env.GRAFANA_SCHEMA_PATH ?? DEFAULT_SCHEMA_PATH);
}

let cached: { file: string; schema: ProviderSchema } | undefined;

/** Loads the grafana provider schema; throws (never skips) when the file is missing or wrong. */
export function loadGrafanaSchema(file = schemaPath()): ProviderSchema {
  if (cached?.file === file) return cached.schema;
  if (!fs.existsSync(file)) {
    throw new Error(`Grafana provider schema not found at ${file}. Set GRAFANA_SCHEMA_PATH or produce it with \`terraform providers schema -json\` (see README, "The on-call side").`);
  }
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as { provider_schemas?: Record<string, ProviderSchema> };
  const schema = raw.provider_schemas?.[PROVIDER_KEY];
  if (!schema) throw new Error(`${file} has no ${PROVIDER_KEY} provider schema`);
  cached = { file, schema };
  return schema;
}

const META_ARGUMENTS = new Set(["//", "depends_on", "count", "for_each", "provider", "lifecycle", "provisioner", "connection"]);
const isToken = (v: unknown) => typeof v === "string" && /\$\{/.test(v.replace(/\$\$\{/g, ""));

function typeErrors(v: unknown, t: TfType, at: string): string[] {
  if (isToken(v)) return []; // a reference or function: Terraform checks it at plan time
  if (typeof t === "string") {
    const ok =
      (t === "string" && typeof v === "string") ||
      (t === "number" && typeof v === "number" && Number.isFinite(v)) ||
      (t === "bool" && typeof v === "boolean") ||
      t === "dynamic";
    return ok ? [] : [`${at}: expected ${t}, got ${JSON.stringify(v)}`];
  }
  const [kind, inner] = t;
  if (kind === "list" || kind === "set") {
    if (!Array.isArray(v)) return [`${at}: expected ${kind}, got ${JSON.stringify(v)}`];
    const errs = v.flatMap((e, i) => typeErrors(e, inner as TfType, `${at}[${i}]`));
    if (kind === "set" && new Set(v.map((e) => JSON.stringify(e))).size !== v.length) errs.push(`${at}: set has duplicate elements`);
    return errs;
  }
  if (kind === "map") {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return [`${at}: expected map, got ${JSON.stringify(v)}`];
    return Object.entries(v).flatMap(([k, e]) => typeErrors(e, inner as TfType, `${at}.${k}`));
  }
  return [];
}

/** Structural check of one block's JSON against its schema block. */
export function validateBlock(value: Record<string, unknown>, block: Block, at: string): string[] {
  const errs: string[] = [];
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  for (const [k, v] of Object.entries(value)) {
    if (META_ARGUMENTS.has(k)) continue;
    if (k in attrs) {
      const a = attrs[k];
      if (a.computed && !a.optional && !a.required) errs.push(`${at}.${k}: is computed (read-only) and cannot be set`);
      else if (v !== null && v !== undefined) errs.push(...typeErrors(v, a.type, `${at}.${k}`));
    } else if (k in blocks) {
      const b = blocks[k];
      const items = Array.isArray(v) ? v : [v];
      if (b.max_items !== undefined && items.length > b.max_items) errs.push(`${at}.${k}: at most ${b.max_items} block(s), got ${items.length}`);
      items.forEach((item, i) => {
        if (typeof item !== "object" || item === null) errs.push(`${at}.${k}[${i}]: expected a block object`);
        else errs.push(...validateBlock(item as Record<string, unknown>, b.block, `${at}.${k}[${i}]`));
      });
    } else {
      errs.push(`${at}.${k}: unknown attribute or block (not in the provider schema)`);
    }
  }
  for (const [k, a] of Object.entries(attrs)) {
    if (a.required && (value[k] === undefined || value[k] === null)) errs.push(`${at}.${k}: required attribute missing`);
  }
  for (const [k, b] of Object.entries(blocks)) {
    const v = value[k];
    const n = v === undefined || v === null ? 0 : Array.isArray(v) ? v.length : 1;
    if ((b.min_items ?? 0) > n) errs.push(`${at}.${k}: at least ${b.min_items} block(s) required, got ${n}`);
  }
  return errs;
}

// --- per-type rules the provider/OnCall API enforce at apply time ----------------------------------

const ESCALATION_TYPES = [
  "wait",
  "notify_persons",
  "notify_person_next_each_time",
  "notify_on_call_from_schedule",
  "notify_next_on_call_from_schedule",
  "trigger_webhook",
  "notify_user_group",
  "resolve",
  "notify_whole_channel",
  "notify_if_time_from_to",
  "notify_if_num_alerts_in_window",
  "repeat_escalation",
  "notify_team_members",
  "declare_incident",
];
/** Which value field belongs to which step types (each is allowed only there). */
const ESCALATION_FIELDS: Record<string, { types: string[]; requiredFor?: string[] }> = {
  duration: { types: ["wait"], requiredFor: ["wait"] },
  persons_to_notify: { types: ["notify_persons"], requiredFor: ["notify_persons"] },
  persons_to_notify_next_each_time: { types: ["notify_person_next_each_time"], requiredFor: ["notify_person_next_each_time"] },
  notify_on_call_from_schedule: { types: ["notify_on_call_from_schedule", "notify_next_on_call_from_schedule"], requiredFor: ["notify_on_call_from_schedule", "notify_next_on_call_from_schedule"] },
  notify_to_team_members: { types: ["notify_team_members"], requiredFor: ["notify_team_members"] },
  group_to_notify: { types: ["notify_user_group"], requiredFor: ["notify_user_group"] },
  action_to_trigger: { types: ["trigger_webhook"], requiredFor: ["trigger_webhook"] },
  notify_if_time_from: { types: ["notify_if_time_from_to"], requiredFor: ["notify_if_time_from_to"] },
  notify_if_time_to: { types: ["notify_if_time_from_to"], requiredFor: ["notify_if_time_from_to"] },
  num_alerts_in_window: { types: ["notify_if_num_alerts_in_window"], requiredFor: ["notify_if_num_alerts_in_window"] },
  num_minutes_in_window: { types: ["notify_if_num_alerts_in_window"], requiredFor: ["notify_if_num_alerts_in_window"] },
  severity: { types: ["declare_incident"] },
  important: {
    types: ["notify_persons", "notify_person_next_each_time", "notify_on_call_from_schedule", "notify_next_on_call_from_schedule", "notify_user_group", "notify_team_members"],
  },
};
const SHIFT_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const INTEGRATION_TYPES = [
  "grafana",
  "grafana_alerting",
  "webhook",
  "alertmanager",
  "kapacitor",
  "fabric",
  "newrelic",
  "datadog",
  "pagerduty",
  "pingdom",
  "elastalert",
  "amazon_sns",
  "curler",
  "sentry",
  "formatted_webhook",
  "stackdriver",
  "uptimerobot",
  "zabbix",
  "prtg",
  "inbound_email",
  "direct_paging",
  "jira",
  "zendesk",
];

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
};
const isInt = (v: unknown) => typeof v === "number" && Number.isInteger(v);
const present = (v: unknown) => v !== undefined && v !== null;

function escalationRules(r: Record<string, unknown>, at: string): string[] {
  const errs: string[] = [];
  const type = r.type as string;
  if (!ESCALATION_TYPES.includes(type)) errs.push(`${at}.type: unknown escalation type ${JSON.stringify(type)}`);
  if (!isToken(r.position) && !(isInt(r.position) && (r.position as number) >= 0)) errs.push(`${at}.position: must be an integer >= 0`);
  for (const [field, rule] of Object.entries(ESCALATION_FIELDS)) {
    if (present(r[field]) && !rule.types.includes(type)) errs.push(`${at}.${field}: only allowed with type ${rule.types.join("|")}, not ${type}`);
    if (!present(r[field]) && rule.requiredFor?.includes(type)) errs.push(`${at}.${field}: required for type ${type}`);
  }
  if (present(r.duration) && !isToken(r.duration) && !(isInt(r.duration) && (r.duration as number) >= 60 && (r.duration as number) <= 86400)) {
    errs.push(`${at}.duration: must be an integer within 60..86400 seconds, got ${JSON.stringify(r.duration)}`);
  }
  for (const f of ["persons_to_notify", "persons_to_notify_next_each_time"]) {
    if (Array.isArray(r[f]) && (r[f] as unknown[]).length === 0) errs.push(`${at}.${f}: must not be empty`);
  }
  return errs;
}

function shiftRules(r: Record<string, unknown>, at: string): string[] {
  const errs: string[] = [];
  const type = r.type as string;
  if (!["rolling_users", "recurrent_event", "single_event"].includes(type)) errs.push(`${at}.type: must be rolling_users, recurrent_event or single_event`);
  for (const f of ["start", "until"]) {
    if (present(r[f]) && !isToken(r[f]) && !SHIFT_DATE.test(r[f] as string)) errs.push(`${at}.${f}: must be yyyy-MM-ddTHH:mm:ss, got ${JSON.stringify(r[f])}`);
  }
  if (typeof r.start === "string" && typeof r.until === "string" && SHIFT_DATE.test(r.start) && SHIFT_DATE.test(r.until) && r.until <= r.start) errs.push(`${at}.until: must be after start`);
  if (!isToken(r.duration) && !(isInt(r.duration) && (r.duration as number) > 0)) errs.push(`${at}.duration: must be a positive integer (seconds)`);
  if (present(r.frequency) && !["hourly", "daily", "weekly", "monthly"].includes(r.frequency as string)) errs.push(`${at}.frequency: must be hourly, daily, weekly or monthly`);
  if (present(r.frequency) !== present(r.interval)) errs.push(`${at}: frequency and interval go together (got ${present(r.frequency) ? "frequency without interval" : "interval without frequency"})`);
  if (present(r.interval) && !isToken(r.interval) && !(isInt(r.interval) && (r.interval as number) >= 1)) errs.push(`${at}.interval: must be a positive integer`);
  if (type !== "single_event" && !present(r.frequency)) errs.push(`${at}.frequency: required for type ${type}`);
  if (type === "single_event" && present(r.frequency)) errs.push(`${at}.frequency: not allowed for single_event`);
  if (type === "rolling_users") {
    if (!Array.isArray(r.rolling_users) || r.rolling_users.length === 0) errs.push(`${at}.rolling_users: required and non-empty for rolling_users`);
    else (r.rolling_users as unknown[]).forEach((g, i) => Array.isArray(g) && g.length === 0 && errs.push(`${at}.rolling_users[${i}]: a group must not be empty`));
    if (present(r.users)) errs.push(`${at}.users: not allowed for rolling_users (use rolling_users)`);
  } else {
    if (present(r.rolling_users)) errs.push(`${at}.rolling_users: only allowed for type rolling_users`);
    if (!Array.isArray(r.users) || r.users.length === 0) errs.push(`${at}.users: required for ${type}`);
  }
  if (Array.isArray(r.by_day)) (r.by_day as string[]).filter((d) => !DAYS.includes(d)).forEach((d) => errs.push(`${at}.by_day: ${d} is not MO..SU`));
  if (present(r.week_start) && !DAYS.includes(r.week_start as string)) errs.push(`${at}.week_start: must be MO..SU`);
  if (typeof r.time_zone === "string" && !isTimeZone(r.time_zone)) errs.push(`${at}.time_zone: not an IANA time zone`);
  if (present(r.level) && !isToken(r.level) && !(isInt(r.level) && (r.level as number) >= 0)) errs.push(`${at}.level: must be an integer >= 0`);
  if (present(r.start_rotation_from_user_index) && Array.isArray(r.rolling_users) && (r.start_rotation_from_user_index as number) >= r.rolling_users.length) {
    errs.push(`${at}.start_rotation_from_user_index: beyond rolling_users`);
  }
  return errs;
}

function scheduleRules(r: Record<string, unknown>, at: string): string[] {
  const errs: string[] = [];
  if (!["ical", "calendar", "web"].includes(r.type as string)) errs.push(`${at}.type: must be ical, calendar or web`);
  if (r.type === "ical" && !present(r.ical_url_primary)) errs.push(`${at}.ical_url_primary: required for ical schedules`);
  if (r.type !== "calendar" && present(r.shifts)) errs.push(`${at}.shifts: only calendar schedules have shifts`);
  if (typeof r.time_zone === "string" && !isTimeZone(r.time_zone)) errs.push(`${at}.time_zone: not an IANA time zone`);
  return errs;
}

function integrationRules(r: Record<string, unknown>, at: string): string[] {
  return INTEGRATION_TYPES.includes(r.type as string) ? [] : [`${at}.type: unknown integration type ${JSON.stringify(r.type)}`];
}

function routeRules(r: Record<string, unknown>, at: string): string[] {
  const errs: string[] = [];
  if (present(r.routing_type) && !["jinja2", "regex"].includes(r.routing_type as string)) errs.push(`${at}.routing_type: must be jinja2 or regex`);
  if (!isToken(r.position) && !(isInt(r.position) && (r.position as number) >= 0)) errs.push(`${at}.position: must be an integer >= 0`);
  return errs;
}

const RULES: Record<string, (r: Record<string, unknown>, at: string) => string[]> = {
  grafana_oncall_escalation: escalationRules,
  grafana_oncall_on_call_shift: shiftRules,
  grafana_oncall_schedule: scheduleRules,
  grafana_oncall_integration: integrationRules,
  grafana_oncall_route: routeRules,
};

/** Positions of siblings (steps of one chain, routes of one integration) are unique and run 0..n-1. */
function positionRules(resources: Record<string, Record<string, Record<string, unknown>>>): string[] {
  const errs: string[] = [];
  const groups: [string, string][] = [
    ["grafana_oncall_escalation", "escalation_chain_id"],
    ["grafana_oncall_route", "integration_id"],
  ];
  for (const [type, parent] of groups) {
    const byParent = new Map<string, number[]>();
    for (const r of Object.values(resources[type] ?? {})) {
      const key = String(r[parent]);
      byParent.set(key, [...(byParent.get(key) ?? []), r.position as number]);
    }
    for (const [key, positions] of byParent) {
      const sorted = [...positions].sort((a, b) => a - b);
      if (sorted.some((p, i) => p !== i)) errs.push(`${type} under ${key}: positions must be 0..${positions.length - 1} without gaps or duplicates, got ${sorted.join(",")}`);
    }
  }
  return errs;
}

/**
 * Every problem with the grafana parts of one synthesized stack (the parsed cdk.tf.json), or [].
 * Also checks the provider requirement: source grafana/grafana with a version constraint, and no
 * credential attributes in the provider block.
 */
export function validateGrafanaStack(stack: Record<string, unknown>, schema: ProviderSchema = loadGrafanaSchema()): string[] {
  const errs: string[] = [];
  const resources = (stack.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const data = (stack.data ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  let count = 0;
  for (const [kind, all, schemas] of [
    ["resource", resources, schema.resource_schemas],
    ["data", data, schema.data_source_schemas],
  ] as const) {
    for (const [type, byName] of Object.entries(all)) {
      if (!type.startsWith("grafana_")) continue;
      const s = schemas[type];
      for (const [name, body] of Object.entries(byName)) {
        count++;
        const at = `${kind === "data" ? "data." : ""}${type}.${name}`;
        if (!s) {
          errs.push(`${at}: ${type} is not a ${kind === "data" ? "data source" : "resource"} of the grafana provider schema`);
          continue;
        }
        errs.push(...validateBlock(body, s.block, at));
        if (kind === "resource") errs.push(...(RULES[type]?.(body, at) ?? []));
      }
    }
  }
  errs.push(...positionRules(resources));

  const required = ((stack.terraform as Record<string, unknown> | undefined)?.required_providers ?? {}) as Record<string, { source?: string; version?: string }>;
  const grafana = required.grafana;
  if (count > 0) {
    if (!grafana) errs.push("terraform.required_providers.grafana: missing");
    else {
      if (grafana.source !== "grafana/grafana") errs.push(`terraform.required_providers.grafana.source: must be grafana/grafana, got ${grafana.source}`);
      if (!grafana.version || !/^(~>|>=|=)?\s*\d+\.\d+/.test(grafana.version)) errs.push(`terraform.required_providers.grafana.version: needs a version constraint, got ${grafana.version}`);
    }
    const providers = ((stack.provider ?? {}) as Record<string, Record<string, unknown>[]>).grafana;
    if (!providers?.length) errs.push("provider.grafana: missing provider block");
    for (const [i, p] of (providers ?? []).entries()) {
      errs.push(...validateBlock(p, schema.provider.block, `provider.grafana[${i}]`));
      const credentials = Object.keys(p).filter((k) => (schema.provider.block.attributes?.[k]?.sensitive ?? false) || ["url", "oncall_url"].includes(k));
      if (credentials.length) errs.push(`provider.grafana[${i}]: sets ${credentials.join(", ")}; credentials and URLs come from GRAFANA_* environment variables only`);
    }
  }
  return errs;
}
