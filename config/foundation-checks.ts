import { bucketNameFor } from "./bucket-name";
import { ConfigProblem } from "./errors";
import { SES_INBOUND_REGIONS } from "./regions";
import type { FoundationConfig } from "./schema";
import { located, ParsedFile } from "./yaml-source";

/*
 * The checks of foundation.yaml that the schema cannot make (across its fields, or soft ones that
 * only warn), run on the fields that validated.
 */

/** Checks across the fields of the foundation file; a region without SES inbound is a warning. */
export function checkFoundation(f: Partial<FoundationConfig>, parsed: ParsedFile, problems: ConfigProblem[], warnings: string[]): void {
  if (f.region !== undefined && !SES_INBOUND_REGIONS.includes(f.region)) {
    warnings.push(
      `${parsed.file}: region ${f.region} has no SES inbound endpoint; mail to ${f.mailDomain ?? "the mail domain"} will not be received there. ` +
        `Regions that receive: ${SES_INBOUND_REGIONS.join(", ")}.`,
    );
  }
  if (f.mailDomain === undefined) return;
  if (f.mailDomain.split(".").length < 3) {
    // The apex is the zone to delegate from; the mail domain is a name below it.
    problems.push(
      located(
        parsed,
        ["mailDomain"],
        `must be a subdomain (at least three labels): an MX on ${f.mailDomain} itself would take over all mail of the domain; ` +
          `use a name below it, delegated from the parent zone ${f.mailDomain} (parentZone.name: ${f.mailDomain})`,
        `mailDomain: "oncall.${f.mailDomain}"`,
      ),
    );
  } else if (f.parentZone && !f.mailDomain.endsWith(`.${f.parentZone.name}`)) {
    problems.push(
      located(parsed, ["parentZone", "name"], `must be a parent of mailDomain ${f.mailDomain}`, `name: "${f.mailDomain.split(".").slice(1).join(".")}"`),
    );
  }
  if (f.backend?.type === "s3" && f.rawMail && f.namePrefix && f.backend.bucket === bucketNameFor({ rawMail: f.rawMail, namePrefix: f.namePrefix, mailDomain: f.mailDomain })) {
    problems.push(
      located(parsed, ["backend", "bucket"], "must not be the raw-mail bucket: state and mail have different lifecycles and access", `bucket: "${f.namePrefix}-terraform-state"`),
    );
  }
}
