import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The environment a bundled function gets in these tests: AWS clients pointed at a 127.0.0.1 stand-in, fake credentials. */
export function localAwsEnv(endpoint: string, home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: home,
    NODE_NO_WARNINGS: "1",
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "AKIDLOCALTEST",
    AWS_SECRET_ACCESS_KEY: "local-test-secret",
    ...extra,
  };
}

/**
 * Imports a bundled `index.mjs` in a fresh process of `node` (this Node or Node 22) and calls its
 * handler with each event; returns what each call returned (lines `OUTCOME <json>` on stdout) and
 * the whole stdout (the function's own log and EMF lines).
 */
export async function invokeBundledWithLog(node: string, indexMjs: string, events: readonly unknown[], env: Record<string, string>): Promise<{ outcomes: any[]; stdout: string }> {
  const script = `const m = await import(${JSON.stringify("file://" + indexMjs)}); for (const e of JSON.parse(process.env.TEST_EVENTS)) process.stdout.write("OUTCOME " + JSON.stringify(await m.handler(e)) + "\\n");`;
  const { stdout } = await run(node, ["--input-type=module", "-e", script], { env: { ...env, TEST_EVENTS: JSON.stringify(events) } });
  const outcomes = stdout
    .split("\n")
    .filter((l) => l.startsWith("OUTCOME "))
    .map((l) => JSON.parse(l.slice(8)));
  return { outcomes, stdout };
}

/** Same, the handler's return values only. */
export async function invokeBundled(node: string, indexMjs: string, events: readonly unknown[], env: Record<string, string>): Promise<any[]> {
  return (await invokeBundledWithLog(node, indexMjs, events, env)).outcomes;
}
