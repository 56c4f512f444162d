import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { Construct } from "constructs";
import { isUnresolved } from "./tokens";

/**
 * The AWS partition of a region (`aws`, `aws-cn`, `aws-us-gov`, ...), for building ARNs. Known at
 * synth for a literal region; for a region token, a `data aws_partition` of the scope's provider
 * answers at plan time (one per construct that asks).
 */
export function partitionOf(region: string): string | undefined {
  if (isUnresolved(region)) return undefined;
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-isof-")) return "aws-iso-f";
  if (region.startsWith("eusc-")) return "aws-eusc";
  if (region.startsWith("eu-isoe-")) return "aws-iso-e";
  return "aws";
}

export function partitionFor(scope: Construct, region: string): string {
  const known = partitionOf(region);
  if (known !== undefined) return known;
  const existing = scope.node.tryFindChild("partition");
  return (existing instanceof DataAwsPartition ? existing : new DataAwsPartition(scope, "partition")).partition;
}

/** ARN of an SES receipt rule as SES presents it to S3 and Lambda (`AWS:SourceArn`). */
export function receiptRuleArn(partition: string, region: string, account: string, ruleSet: string, rule: string): string {
  return `arn:${partition}:ses:${region}:${account}:receipt-rule-set/${ruleSet}:receipt-rule/${rule}`;
}
