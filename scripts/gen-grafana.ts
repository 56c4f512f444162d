/**
 * Regenerates the cdktf TypeScript bindings for the Grafana provider's OnCall resources and data
 * sources, offline, from a `terraform providers schema -json` file.
 *
 *   npm run gen:grafana -- [schema.json] [--version "~> 4.45"] [--out .gen]
 *
 * Why not `cdktf get`: it runs `terraform init` to resolve the version, which needs the registry.
 * The generator itself only needs the schema, so we drive it directly. Only `grafana_oncall_*`
 * types are kept: the full provider is hundreds of resources nobody here uses, and keeping the
 * bindings small keeps typecheck and synth fast.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ConstructsMakerProviderTarget, Language, TerraformProviderConstraint } from "@cdktf/commons";
import { TerraformProviderGenerator } from "@cdktf/provider-generator/lib/get/generator/provider-generator";
import { CodeMaker } from "codemaker";

const ROOT = path.resolve(__dirname, "..");
const DEFAULT_SCHEMA = path.resolve(ROOT, "../shared/reference/grafana-provider-4.45.1-oncall-schema.json");
const DEFAULT_CONSTRAINT = "~> 4.45";
const OUTDIR = path.join(ROOT, ".gen");
const PROVIDER_KEY = "registry.terraform.io/grafana/grafana";
const KEEP = /^grafana_oncall_/;

export interface GenerateOptions {
  schemaPath: string;
  constraint: string;
  outdir: string;
}

function parseArgs(argv: string[]): GenerateOptions {
  let schemaPath = process.env.GRAFANA_SCHEMA_PATH ? path.resolve(ROOT, process.env.GRAFANA_SCHEMA_PATH) : DEFAULT_SCHEMA;
  let constraint = DEFAULT_CONSTRAINT;
  let outdir = OUTDIR;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--version") constraint = argv[++i];
    else if (argv[i] === "--out") outdir = path.resolve(argv[++i]);
    else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log("usage: npm run gen:grafana -- [schema.json] [--version '~> 4.45'] [--out .gen]");
      process.exit(0);
    } else schemaPath = path.resolve(argv[i]);
  }
  return { schemaPath, constraint, outdir };
}

type Block = Record<string, Record<string, unknown>>;

/** Keeps only the OnCall types and drops `provider_versions`, so the constraint is ours, not a pin. */
export function filterSchema(raw: Record<string, unknown>): Record<string, unknown> {
  const schemas = raw.provider_schemas as Record<string, Record<string, unknown>> | undefined;
  const provider = schemas?.[PROVIDER_KEY];
  if (!provider) throw new Error(`schema has no ${PROVIDER_KEY}; produce it with \`terraform providers schema -json\` in a folder that requires grafana/grafana`);
  const pick = (b: unknown): Block => Object.fromEntries(Object.entries((b ?? {}) as Block).filter(([k]) => KEEP.test(k)));
  return {
    format_version: raw.format_version,
    provider_schemas: {
      [PROVIDER_KEY]: {
        provider: provider.provider,
        resource_schemas: pick(provider.resource_schemas),
        data_source_schemas: pick(provider.data_source_schemas),
      },
    },
  };
}

/** Writes the bindings to `<outdir>/providers/grafana`, replacing what was there. */
export async function generate({ schemaPath, constraint, outdir }: GenerateOptions): Promise<{ resources: number; dataSources: number }> {
  if (!fs.existsSync(schemaPath)) throw new Error(`schema file not found: ${schemaPath}`);
  const schema = filterSchema(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
  const code = new CodeMaker();
  code.indentation = 2;
  const generator = new TerraformProviderGenerator(code, schema as never);
  generator.generate(new ConstructsMakerProviderTarget(new TerraformProviderConstraint(`grafana/grafana@${constraint}`), Language.TYPESCRIPT));
  fs.rmSync(path.join(outdir, "providers", "grafana"), { recursive: true, force: true });
  await code.save(outdir);
  const p = (schema.provider_schemas as Record<string, { resource_schemas: object; data_source_schemas: object }>)[PROVIDER_KEY];
  return { resources: Object.keys(p.resource_schemas).length, dataSources: Object.keys(p.data_source_schemas).length };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const n = await generate(options);
  console.log(`gen:grafana: ${n.resources} resources, ${n.dataSources} data sources from ${path.relative(ROOT, options.schemaPath)} -> ${path.relative(ROOT, options.outdir)}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`gen:grafana: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
