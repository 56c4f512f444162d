import { processIo } from "./lib/cli";
import { runLocal } from "./lib/local-cli";

// npm run local: SES on your machine (see `npm run local -- --help`). Runs until SIGINT/SIGTERM.
runLocal(process.argv.slice(2), processIo(), (server) => {
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`local failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
