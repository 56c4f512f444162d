import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { Construct } from "constructs";
import type { Duration } from "../core/duration";
import { isUnresolved } from "../core/tokens";

/**
 * Whole minutes of a schedule interval within [min, max]; throws naming `construct` and `interval`
 * otherwise. A token cannot be nested into `rate(…)`: intervals are deployment choices, known at synth.
 */
export function wholeMinutes(construct: string, interval: Duration, min: number, max: number): number {
  const s = interval.toSeconds();
  if (isUnresolved(s)) throw new Error(`${construct}: interval must be known at synth, not a Terraform token`);
  const minutes = s / 60;
  if (!Number.isInteger(minutes) || minutes < min || minutes > max) throw new Error(`${construct}: interval must be whole minutes from ${min} to ${max}, got ${interval.toString()}`);
  return minutes;
}

/** Names of a small scheduled function (the dead-letter reminder, the canary). */
export interface ScheduledFunctionNames {
  /** Name of the function; also its role's and schedule rule's. At most 64 characters. */
  readonly functionName: string;
  /** @default functionName */
  readonly roleName?: string;
  /** @default `/aws/lambda/<functionName>` */
  readonly logGroupName?: string;
  /** @default functionName */
  readonly ruleName?: string;
}

export interface ScheduledInvokeProps {
  readonly ruleName: string;
  readonly description: string;
  readonly minutes: number;
  readonly function: LambdaFunction;
  readonly accountId: string;
}

/**
 * An EventBridge rule `rate(N minutes)` invoking a function, which only that rule of this account
 * may invoke. Ids in `scope`: `schedule`, `events-invoke`, `target` (the functions' Terraform
 * addresses depend on them).
 */
export function scheduledInvoke(scope: Construct, props: ScheduledInvokeProps): { schedule: CloudwatchEventRule; permission: LambdaPermission } {
  const schedule = new CloudwatchEventRule(scope, "schedule", { name: props.ruleName, description: props.description, scheduleExpression: `rate(${props.minutes} minutes)` });
  const permission = new LambdaPermission(scope, "events-invoke", {
    statementId: "AllowScheduleRule",
    action: "lambda:InvokeFunction",
    functionName: props.function.functionName,
    principal: "events.amazonaws.com",
    sourceAccount: props.accountId,
    sourceArn: schedule.arn,
  });
  new CloudwatchEventTarget(scope, "target", { rule: schedule.name, arn: props.function.arn, dependsOn: [permission] });
  return { schedule, permission };
}
