import { MARKER_NOTES } from "../../functions/mail-to-alert/marker-notes";

/**
 * Jinja2 templates of the mail integration (Grafana OnCall's template language). They read the
 * `AlertPayload` the mail-to-alert function POSTs (functions/mail-to-alert/contract.ts) as
 * `payload.*`, and stay readable when a field is missing (a hand-sent test alert, an older
 * function version): a template error would show the responder "Error ..." instead of the mail.
 *
 * Only standard Jinja2 plus OnCall's documented `regex_replace`/`regex_search` filters are used;
 * OnCall renders in a sandbox where `range` is disabled. __tests__/support/jinja.ts reproduces it.
 * The same text must also render in nunjucks (tools/lib/jinja/oncall-env.ts, for `npm run
 * preview`): no loop filters (`for x in y if c`), no slices, no str methods (`.replace()` replaces
 * once in JavaScript, every time in Python): filters instead. A test compares both engines.
 */

// One wording of the marker notes, shared with the function (functions/mail-to-alert/marker-notes.ts).
const notesDict = `{${Object.entries(MARKER_NOTES)
  .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
  .join(", ")}}`;

/**
 * Title: the function's title (subject, sender, customer; it already leads with [UNVERIFIED] /
 * [OUTSIDE WINDOW]). A marker is added only when the title lacks it, e.g. for a payload built by
 * hand or an older function, so responders always see it first and never twice.
 */
const TITLE = String.raw`{%- set e = payload.event or {} -%}
{%- set m = payload.markers or [] -%}
{%- set title = payload.title or ((payload.subject or "(no subject)") ~ " - " ~ ((payload.customer or {}).name or e.customer or (payload["from"] or {}).address or "unknown sender")) -%}
{%- if "NOTIFY" in m and "[NOTIFY]" not in title %}[NOTIFY] {% endif -%}
{%- if "UNVERIFIED" in m and "[UNVERIFIED]" not in title %}[UNVERIFIED] {% endif -%}
{%- if "OUTSIDE_WINDOW" in m and "[OUTSIDE WINDOW]" not in title %}[OUTSIDE WINDOW] {% endif -%}
{{ title | truncate(200, true, "...", 0) }}`;

/**
 * Body: the mail as the function rendered it (the customer's words, then the header block with
 * sender, verdicts and its own marker notes). A marker note is added on top only when the message does not mention the
 * marker already, so a hand-built payload still warns and the function's payload is not doubled.
 */
const markerNotes = (bold: boolean) => String.raw`{%- set notes = ${notesDict} -%}
{%- set body = (payload.message or "") ~ "" -%}
{%- for k in (payload.markers or []) %}{% if k in notes and k not in body and (k | replace("_", " ")) not in body %}${bold ? "**" : ""}{{ notes[k] }}${bold ? "**" : ""}

{% endif %}{% endfor -%}`;

const MESSAGE = `${markerNotes(true)}
{{ payload.message or "(the mail has no readable body; open the source link)" }}`;

/**
 * The function's message is the customer's words, then a line `-- mail details --`, then the
 * header block (sender, verdicts, marker notes, the long raw-mail URL). Same text as
 * DETAILS_HEADING in functions/mail-to-alert/render.ts; a test renders the function's payloads.
 */
const DETAILS = "-- mail details --";
/** `payload.message` up to the last details line (all of it when there is none). */
const WORDS_OF = (msg: string) => String.raw`${msg} | regex_replace("(?s)\\A(.*)\\n\\n${DETAILS}\\n.*\\Z", "\\1")`;
const MOBILE_MAX = 2500;
const MOBILE_MIN_WORDS = 600;

/**
 * Mobile app and Slack: the customer's words first, cut to what those show well, then the header
 * block whole. A long text keeps about 70% of the budget from its start and 30% from its end, with
 * the omission between, like the function's own truncation: closing lines ("call me at …")
 * matter.
 */
const MOBILE_MESSAGE = String.raw`${markerNotes(false)}
{%- set msg = (payload.message or "(no readable body)") ~ "" -%}
{%- set words = ${WORDS_OF("msg")} -%}
{%- set details = (msg | regex_replace("(?s)\\A.*\\n\\n(${DETAILS}\\n)", "\\1")) if words != msg else "" -%}
{%- set budget = ${MOBILE_MAX} - (details | length) -%}
{%- if budget < ${MOBILE_MIN_WORDS} %}{% set budget = ${MOBILE_MIN_WORDS} %}{% endif -%}
{%- if (words | length) > budget -%}
{%- set tail = (budget * 3) // 10 -%}
{%- set head = budget - tail -%}
{%- set words = words | regex_replace("(?s)\\A(.{" ~ head ~ "}).*(.{" ~ tail ~ "})\\Z", "\\1\n[… " ~ ((words | length) - budget) ~ " characters omitted …]\n\\2") -%}
{%- endif -%}
{{ words }}{% if details %}

{{ details }}{% endif %}`;

// Speech and SMS: no URLs, no emoji or symbols a voice reads as noise; short enough to say in one breath.
const SPEAKABLE = String.raw`regex_replace("(https?://|www\\.)\\S+", " ") | regex_replace("[^\\w\\s.,:;!?'&-]", " ") | regex_replace("\\s+", " ") | trim`;
/** Reply and forward prefixes, as many as there are (same list as REPLY_PREFIX in functions/mail-to-alert/render.ts). */
const REPLY_PREFIXES = String.raw`(?i)\\A\\s*(?:(?:re|aw|sv|antw|fwd?|wg|fw|tr)\\s*(?:\\[\\d+\\])?\\s*:\\s*)+`;
/** What the function writes instead of a body; not words to read out. */
const BODY_PLACEHOLDERS = `["(empty body)", "(body unavailable: the mail could not be parsed)"]`;

/**
 * Phone call and SMS: "<customer> emergency: <subject>" without Re:/Fwd: prefixes, the customer
 * being the one the function recognised (payload.customer), else the event's; a mail without
 * subject is read by its first words (a salutation line skipped), like the function's title.
 */
const SPOKEN_TITLE = String.raw`{%- set e = payload.event or {} -%}
{%- set customer = (((payload.customer or {}).name or e.customer or "Customer") ~ "") | ${SPEAKABLE} -%}
{%- set subject = ((payload.subject or "") ~ "") | regex_replace("${REPLY_PREFIXES}", "") -%}
{%- set msg = (payload.message or "") ~ "" -%}
{%- set words = ${WORDS_OF("msg")} -%}
{%- if not (subject | trim) and words != msg and words not in ${BODY_PLACEHOLDERS} -%}
{%- set subject = words | regex_replace("\\A\\s*[^.!?:\\n]{1,40},[ \\t]*\\n(?=\\s*\\S)", "") -%}
{%- endif -%}
{%- set subject = subject | ${SPEAKABLE} -%}
{%- if "UNVERIFIED" in (payload.markers or []) %}Unverified. {% endif -%}
{{ customer or "Customer" }} emergency: {{ (subject | truncate(80, false, "", 0)) or "no subject" }}`;

export interface MailTemplates {
  readonly groupingKey: string;
  readonly resolveSignal: string;
  readonly sourceLink: string;
  readonly web: { readonly title: string; readonly message: string };
  readonly mobileApp: { readonly title: string; readonly message: string };
  readonly slack: { readonly title: string; readonly message: string };
  readonly phoneCall: { readonly title: string };
  readonly sms: { readonly title: string };
  readonly email: { readonly title: string; readonly message: string };
}

export const MAIL_TEMPLATES: MailTemplates = {
  // One alert group per mail thread; a duplicate delivery (SES/Lambda retry) lands in the same group.
  groupingKey: "{{ payload.alert_uid or payload.message_id or payload.title or payload.subject or payload.message }}",
  resolveSignal: '{{ payload.state == "ok" }}',
  sourceLink: "{{ payload.raw_mail_url or \"\" }}",
  web: { title: TITLE, message: MESSAGE },
  mobileApp: { title: TITLE, message: MOBILE_MESSAGE },
  slack: { title: TITLE, message: MOBILE_MESSAGE },
  phoneCall: { title: SPOKEN_TITLE },
  sms: { title: SPOKEN_TITLE },
  email: { title: TITLE, message: MESSAGE },
};

/**
 * Route of the notify lane, evaluated before every other route: low-urgency alerts (unverified,
 * unlisted colleague, doubtful automated) go to the notify chain, which pages nobody. A missing
 * lane (a hand-sent alert, an older function) is the page lane: fail safe for paging.
 */
export const NOTIFY_ROUTE_TEMPLATE = '{{ (payload.lane or "page") == "notify" }}';

/** What a route matches; every given field must match. */
export interface RouteMatch {
  /** Python `re` pattern searched in the subject (case-insensitive). */
  readonly subject?: string;
  /** Python `re` pattern searched in the sender address (case-insensitive). */
  readonly sender?: string;
  /** Slugs of the customers the function recognised (payload.customer.slug). */
  readonly customers?: readonly string[];
  /** Tiers of the recognised customer (payload.customer.tier). */
  readonly tiers?: readonly string[];
}

/**
 * Routing template of a route: true when every given pattern is found (Python `re.search`,
 * case-insensitive) in its field, and the recognised customer (payload.customer, absent for the
 * event's own senders) is one of `customers` / of one of `tiers`. Jinja2 routing instead of the
 * `regex` routing type, because `regex` searches the whole JSON payload, where "cto@" would also
 * match a Cc or the mail body. Customer lists are Jinja2 list literals (`x in [...]`), not regexes:
 * a slug needs no escaping and cannot match a longer one by accident.
 */
export function routeTemplate(match: RouteMatch, lane: "page" | "notify" = "page"): string {
  const lit = (pattern: string) => JSON.stringify(`(?i)${pattern.replace(/^\(\?i\)/, "")}`);
  const list = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(", ")}]`;
  const parts: string[] = [];
  if (match.subject !== undefined) parts.push(`((payload.subject or "") | regex_search(${lit(match.subject)}))`);
  if (match.sender !== undefined) parts.push(`(((payload["from"] or {}).address or "") | regex_search(${lit(match.sender)}))`);
  if (match.customers !== undefined) parts.push(`(((payload.customer or {}).slug or "") in ${list(match.customers)})`);
  if (match.tiers !== undefined) parts.push(`(((payload.customer or {}).tier or "") in ${list(match.tiers)})`);
  if (parts.length === 0) throw new Error("a route needs a subject, sender, customers or tiers to match");
  // Never route a notify-lane alert to a paging chain, even if the notify route were reordered;
  // a route of the notify integration takes notify-lane alerts only.
  const guard = lane === "page" ? `(payload.lane or "page") != "notify"` : `(payload.lane or "page") == "notify"`;
  return `{{ ${guard} and ${parts.join(" and ")} }}`;
}

/**
 * Terraform reads `${` and `%{` in any string as interpolation; Jinja2 text may contain them (a
 * regex like `x${`), so every template goes through this before it reaches a resource.
 */
export function terraformLiteral(s: string): string {
  // Function replacements: in a replacement string "$$" means one "$", which left "${" unescaped.
  return s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
