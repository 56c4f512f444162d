import { runPreview } from "./lib/preview-cli";

// Prints the decision and the exact alert payload for a raw mail, with the events/ config; sends nothing.
runPreview(process.argv.slice(2), (s) => process.stdout.write(s)).then((code) => {
  process.exitCode = code;
});
