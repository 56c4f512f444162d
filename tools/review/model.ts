/**
 * Shapes shared by the review modules. A "synth set" is what `cdktf synth` wrote, keyed by stack:
 * `{ [stack]: parsed cdk.tf.json }`. Everything downstream of loading is pure over these values.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Parsed `cdktf.out/stacks/<stack>/cdk.tf.json` files by stack name. */
export type SynthSet = Readonly<Record<string, JsonObject>>;

/** Kinds of top-level Terraform blocks, in the order the review lists them. */
export const BLOCK_KINDS = ["resource", "data", "output", "provider", "terraform", "variable", "locals", "module"] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** One addressable block of a stack: a resource, data source, output, provider config, ... */
export interface Block {
  readonly kind: BlockKind;
  /** Resource/data type, provider name, or the kind itself for single blocks (output, terraform). */
  readonly type: string;
  readonly name: string;
  /** Terraform-style address, e.g. `aws_s3_bucket.raw_mail` or `data.aws_caller_identity.current`. */
  readonly address: string;
  /** Body with cdktf's `//` metadata removed. */
  readonly body: Json;
}

export interface AttributeChange {
  /** Sorted-stable path such as `environment[0].variables.EVENT_CONFIG⟨json⟩.trustedSenders.addresses`. */
  readonly path: string;
  /** undefined = attribute absent on that side. */
  readonly before: Json | undefined;
  readonly after: Json | undefined;
  readonly sensitive: boolean;
  /**
   * Set when the text is the same on both sides but it reads a data source (or output of one)
   * that changed, e.g. a bucket policy `${data.aws_iam_policy_document.x.json}`: Terraform will
   * still change the value. The address of that data source.
   */
  readonly through?: string;
}

export interface BlockDiff {
  readonly kind: BlockKind;
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly action: "add" | "remove" | "change";
  /** For "change": the attributes that differ. For "add": every attribute (after). Empty for "remove". */
  readonly attributes: readonly AttributeChange[];
  /** Names of assets (e.g. the function bundle) whose content changed for this block. */
  readonly assetsChanged: readonly string[];
}

export interface StackDiff {
  readonly stack: string;
  readonly status: "added" | "removed" | "changed" | "unchanged";
  readonly blocks: readonly BlockDiff[];
  readonly counts: { readonly add: number; readonly change: number; readonly remove: number };
}

export interface ReviewDiff {
  readonly stacks: readonly StackDiff[];
}
