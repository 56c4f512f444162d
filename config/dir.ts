/**
 * Where the configuration lives: one name for every entry point. `npm run synth` (which cdktf
 * starts without flags) reads only the environment variable; the tools in tools/ take the flag
 * `--config-dir` too (tools/lib/cli.ts), the flag winning over the variable.
 */
export const CONFIG_DIR_ENV = "EMAIL_TO_ONCALL_CONFIG_DIR";
export const CONFIG_DIR_FLAG = "config-dir";
export const DEFAULT_CONFIG_DIR = "events";

/** The config folder named by the environment, else `events` (relative to the working directory). */
export function configDirFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  return env[CONFIG_DIR_ENV] || DEFAULT_CONFIG_DIR;
}
