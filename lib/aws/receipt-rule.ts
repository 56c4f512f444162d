import { SesReceiptRule } from "@cdktf/provider-aws/lib/ses-receipt-rule";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameFrom } from "../core/names";
import { checkLength, checkPattern } from "../core/tokens";

export interface ReceiptRuleProps {
  /**
   * Receipt rule name (unique in the rule set).
   * @default derived from the construct ids, e.g. `checkout-inbox-rule`
   */
  readonly ruleName?: string;
  /** The shared rule set the rule joins. */
  readonly ruleSetName: string;
  /** Full addresses this rule accepts (envelope recipients). */
  readonly recipients: readonly string[];
  readonly bucketName: string;
  /** Key prefix the raw mail is stored under, ending with "/". */
  readonly objectKeyPrefix: string;
  /**
   * Name of the rule this one comes after in the set (SES evaluates rules in order).
   * @default none: the rule goes to the front of the set
   */
  readonly after?: string;
  /** ARN of the function SES invokes after storing the mail. */
  readonly functionArn: string;
  /**
   * What SES checks at rule creation: it refuses a rule whose function it may not invoke, so the
   * rule waits for the invoke permission.
   * @default []
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One inbox's receipt rule in the shared set: require TLS, scan for spam and viruses, store the
 * raw mail first (position 1, so nothing is lost whatever the function does), then invoke the
 * function asynchronously (position 2).
 */
export class ReceiptRule extends Construct {
  public readonly rule: SesReceiptRule;

  constructor(scope: Construct, id: string, props: ReceiptRuleProps) {
    super(scope, id);
    checkLength("ReceiptRule", "recipients", props.recipients, 1, 500, "SES limit");
    checkPattern("ReceiptRule", "objectKeyPrefix", props.objectKeyPrefix, /\/$/, 'a key prefix ending with "/"');
    this.rule = new SesReceiptRule(this, "rule", {
      name: props.ruleName ?? nameFrom(this, "rule"),
      after: props.after,
      ruleSetName: props.ruleSetName,
      recipients: [...props.recipients],
      // Both default to false in the provider: an unscanned, disabled rule would look fine in review.
      enabled: true,
      scanEnabled: true,
      tlsPolicy: "Require",
      s3Action: [{ position: 1, bucketName: props.bucketName, objectKeyPrefix: props.objectKeyPrefix }],
      lambdaAction: [{ position: 2, functionArn: props.functionArn, invocationType: "Event" }],
      dependsOn: props.dependsOn,
    });
  }
}
