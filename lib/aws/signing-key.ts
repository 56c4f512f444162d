import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Password } from "@cdktf/provider-random/lib/password";
import { Construct } from "constructs";
import { checkPattern, isUnresolved } from "../core/tokens";

export interface SigningKeyProps {
  /** SSM parameter (SecureString) that holds the key, e.g. `/email-to-oncall/<slug>/reply-key`. */
  readonly parameterName: string;
  /** The parameter's description: say what the key signs and what its holder could forge. */
  readonly description: string;
}

/**
 * An HMAC key shared by two functions (one signs, one verifies): Terraform's `random_password`
 * (64 letters and digits, marked sensitive; it lives in state like every secret Terraform manages)
 * stored as an SSM SecureString. Rotate with `terraform apply -replace=<password address>`. Needs
 * the `random` provider in the stack.
 */
export class SigningKey extends Construct {
  public readonly password: Password;
  public readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, props: SigningKeyProps) {
    super(scope, id);
    const name = new.target.name;
    checkPattern(name, "parameterName", props.parameterName, /^\/[A-Za-z0-9_.\-/]{1,1010}$/, "an SSM parameter path starting with /");
    if (!isUnresolved(props.description) && (props.description.length === 0 || props.description.length > 1024)) throw new Error(`${name}: description must be 1 to 1024 characters (SSM limit), got ${props.description.length}`);
    this.password = new Password(this, "key", { length: 64, special: false });
    this.parameter = new SsmParameter(this, "parameter", { name: props.parameterName, type: "SecureString", value: this.password.result, description: props.description });
  }
}
