#!/usr/bin/env bash
# One-time bootstrap of the Terraform state bucket (the S3 backend cannot create its own bucket).
# Idempotent: re-running re-applies the same settings. Needs the AWS CLI and credentials allowed
# to create and configure the bucket (an administrator, once; CI never runs this).
#
#   scripts/bootstrap-state-bucket.sh <bucket> <region> [kms-key-arn]
#
# Afterwards put in events/foundation.yaml:
#   backend: { type: s3, bucket: <bucket>, region: <region>, keyPrefix: email-to-oncall[, kmsKeyId: <arn>] }
# Every stack then keeps its state at <keyPrefix>/<stack>.tfstate with a native lock file
# (<key>.tflock, Terraform >= 1.10; no DynamoDB table).
set -euo pipefail
bucket=${1:?usage: $0 <bucket> <region> [kms-key-arn]}
region=${2:?usage: $0 <bucket> <region> [kms-key-arn]}
kms=${3:-}
aws() { command aws --region "$region" "$@"; }

if aws s3api head-bucket --bucket "$bucket" 2>/dev/null; then
  echo "bucket $bucket exists: re-applying settings"
elif [ "$region" = us-east-1 ]; then
  aws s3api create-bucket --bucket "$bucket"
else
  aws s3api create-bucket --bucket "$bucket" --create-bucket-configuration "LocationConstraint=$region"
fi

# Versioning: a bad apply or a deleted state file can be rolled back to an earlier version.
aws s3api put-bucket-versioning --bucket "$bucket" --versioning-configuration Status=Enabled

# Encryption at rest (state holds secrets: the OnCall integration URLs).
if [ -n "$kms" ]; then
  rule="{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"$kms\"},\"BucketKeyEnabled\":true}"
else
  rule='{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}'
fi
aws s3api put-bucket-encryption --bucket "$bucket" --server-side-encryption-configuration "{\"Rules\":[$rule]}"

# Never public, and no ACLs: access is by IAM policy only.
aws s3api put-public-access-block --bucket "$bucket" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
aws s3api put-bucket-ownership-controls --bucket "$bucket" --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'

# TLS only.
partition=$(aws sts get-caller-identity --query Arn --output text | cut -d: -f2)
aws s3api put-bucket-policy --bucket "$bucket" --policy "{
  \"Version\": \"2012-10-17\",
  \"Statement\": [{
    \"Sid\": \"DenyInsecureTransport\",
    \"Effect\": \"Deny\",
    \"Principal\": \"*\",
    \"Action\": \"s3:*\",
    \"Resource\": [\"arn:$partition:s3:::$bucket\", \"arn:$partition:s3:::$bucket/*\"],
    \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}
  }]
}"

# Old state versions are kept 90 days, then expire; stale lock files cannot pile up.
aws s3api put-bucket-lifecycle-configuration --bucket "$bucket" --lifecycle-configuration '{
  "Rules": [{"ID": "old-state-versions", "Status": "Enabled", "Filter": {},
             "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
             "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]
}'

echo "state bucket $bucket ready in $region (versioned, encrypted${kms:+ with $kms}, private, TLS only)"
