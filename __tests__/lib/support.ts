import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, TerraformVariable, Testing, Tokenization } from "cdktf";
import { IConstruct } from "constructs";
import { GrafanaOnCallProvider } from "../../lib";

/**
 * Shared support of the construct tests under __tests__/lib: a stack with the providers a
 * consumer's app declares (the library uses the stack's default aws and grafana providers), its
 * synthesized JSON (validations run) and lookups by type or by construct.
 */

export const REGION = "eu-west-1";
export const ACCOUNT = "123456789012";
/** 2026-11-27 00:00 to 2026-11-28 00:00 in New York (05:00Z to 05:00Z). */
export const WINDOW = { start: new Date("2026-11-27T05:00:00Z"), end: new Date("2026-11-28T05:00:00Z"), timeZone: "America/New_York" } as const;

// Synthesized Terraform JSON is untyped; tests index into it freely.
export type Json = any;

export interface TfJson {
  readonly resource?: Record<string, Record<string, Json>>;
  readonly data?: Record<string, Record<string, Json>>;
  readonly output?: Record<string, Json>;
  readonly provider?: Record<string, Json[]>;
  readonly terraform?: Json;
  readonly variable?: Record<string, Json>;
  readonly locals?: Record<string, Json>;
}

export interface Synth {
  /** The stack's JSON, for cdktf's matchers (`toHaveResourceWithProperties`, snake_case keys). */
  readonly json: string;
  readonly tf: TfJson;
  /** Every resource of a type, in synth order. */
  resources(type: string): Json[];
  /** Every data source of a type. */
  data(type: string): Json[];
  /** The single resource of a type (fails when there are none or several). */
  only(type: string): Json;
  /** The JSON of one resource or data source the construct tree holds. */
  of(element: TerraformResource | TerraformDataSource): Json;
}

let stubZip: string | undefined;
/**
 * A stand-in deployment package (an empty zip archive) for `codeZip`: these tests check wiring,
 * not the function. Self-made, so the library's tests need nothing of the YAML app.
 */
export function stubFunctionCode(): string {
  if (!stubZip) {
    stubZip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2o-lib-fn-")), "function.zip");
    fs.writeFileSync(stubZip, Buffer.concat([Buffer.from("PK\x05\x06", "latin1"), Buffer.alloc(18)]));
  }
  return stubZip;
}

/** A fresh stack with an AWS provider (region `REGION`), the library's Grafana provider and the random provider. */
export function testStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new AwsProvider(stack, "aws", { region: REGION });
  new GrafanaOnCallProvider(stack, "grafana");
  // The status endpoint's shared secret (replies) is a random_password.
  new RandomProvider(stack, "random");
  return stack;
}

/** Synthesizes a stack with validations, as `cdktf synth` would. */
export function synth(stack: TerraformStack): Synth {
  const json = Testing.synth(stack, true);
  const tf = JSON.parse(json) as TfJson;
  const resources = (type: string) => Object.values(tf.resource?.[type] ?? {});
  return {
    json,
    tf,
    resources,
    data: (type) => Object.values(tf.data?.[type] ?? {}),
    only(type) {
      const all = resources(type);
      if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
      return all[0];
    },
    of(element) {
      const block = element instanceof TerraformDataSource ? tf.data : tf.resource;
      const found = block?.[element.terraformResourceType]?.[element.friendlyUniqueId];
      if (found === undefined) throw new Error(`${element.terraformResourceType}.${element.friendlyUniqueId} is not in the synthesized stack`);
      return found;
    },
  };
}

/** A new test stack, built on by `build`, synthesized. */
export function synthWith(build: (stack: TerraformStack) => void): Synth {
  const stack = testStack();
  build(stack);
  return synth(stack);
}

/** The Terraform expression of an attribute, as it appears in the JSON: `${aws_sqs_queue.q.arn}`. */
export function ref(element: TerraformResource | TerraformDataSource, attribute: string): string {
  const prefix = element instanceof TerraformDataSource ? "data." : "";
  return `\${${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}.${attribute}}`;
}

/** A value as it will appear in the JSON: tokens become Terraform expressions (`${var.x}`). */
export function resolve(scope: IConstruct, value: unknown): Json {
  return Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false });
}

/** The address of a resource in the JSON, as `depends_on` lists it: `aws_sqs_queue.q`. */
export function address(element: TerraformResource): string {
  return `${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

/** A child construct by id, typed (for the resources a construct does not expose). */
export function child<T>(scope: { readonly node: { findChild(id: string): unknown } }, id: string, type: abstract new (...args: never[]) => T): T {
  const found = scope.node.findChild(id);
  if (!(found instanceof type)) throw new Error(`child ${id} is not a ${type.name}`);
  return found;
}

/** A number known only at plan time (`TerraformVariable` of type number) and its JSON form. */
export function numberVariable(stack: TerraformStack, name: string): { readonly value: number; readonly json: string } {
  return { value: new TerraformVariable(stack, name, { type: "number" }).numberValue, json: `\${var.${name}}` };
}

/** A string known only at plan time and its JSON form. */
export function stringVariable(stack: TerraformStack, name: string): { readonly value: string; readonly json: string } {
  return { value: new TerraformVariable(stack, name, { type: "string" }).stringValue, json: `\${var.${name}}` };
}

/** IAM statements of a synthesized `data aws_iam_policy_document`. */
export interface Statement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: string[];
  readonly resources?: string[];
  readonly principals?: { type: string; identifiers: string[] }[];
  readonly condition?: { test: string; variable: string; values: string[] }[];
}

export function statements(doc: Json): Statement[] {
  return (doc.statement ?? []) as Statement[];
}

/** Expects an Allow statement to be least privilege: named actions (no `*`) on named resources. */
export function expectLeastPrivilege(s: Statement): void {
  expect(s.effect).toBe("Allow");
  expect(s.actions?.length).toBeGreaterThan(0);
  for (const a of s.actions ?? []) expect(a).not.toContain("*");
  expect(s.resources?.length).toBeGreaterThan(0);
  for (const r of s.resources ?? []) expect(r).not.toBe("*");
}
