import { SesReceiptRule } from "@cdktf/provider-aws/lib/ses-receipt-rule";
import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface EventInboxProps {
  /** Receipt rule name (unique in the rule set). */
  readonly ruleName: string;
  /** The shared rule set the rule joins. */
  readonly ruleSetName: string;
  /** Full addresses this rule accepts (envelope recipients). */
  readonly recipients: readonly string[];
  readonly bucketName: string;
  /** Key prefix the raw mail is stored under, ending with "/". */
  readonly objectKeyPrefix: string;
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
 * One event's receipt rule in the shared set: require TLS, scan for spam and viruses, store the
 * raw mail first (position 1, so nothing is lost whatever the function does), then invoke the
 * function asynchronously (position 2).
 */
export class EventInbox extends Construct {
  public readonly rule: SesReceiptRule;

  constructor(scope: Construct, id: string, props: EventInboxProps) {
    super(scope, id);
    if (props.recipients.length === 0 || props.recipients.length > 500) {
      throw new Error(`EventInbox: recipients must hold 1 to 500 addresses (SES limit), got ${props.recipients.length}`);
    }
    if (!props.objectKeyPrefix.endsWith("/")) {
      throw new Error(`EventInbox: objectKeyPrefix must end with "/", got "${props.objectKeyPrefix}"`);
    }
    this.rule = new SesReceiptRule(this, "rule", {
      name: props.ruleName,
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
