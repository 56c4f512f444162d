import * as path from "node:path";
import { App } from "cdktf";
import { ConfigError } from "./config/errors";
import { loadConfig } from "./config/load";
import { buildApp } from "./stacks/app";

// Validate everything before creating any construct: a bad config must leave cdktf.out untouched.
const configDir = process.env.EMAIL_TO_ONCALL_CONFIG_DIR || path.join(process.cwd(), "events");
let config;
try {
  config = loadConfig(configDir);
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
for (const w of config.warnings) process.stderr.write(`warning: ${w}\n`);

const app = new App();
buildApp(app, config);
app.synth();
