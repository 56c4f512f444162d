import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing, TerraformStack } from "cdktf";
import { ConfigError, ConfigProblem, formatProblem } from "../../config/errors";
import { AppConfig, loadConfig } from "../../config/load";
import { buildApp, BuiltApp } from "../../stacks/app";
import { zipFiles } from "../../stacks/zip";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

export const FOUNDATION_YAML = `region: eu-west-1
mailDomain: oncall.example.com
parentZone:
  name: example.com
rawMail:
  retentionDays: 30
tags:
  team: platform
`;

export function eventYaml(slug: string, extra = ""): string {
  return `slug: ${slug}
title: Event ${slug}
customer: Acme Shop
recipients:
  - ${slug}
window:
  start: "2026-11-26T18:00"
  end: "2026-12-01T06:00"
  timeZone: America/New_York
trustedSenders:
  addresses: [cto@acme-shop.example]
  domains: [ops.acme-shop.example]
oncall:
  schedule:
    rotations:
      - users: [alice, bob, carol]
        every: 12h
${extra}`;
}

/** Writes config files into a fresh temp folder and returns its path (`customers/x.yaml` makes the registry folder inside it). */
export function configDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2o-config-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The repository's customer registry as `configDir` entries (`customers/<slug>.yaml`). */
export function exampleCustomers(): Record<string, string> {
  const dir = path.join(REPO_ROOT, "customers");
  return Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => [`customers/${f}`, fs.readFileSync(path.join(dir, f), "utf8")]));
}

export function loadFiles(files: Record<string, string>): AppConfig {
  return loadConfig(configDir(files));
}

/** The problems a rejected config reports (fails the test when the config loads). */
export function problemsOf(files: Record<string, string>): ConfigProblem[] {
  try {
    loadFiles(files);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  throw new Error("expected the config to be rejected");
}

/** The problems of a config folder exactly as synth prints them, the temporary folder shown as `events/`. */
export function problemLines(files: Record<string, string>): string[] {
  const dir = configDir(files);
  try {
    loadConfig(dir);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const rel = path.relative(process.cwd(), dir);
    return e.problems.map((p) => formatProblem(p).split(rel).join("events"));
  }
  throw new Error("expected the config to be rejected");
}

let stubCode: string | undefined;
/** A tiny stand-in for the bundled function's zip: construct tests check wiring, not the function. */
export function stubFunctionCode(): string {
  if (!stubCode) {
    stubCode = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2o-fn-")), "function.zip");
    fs.writeFileSync(stubCode, zipFiles({ "index.mjs": Buffer.from("export const handler = async () => ({});\n") }));
  }
  return stubCode;
}

export interface Synthesized {
  readonly built: BuiltApp;
  readonly json: Record<string, string>;
  readonly parsed: Record<string, TfJson>;
}

export interface TfJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, Record<string, unknown>>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
}

export function synthConfig(config: AppConfig): Synthesized {
  const app = Testing.app();
  const built = buildApp(app, config, { functionCodeZip: stubFunctionCode() });
  const stacks: TerraformStack[] = [built.foundation, ...built.events];
  const json: Record<string, string> = {};
  const parsed: Record<string, TfJson> = {};
  for (const s of stacks) {
    json[s.node.id] = Testing.synth(s, true);
    parsed[s.node.id] = JSON.parse(json[s.node.id]);
  }
  return { built, json, parsed };
}

export function synthFiles(files: Record<string, string>): Synthesized {
  return synthConfig(loadFiles(files));
}

/** The single resource of a type in a stack (fails when there are several). */
export function only(tf: TfJson, type: string): Record<string, unknown> {
  const all = Object.values(tf.resource[type] ?? {});
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

export function resources(tf: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(tf.resource[type] ?? {});
}

export function dataSources(tf: TfJson, type: string): Record<string, unknown>[] {
  return Object.values(tf.data?.[type] ?? {});
}
