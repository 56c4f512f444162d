import { ConfigProblem, fieldPath } from "./errors";
import type { EventCandidate } from "./event-checks";
import { findNameCollisions, NamedEvent, namedObjects, OnCallName } from "./oncall-names";
import { rotationName } from "./oncall-schema";
import { located, positionOf } from "./yaml-source";

/** SES allows 200 rules per set; keep one free for hand-made rules during an incident. */
export const MAX_EVENTS = 199;

/** The checks across all event files: one owner per address, unique OnCall names, the SES rule limit. */
export function checkAcrossEvents(events: readonly EventCandidate[], problems: ConfigProblem[]): void {
  const owner = new Map<string, EventCandidate>();
  for (const e of events) {
    for (const { address, index } of e.addresses) {
      const first = owner.get(address);
      if (first) {
        const pos = positionOf(first.parsed, ["recipients", first.addresses.find((a) => a.address === address)!.index]);
        problems.push(
          located(
            e.parsed,
            ["recipients", index],
            `address ${address} is already used by event ${first.slug} (${first.parsed.file}:${pos.line ?? 1}:${pos.column ?? 1}); SES would deliver it to only one rule`,
            `- "${e.slug}"`,
          ),
        );
      } else owner.set(address, e);
    }
  }
  // Names are derived from the unique slug, so this holds by construction; checking the derived
  // names themselves keeps it true if the naming changes, and catches names equal but for case.
  const named = events.flatMap((e) => (e.named ? [{ owner: { candidate: e, named: e.named }, objects: namedObjects(e.named) }] : []));
  for (const c of findNameCollisions(named)) {
    const here = c.at.candidate.parsed;
    const there = c.first.candidate.parsed;
    const pos = positionOf(there, c.firstObject.path, false);
    const line = `${pos.line ?? 1}:${pos.column ?? 1}`;
    const where = here === there ? `${fieldPath(c.firstObject.path)} (line ${line})` : `event ${c.first.named.slug} (${there.file}:${line} ${fieldPath(c.firstObject.path)})`;
    problems.push(
      located(
        here,
        c.object.path,
        `gives the OnCall ${c.object.kind} name "${c.object.name}", already taken by ${where}; ` +
          `OnCall wants ${c.object.kind} names unique in the organisation (ignoring case), so rename one of them`,
        renameExample(c.at.named, c.object),
      ),
    );
  }
  if (events.length > MAX_EVENTS) {
    problems.push({
      file: events[MAX_EVENTS].parsed.file,
      field: "",
      message: `more than ${MAX_EVENTS} events: SES allows 200 rules per rule set`,
      fix: "retire finished events (delete their files)",
      line: 1,
      column: 1,
    });
  }
}

/** A rename that makes a colliding derived name unique again. */
function renameExample(e: NamedEvent, o: OnCallName): string {
  const [head, , , index] = o.path;
  if (head === "oncall" && o.path[1] === "schedule") return `name: "${rotationName(e.oncall.schedule.rotations[index as number], index as number)}-2"`;
  if (head === "oncall") return `${String(o.path[2])}-2:`;
  if (head === "title") return `title: "${e.title} 2"`;
  return `slug: "${e.slug}-2"`;
}
