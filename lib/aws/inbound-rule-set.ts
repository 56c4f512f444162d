import { SesActiveReceiptRuleSet } from "@cdktf/provider-aws/lib/ses-active-receipt-rule-set";
import { SesReceiptRuleSet } from "@cdktf/provider-aws/lib/ses-receipt-rule-set";
import { Construct } from "constructs";

export interface InboundRuleSetProps {
  /** Name of the receipt rule set that every event adds its rule to. */
  readonly name: string;
  /**
   * `create-and-activate` creates the set and makes it active (SES allows ONE active set per
   * account and region, so this replaces any other). `adopt-active` declares nothing: the set
   * already exists and is active, and event stacks add rules to it by name.
   * @default "create-and-activate"
   */
  readonly mode?: "create-and-activate" | "adopt-active";
}

/** The shared SES receipt rule set. Events reference it by name, never by cross-stack reference. */
export class InboundRuleSet extends Construct {
  public readonly name: string;
  public readonly ruleSet?: SesReceiptRuleSet;
  public readonly activation?: SesActiveReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundRuleSetProps) {
    super(scope, id);
    this.name = props.name;
    if ((props.mode ?? "create-and-activate") === "create-and-activate") {
      this.ruleSet = new SesReceiptRuleSet(this, "rule-set", { ruleSetName: props.name });
      this.activation = new SesActiveReceiptRuleSet(this, "active", { ruleSetName: this.ruleSet.ruleSetName });
    }
  }
}
