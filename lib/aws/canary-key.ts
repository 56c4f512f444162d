import { Construct } from "constructs";
import { SigningKey } from "./signing-key";

export interface CanaryKeyProps {
  /** SSM parameter (SecureString) that holds the key, e.g. `/email-to-oncall/<slug>/canary-key`. */
  readonly parameterName: string;
}

/**
 * The HMAC key a canary is signed with, shared by the canary function (signs) and the mail-to-alert
 * function (verifies): a SigningKey (random_password in an SSM SecureString).
 * Rotate with `terraform apply -replace=<password address>`: the verifying function re-reads the
 * key once before refusing a signature, so a rotation drops no canary. Needs the `random` provider
 * in the stack.
 */
export class CanaryKey extends SigningKey {
  constructor(scope: Construct, id: string, props: CanaryKeyProps) {
    super(scope, id, { parameterName: props.parameterName, description: "HMAC key of the event's canary (a credential: anyone holding it can forge a canary)" });
  }
}
