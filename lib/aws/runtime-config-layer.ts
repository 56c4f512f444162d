import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LambdaLayerVersion } from "@cdktf/provider-aws/lib/lambda-layer-version";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { RUNTIME_CONFIG_LAYER_PATH } from "../../functions/mail-to-alert/contract";
import { unzipFiles, zipFiles } from "../core/zip";

/** The runtime config a layer zip holds (the review and tests read it back). */
export function runtimeConfigOfLayerZip(zip: Buffer): string | undefined {
  return unzipFiles(zip)[RUNTIME_CONFIG_LAYER_PATH]?.toString("utf8");
}

export interface RuntimeConfigLayerProps {
  /** Layer name (letters, digits, - and _). */
  readonly layerName: string;
  /** The runtime config as JSON, with no Terraform references (a file cannot resolve them). */
  readonly configJson: string;
  readonly runtime: string;
}

/**
 * The function's runtime config as a Lambda layer (issue 13): a synth-time zip holding
 * `/opt/email-to-oncall/runtime-config.json`, which the function reads once per cold start.
 * Why a layer: Lambda's environment holds 4 KB, and hundreds of customers' senders need more; a
 * layer needs no IAM grant and no read at cold start from another service (an S3 object would add
 * both, and in the raw-mail bucket its lifecycle would expire it), and a new config is a new layer
 * version, so the function's configuration changes and every instance starts cold with it.
 */
export class RuntimeConfigLayer extends Construct {
  public readonly layer: LambdaLayerVersion;
  /** SHA-256 (hex) of the JSON: the function checks the file against it. */
  public readonly sha256: string;
  /** Where the function finds the file. */
  public readonly filePath = `/opt/${RUNTIME_CONFIG_LAYER_PATH}`;
  /** The zip written at synth (content-addressed, in the temporary folder). */
  public readonly zipPath: string;

  constructor(scope: Construct, id: string, props: RuntimeConfigLayerProps) {
    super(scope, id);
    this.sha256 = createHash("sha256").update(props.configJson).digest("hex");
    // Content-addressed: the same config is the same file (and asset hash) in every synth.
    const zip = path.join(os.tmpdir(), "email-to-oncall-runtime-config", this.sha256, "runtime-config.zip");
    this.zipPath = zip;
    if (!fs.existsSync(zip)) {
      fs.mkdirSync(path.dirname(zip), { recursive: true });
      const tmp = `${zip}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, zipFiles({ [RUNTIME_CONFIG_LAYER_PATH]: Buffer.from(props.configJson, "utf8") }));
      fs.renameSync(tmp, zip);
    }
    const asset = new TerraformAsset(this, "zip", { path: zip, type: AssetType.FILE });
    this.layer = new LambdaLayerVersion(this, "layer", {
      layerName: props.layerName,
      description: `Runtime config (sha256 ${this.sha256.slice(0, 16)}); not code`,
      filename: asset.path,
      sourceCodeHash: asset.assetHash,
      compatibleRuntimes: [props.runtime],
      compatibleArchitectures: ["arm64"],
      // The new version exists before the old goes, so the function always points at a live one.
      lifecycle: { createBeforeDestroy: true },
    });
  }
}
