import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { Construct } from "constructs";
import { partitionFor, partitionOf, receiptRuleArn } from "../../../lib";
import { child, ref, resolve, stringVariable, synth, testStack } from "../support";

describe("partitionOf", () => {
  it.each([
    ["eu-west-1", "aws"],
    ["us-east-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["eu-isoe-west-1", "aws-iso-e"],
  ])("%s is in %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it("is unknown at synth for a region token", () => {
    expect(partitionOf(stringVariable(testStack(), "region").value)).toBeUndefined();
  });

  // BUG: the newer partitions fall through to "aws", so ARNs built there name the wrong partition.
  it.each([
    ["us-isof-south-1", "aws-iso-f"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("%s is in %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe("partitionFor", () => {
  it("answers a literal region at synth, without a data source", () => {
    const stack = testStack();
    expect(partitionFor(new Construct(stack, "scope"), "cn-northwest-1")).toBe("aws-cn");
    expect(synth(stack).data("aws_partition")).toHaveLength(0);
  });

  it("asks data aws_partition for a region token", () => {
    const stack = testStack();
    const scope = new Construct(stack, "scope");
    const partition = partitionFor(scope, stringVariable(stack, "region").value);
    const data = child(scope, "partition", DataAwsPartition);
    expect(resolve(stack, partition)).toBe(ref(data, "partition"));
    expect(synth(stack).data("aws_partition")).toHaveLength(1);
  });
});

describe("receiptRuleArn", () => {
  it("is the ARN SES presents as AWS:SourceArn", () => {
    expect(receiptRuleArn("aws", "eu-west-1", "123456789012", "rules", "email-to-oncall-checkout")).toBe(
      "arn:aws:ses:eu-west-1:123456789012:receipt-rule-set/rules:receipt-rule/email-to-oncall-checkout",
    );
  });
});
