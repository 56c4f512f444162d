import { exitWith, processIo } from "./lib/cli";
import { runCanary } from "./lib/canary-cli";

// npm run canary -- --event <slug> [--smtp 127.0.0.1:2525]: one signed canary per address, now.
exitWith("canary", runCanary(process.argv.slice(2), processIo()));
