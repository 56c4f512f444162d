import { createHash } from "node:crypto";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";

/**
 * A resource name derived from a construct's ids below its stack (`checkout-inbox-fn`), for props
 * whose name the consumer did not give: readable, stable while the tree is, and unique in the
 * stack. Lower-case letters, digits and `-`; longer than `max` ends in a hash of the whole path.
 * Ids named "Default" are skipped, as in Terraform logical ids.
 */
export function nameFrom(scope: Construct, suffix: string, max = 64): string {
  const stack = TerraformStack.of(scope);
  const parts: string[] = [];
  for (let c: Construct | undefined = scope; c && c !== stack; c = c.node.scope) if (c.node.id !== "Default") parts.unshift(c.node.id);
  const raw = [...parts, suffix].filter(Boolean).join("-").toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
  if (raw.length <= max) return raw;
  const hash = createHash("sha256").update(raw).digest("hex").slice(0, 8);
  return `${raw.slice(0, max - 9).replace(/-$/, "")}-${hash}`;
}
