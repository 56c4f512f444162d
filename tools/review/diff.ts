import { assetHashes, normalizeAssets } from "./assets";
import { blocksOf } from "./blocks";
import { flatten } from "./flatten";
import { isSensitive } from "./mask";
import type { AttributeChange, Block, BlockDiff, Json, JsonObject, ReviewDiff, StackDiff, SynthSet } from "./model";
import { BLOCK_KINDS } from "./model";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Order of blocks in a stack: by kind (resources first), then type, then name. */
export function compareBlocks(a: Pick<Block, "kind" | "type" | "name">, b: Pick<Block, "kind" | "type" | "name">): number {
  return BLOCK_KINDS.indexOf(a.kind) - BLOCK_KINDS.indexOf(b.kind) || byString(a.type, b.type) || byString(a.name, b.name);
}

const same = (a: Json | undefined, b: Json | undefined) => JSON.stringify(a) === JSON.stringify(b);

function changesBetween(
  block: Block,
  before: Json | undefined,
  after: Json | undefined,
): AttributeChange[] {
  const left = before === undefined ? new Map<string, Json>() : flatten(before);
  const right = after === undefined ? new Map<string, Json>() : flatten(after);
  // Sorted so that the result does not depend on which side a path came from.
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort(comparePaths);
  const attributes: AttributeChange[] = [];
  for (const path of paths) {
    const b = left.get(path);
    const a = right.get(path);
    if (same(b, a)) continue;
    attributes.push({ path, before: b, after: a, sensitive: isSensitive(block, path, b, a) });
  }
  return attributes;
}

/** Compares flattened paths step by step, list indices numerically ([2] before [10]). */
export function comparePaths(a: string, b: string): number {
  const sa = a.split(/(\[\d+\])/).filter(Boolean);
  const sb = b.split(/(\[\d+\])/).filter(Boolean);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i]!;
    const y = sb[i]!;
    if (x === y) continue;
    const nx = /^\[(\d+)\]$/.exec(x);
    const ny = /^\[(\d+)\]$/.exec(y);
    if (nx && ny) return Number(nx[1]) - Number(ny[1]);
    return byString(x, y);
  }
  return sa.length - sb.length;
}

function diffBlock(base: Block | undefined, head: Block | undefined, baseHashes: Map<string, string>, headHashes: Map<string, string>): BlockDiff | undefined {
  const ref = (head ?? base)!;
  const id = { kind: ref.kind, type: ref.type, name: ref.name, address: ref.address };
  if (!head) return { ...id, action: "remove", attributes: [], assetsChanged: [] };
  const after = normalizeAssets(head.body, headHashes);
  if (!base) return { ...id, action: "add", attributes: changesBetween(head, undefined, after.value), assetsChanged: [] };
  const before = normalizeAssets(base.body, baseHashes);
  // Attributes are compared with content hashes masked; a changed hash is reported once per
  // block as "code changed" for the asset it belongs to.
  const attributes = changesBetween(head, before.value, after.value);
  const assetsChanged = changedAssets(base.body, head.body, baseHashes, headHashes);
  if (attributes.length === 0 && assetsChanged.length === 0) return undefined;
  return { ...id, action: "change", attributes, assetsChanged };
}

/** Names of the assets whose content hash, as mentioned by this block, differs between the sides. */
function changedAssets(before: Json, after: Json, baseHashes: Map<string, string>, headHashes: Map<string, string>): string[] {
  const mentioned = (body: Json, hashes: Map<string, string>) => {
    const text = JSON.stringify(body);
    return new Map([...hashes].filter(([h]) => text.includes(h)).map(([h, name]) => [name, h]));
  };
  const b = mentioned(before, baseHashes);
  const a = mentioned(after, headHashes);
  const names = new Set([...b.keys(), ...a.keys()]);
  return [...names].filter((n) => b.get(n) !== a.get(n)).sort(byString);
}

/** Does an expression string read `address` (e.g. `${data.aws_iam_policy_document.x.json}`)? */
function reads(value: string, address: string): boolean {
  const at = value.indexOf(address);
  if (at < 0 || !value.includes("${")) return false;
  const before = value[at - 1];
  const after = value[at + address.length];
  return !(before && /[\w.-]/.test(before)) && (after === undefined || /[.[}\s),]/.test(after));
}

/**
 * Blocks whose text did not change but which read a changed data source: they change in the plan
 * all the same (a new event adds its prefix to the policy document, and through it to the bucket
 * policy). Data sources reading changed data sources count as changed too, to a fixed point.
 */
function changesThroughData(headBlocks: ReadonlyMap<string, Block>, direct: readonly BlockDiff[]): Map<string, AttributeChange[]> {
  const changedData = new Set(direct.filter((d) => d.kind === "data" && d.action === "change").map((d) => d.address));
  const found = new Map<string, AttributeChange[]>();
  for (let grew = changedData.size > 0; grew; ) {
    grew = false;
    for (const block of headBlocks.values()) {
      const attrs: AttributeChange[] = [];
      for (const [path, value] of flatten(block.body)) {
        if (typeof value !== "string") continue;
        const via = [...changedData].find((a) => a !== block.address && reads(value, a));
        if (via) attrs.push({ path, before: value, after: value, sensitive: isSensitive(block, path, value, value), through: via });
      }
      if (attrs.length === 0 || found.has(block.address)) continue;
      found.set(block.address, attrs);
      if (block.kind === "data" && !changedData.has(block.address)) {
        changedData.add(block.address);
        grew = true;
      }
    }
  }
  return found;
}

function diffStack(stack: string, base: JsonObject | undefined, head: JsonObject | undefined): StackDiff {
  const baseBlocks = new Map((base ? blocksOf(base) : []).map((b) => [b.address, b]));
  const headBlocks = new Map((head ? blocksOf(head) : []).map((b) => [b.address, b]));
  const baseHashes = base ? assetHashes(base) : new Map<string, string>();
  const headHashes = head ? assetHashes(head) : new Map<string, string>();
  const all = [...new Map([...baseBlocks, ...headBlocks]).values()].sort(compareBlocks);
  const direct = new Map<string, BlockDiff>();
  for (const b of all) {
    const d = diffBlock(baseBlocks.get(b.address), headBlocks.get(b.address), baseHashes, headHashes);
    if (d) direct.set(b.address, d);
  }
  const indirect = base && head ? changesThroughData(headBlocks, [...direct.values()]) : new Map<string, AttributeChange[]>();
  const blocks: BlockDiff[] = [];
  for (const b of all) {
    const d = direct.get(b.address);
    const through = baseBlocks.has(b.address) ? indirect.get(b.address) : undefined;
    if (!through || (d && d.action !== "change")) {
      if (d) blocks.push(d);
      continue;
    }
    const own = d?.attributes ?? [];
    const extra = through.filter((t) => !own.some((a) => a.path === t.path));
    const id = { kind: b.kind, type: b.type, name: b.name, address: b.address };
    blocks.push({ ...id, action: "change", attributes: [...own, ...extra].sort((x, y) => comparePaths(x.path, y.path)), assetsChanged: d?.assetsChanged ?? [] });
  }
  const managed = blocks.filter((b) => b.kind === "resource");
  const counts = {
    add: managed.filter((b) => b.action === "add").length,
    change: managed.filter((b) => b.action === "change").length,
    remove: managed.filter((b) => b.action === "remove").length,
  };
  const status = !base ? "added" : !head ? "removed" : blocks.length > 0 ? "changed" : "unchanged";
  return { stack, status, blocks, counts };
}

/**
 * The desired-state difference between two synth outputs: per stack (sorted by name), per block
 * (resources, then data sources, outputs, providers, terraform settings; each by type then name),
 * per attribute (structural path order). Pure: same inputs, same result.
 */
export function diffSynth(base: SynthSet, head: SynthSet): ReviewDiff {
  const names = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort(byString);
  return { stacks: names.map((n) => diffStack(n, base[n], head[n])) };
}
