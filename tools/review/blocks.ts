import type { Block, BlockKind, Json, JsonObject } from "./model";
import { BLOCK_KINDS } from "./model";

/** cdktf writes construct paths and ids under "//" keys; they are not desired state. */
export function stripMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value !== null && typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (k !== "//") out[k] = stripMetadata(v);
    return out;
  }
  return value;
}

const isObject = (v: Json | undefined): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);

/** Splits one synthesized stack into addressable blocks (unsorted; the diff orders them). */
export function blocksOf(stackJson: JsonObject): Block[] {
  const blocks: Block[] = [];
  const add = (kind: BlockKind, type: string, name: string, address: string, body: Json) =>
    blocks.push({ kind, type, name, address, body: stripMetadata(body) });

  for (const kind of BLOCK_KINDS) {
    const section = stackJson[kind];
    if (section === undefined) continue;
    switch (kind) {
      case "resource":
      case "data":
        if (!isObject(section)) break;
        for (const [type, byName] of Object.entries(section)) {
          if (!isObject(byName)) continue;
          for (const [name, body] of Object.entries(byName)) {
            add(kind, type, name, kind === "data" ? `data.${type}.${name}` : `${type}.${name}`, body);
          }
        }
        break;
      case "provider":
        if (!isObject(section)) break;
        for (const [type, configs] of Object.entries(section)) {
          // cdktf emits a list per provider (one entry per alias); a bare object is accepted too.
          const list = Array.isArray(configs) ? configs : [configs];
          for (const cfg of list) {
            const alias = isObject(cfg) && typeof cfg.alias === "string" ? cfg.alias : undefined;
            const name = alias ?? "default";
            add(kind, type, name, alias ? `provider.${type}.${alias}` : `provider.${type}`, cfg);
          }
        }
        break;
      case "terraform":
      case "locals":
        add(kind, kind, kind, kind, section);
        break;
      default:
        if (!isObject(section)) break;
        for (const [name, body] of Object.entries(section)) add(kind, kind, name, `${kind}.${name}`, body);
    }
  }
  return blocks;
}
