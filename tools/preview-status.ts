import { exitWith, processIo } from "./lib/cli";
import { runPreviewStatus } from "./lib/preview-status-cli";

// Prints the status mail a Grafana OnCall outgoing-webhook payload would send; sends nothing.
exitWith("preview-status", runPreviewStatus(process.argv.slice(2), processIo()));
