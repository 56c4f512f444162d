import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { LambdaFunctionConfig } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, TerraformAsset } from "cdktf";
import type { Construct } from "constructs";

/**
 * What every small function of the line shares (the reminder, the canary, the reply sender, the
 * status endpoint): the bundled `index.mjs` zip as an asset (id `code` in `scope`), Node 22 on
 * arm64, and JSON logs into its own log group (created first, so Lambda never makes an unbounded one).
 */
export function bundledCode(scope: Construct, codeZip: string, logGroup: CloudwatchLogGroup): Pick<LambdaFunctionConfig, "runtime" | "architectures" | "handler" | "filename" | "sourceCodeHash" | "loggingConfig"> {
  const code = new TerraformAsset(scope, "code", { path: codeZip, type: AssetType.FILE });
  return {
    runtime: "nodejs22.x",
    architectures: ["arm64"],
    handler: "index.handler",
    filename: code.path,
    sourceCodeHash: code.assetHash,
    loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
  };
}
