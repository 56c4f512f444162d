import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The deployment package of the mail-to-alert function that ships with the published library
 * (`dist/assets/mail-to-alert.zip`, built once by `npm run build:lib` when the package is packed),
 * so a consumer needs no bundler at synth. Inside this repository the app bundles the function
 * itself (stacks/function-bundle.ts) and passes `codeZip`.
 */
export function shippedFunctionZip(): string {
  const zip = path.join(__dirname, "..", "..", "assets", "mail-to-alert.zip");
  if (!fs.existsSync(zip)) throw new Error(`EmergencyInbox: no prebuilt function bundle at ${zip}; pass codeZip, or build the package with npm run build:lib`);
  return zip;
}

/**
 * The dlq-reminder function's package shipped with the library (`dist/assets/dlq-reminder.zip`,
 * built with the other by `npm run build:lib`); EmergencyInbox uses it unless `reminder.codeZip` is given.
 */
export function shippedReminderZip(): string {
  const zip = path.join(__dirname, "..", "..", "assets", "dlq-reminder.zip");
  if (!fs.existsSync(zip)) throw new Error(`EmergencyInbox: no prebuilt reminder bundle at ${zip}; pass reminder.codeZip, or build the package with npm run build:lib`);
  return zip;
}

/**
 * The canary function's package shipped with the library (`dist/assets/canary.zip`); EmergencyInbox
 * uses it unless `canary.codeZip` is given.
 */
export function shippedCanaryZip(): string {
  const zip = path.join(__dirname, "..", "..", "assets", "canary.zip");
  if (!fs.existsSync(zip)) throw new Error(`EmergencyInbox: no prebuilt canary bundle at ${zip}; pass canary.codeZip, or build the package with npm run build:lib`);
  return zip;
}

/** The reply-sender function's package shipped with the library (`dist/assets/reply-sender.zip`). */
export function shippedReplySenderZip(): string {
  const zip = path.join(__dirname, "..", "..", "assets", "reply-sender.zip");
  if (!fs.existsSync(zip)) throw new Error(`EmergencyInbox: no prebuilt reply-sender bundle at ${zip}; pass replies.senderCodeZip, or build the package with npm run build:lib`);
  return zip;
}

/** The oncall-status function's package shipped with the library (`dist/assets/oncall-status.zip`). */
export function shippedStatusZip(): string {
  const zip = path.join(__dirname, "..", "..", "assets", "oncall-status.zip");
  if (!fs.existsSync(zip)) throw new Error(`EmergencyInbox: no prebuilt oncall-status bundle at ${zip}; pass replies.status.codeZip, or build the package with npm run build:lib`);
  return zip;
}
