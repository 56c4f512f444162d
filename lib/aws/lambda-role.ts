import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";

/**
 * A function's own role, assumable only by Lambda on behalf of this account (`aws:SourceAccount`
 * against the confused deputy). Children keep the ids `assume-role` and `role` in the caller's
 * scope, so the Terraform addresses stay as they were.
 */
export function lambdaRole(scope: Construct, props: { readonly name: string; readonly accountId: string; readonly description: string }): IamRole {
  const assume = new DataAwsIamPolicyDocument(scope, "assume-role", {
    statement: [
      {
        effect: "Allow",
        principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
        actions: ["sts:AssumeRole"],
        condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [props.accountId] }],
      },
    ],
  });
  return new IamRole(scope, "role", { name: props.name, assumeRolePolicy: assume.json, description: props.description });
}
