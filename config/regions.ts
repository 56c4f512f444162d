/**
 * Regions where SES classic receipt rules receive mail (MX inbound-smtp.<region>.amazonaws.com).
 * Kept as a constant on purpose: the list changes rarely and synth must not need the network.
 * Source: AWS SES "Email receiving endpoints" table, checked 2026-11.
 */
export const SES_INBOUND_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "il-central-1",
  "me-south-1",
];

export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
