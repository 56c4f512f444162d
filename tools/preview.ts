import { exitWith, processIo } from "./lib/cli";
import { runPreview } from "./lib/preview-cli";

// Prints the decision, the responder's view and the exact alert payload for a raw mail; sends nothing.
exitWith("preview", runPreview(process.argv.slice(2), processIo()));
