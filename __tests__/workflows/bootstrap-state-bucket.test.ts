import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// scripts/bootstrap-state-bucket.sh against a fake `aws` that records calls (no AWS here).
const SCRIPT = path.join(__dirname, "..", "..", "scripts", "bootstrap-state-bucket.sh");
const FAKE_AWS = `#!/usr/bin/env bash
printf '%s\\n' "$*" >>"$AWS_CALLS"
case "$*" in
  *head-bucket*) [ -n "$BUCKET_EXISTS" ] ;;
  *get-caller-identity*) echo "arn:aws:iam::123456789012:user/admin" ;;
esac
`;

function run(args: string[], exists = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bootstrap-"));
  fs.mkdirSync(path.join(dir, "bin"));
  fs.writeFileSync(path.join(dir, "bin", "aws"), FAKE_AWS, { mode: 0o755 });
  const calls = path.join(dir, "calls");
  const res = spawnSync("bash", [SCRIPT, ...args], { encoding: "utf8", env: { ...process.env, PATH: `${dir}/bin:${process.env.PATH}`, AWS_CALLS: calls, BUCKET_EXISTS: exists ? "1" : "" } });
  const log = fs.existsSync(calls) ? fs.readFileSync(calls, "utf8") : "";
  fs.rmSync(dir, { recursive: true, force: true });
  return { res, log };
}

describe("bootstrap-state-bucket.sh", () => {
  test("creates a versioned, encrypted, private, TLS-only bucket", () => {
    const { res, log } = run(["acme-tf-state", "eu-west-1"]);
    expect(res.status).toBe(0);
    expect(log).toContain("s3api create-bucket --bucket acme-tf-state --create-bucket-configuration LocationConstraint=eu-west-1");
    expect(log).toContain("put-bucket-versioning --bucket acme-tf-state --versioning-configuration Status=Enabled");
    expect(log).toMatch(/put-bucket-encryption .*"SSEAlgorithm":"AES256"/);
    expect(log).toContain("BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
    const policy = log.slice(log.indexOf("put-bucket-policy"));
    expect(policy).toContain('"aws:SecureTransport": "false"');
    expect(policy).toContain('"Effect": "Deny"');
    expect(policy).toContain('"arn:aws:s3:::acme-tf-state/*"');
    // Every call names the region (no call line starts with the service directly).
    expect(log).not.toMatch(/^(s3api|sts) /m);
    expect(log.match(/^--region eu-west-1 (s3api|sts) /gm)!.length).toBeGreaterThanOrEqual(8);
  });

  test("uses the KMS key when given, does not recreate an existing bucket, and us-east-1 has no location constraint", () => {
    const kms = run(["acme-tf-state", "eu-west-1", "arn:aws:kms:eu-west-1:123456789012:alias/tf"], true).log;
    expect(kms).not.toContain("create-bucket");
    expect(kms).toMatch(/"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"arn:aws:kms:eu-west-1:123456789012:alias\/tf"/);
    const use1 = run(["acme-tf-state", "us-east-1"]).log;
    expect(use1).toMatch(/create-bucket --bucket acme-tf-state\n/);
  });

  test("refuses to run without bucket and region", () => {
    expect(run([]).res.status).not.toBe(0);
  });
});
