import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformStack } from "cdktf";
import type { FoundationConfig } from "../config/schema";

/** Terraform state for one stack: a local file, or one key per stack in S3 with a native lock file. */
export function configureBackend(stack: TerraformStack, stackName: string, backend: FoundationConfig["backend"]): void {
  if (backend.type === "local") {
    // Relative to cdktf.out/stacks/<stack>, where terraform runs.
    new LocalBackend(stack, { path: `../../../${backend.directory}/${stackName}.tfstate` });
    return;
  }
  const s3 = new S3Backend(stack, {
    bucket: backend.bucket,
    key: `${backend.keyPrefix}/${stackName}.tfstate`,
    region: backend.region,
    encrypt: true,
    kmsKeyId: backend.kmsKeyId,
  });
  // cdktf 0.21 has no typed option for S3 native locking (Terraform >= 1.10); DynamoDB locking is deprecated.
  s3.addOverride("use_lockfile", true);
}

/** The AWS provider every stack uses: the configured region and tags on every resource. */
export function awsProvider(stack: TerraformStack, f: FoundationConfig, stackTags: Record<string, string>): AwsProvider {
  return new AwsProvider(stack, "aws", {
    region: f.region,
    defaultTags: [{ tags: { ...f.tags, app: "email-to-oncall", ...stackTags } }],
  });
}
