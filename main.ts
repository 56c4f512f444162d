import * as path from "node:path";
import { App } from "cdktf";
import { configDirFromEnv } from "./config/dir";
import { ConfigError } from "./config/errors";
import { loadConfig } from "./config/load";
import { buildApp } from "./stacks/app";
import { discardOutput, synthInto } from "./stacks/outdir";

// cdktf's CLI passes its --output folder as CDKTF_OUTDIR; `npm run synth` uses the default.
const outdir = path.resolve(process.env.CDKTF_OUTDIR || "cdktf.out");

// Validate everything before creating any construct. A bad config writes no stack, and removes
// the previous output: it describes a config that no longer exists (CI must not plan it).
const configDir = path.resolve(configDirFromEnv(process.env));
let config;
try {
  config = loadConfig(configDir);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    if (discardOutput(outdir)) process.stderr.write(`removed the previous ${path.relative(process.cwd(), outdir) || outdir}: it no longer matches the configuration\n`);
    process.exit(1);
  }
  throw e;
}
for (const w of config.warnings) process.stderr.write(`warning: ${w}\n`);

// Exactly the stacks of this config: synthesized into a fresh folder that replaces the old one.
synthInto(outdir, (dir) => {
  const app = new App({ outdir: dir });
  buildApp(app, config);
  app.synth();
});
