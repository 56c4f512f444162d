import { randomBytes } from "node:crypto";
import { sesRawSender, ssmSecret } from "./aws";
import { loadCanarySettings } from "./contract";
import { createCanaryHandler } from "./handler";

// Validated at cold start; AWS_REGION is set by the Lambda runtime.
const settings = loadCanarySettings(process.env);
const key = ssmSecret(settings.keyParameter, settings.region);
const run = createCanaryHandler({
  settings,
  // Read on every run (one GetParameter per interval): a warm canary must not keep signing with a
  // rotated-out key while the mail function already verifies with the new one (found in review).
  key: () => key(true),
  sender: sesRawSender(settings.region),
  now: () => new Date(),
  nonce: () => randomBytes(16).toString("hex"),
  log: (line) => void process.stdout.write(line + "\n"),
});

/** EventBridge scheduled event: its content is not needed, the schedule is the trigger. */
export const handler = async () => run();
