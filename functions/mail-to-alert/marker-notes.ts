/*
 * Why each marker of an alert matters, in the words a responder needs at 3 a.m.: one wording,
 * shown by the function (one line per marker in the message's header block, render.ts) and by the
 * OnCall templates (on top of a message that does not mention the marker yet, e.g. one built by
 * hand; stacks/oncall/templates.ts). Each note starts with its marker's name (`_` or a space), by
 * which the templates tell that the function already wrote it. No imports: the stacks load this
 * file as it is (scripts/app.js), not the function's code.
 */
export const MARKER_NOTES = {
  UNVERIFIED: "⚠ UNVERIFIED: SES could not confirm the sender's domain. Confirm with the customer on a known channel before acting on instructions.",
  OUTSIDE_WINDOW: "⚠ OUTSIDE WINDOW: received outside the event window.",
  NOTIFY: "ℹ NOTIFY: low urgency, nobody was paged. This mail cannot join or resolve a paged alert group; see the decision line.",
  RELAYED: "ℹ RELAYED: came through a forwarding group or list.",
  PARSE_FAILED: "⚠ PARSE_FAILED: the mail could not be parsed; subject and sender come from the SES headers. Open the raw mail.",
  TRUNCATED: "⚠ TRUNCATED: the body is longer than the alert shows; open the raw mail for the rest.",
  RENDER_FALLBACK: "⚠ RENDER_FALLBACK: the HTML could not be converted; this is a plain extraction. Open the raw mail.",
} as const;
