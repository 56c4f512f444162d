import type { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import type { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Construct } from "constructs";
import { bundledCode } from "./bundled-code";
import { lambdaRole } from "./lambda-role";
import { Duration } from "../core/duration";
import { checkOneOf, checkPattern } from "../core/tokens";
import { scheduledInvoke, type ScheduledFunctionNames, wholeMinutes } from "./scheduled-invoke";
import { ENV_EVENT_SLUG, ENV_QUEUE_URL, ENV_TOPIC_ARN } from "../../functions/dlq-reminder/contract";
import { LOG_RETENTION_DAYS } from "./mail-to-alert-function";

/** Shortest and longest reminder interval: more often is noise, less often is forgetting. */
export const REMINDER_MIN_MINUTES = 5;
export const REMINDER_MAX_MINUTES = 1440;

export interface DeadLetterReminderProps extends ScheduledFunctionNames {
  /** The dead-letter queue watched (its URL for the function, its ARN for the role). */
  readonly queueUrl: string;
  readonly queueArn: string;
  /** The health topic the reminder publishes to. */
  readonly topicArn: string;
  /** Event slug, named in the reminder. */
  readonly eventSlug: string;
  /** Zip holding the bundled dlq-reminder `index.mjs`. */
  readonly codeZip: string;
  readonly accountId: string;
  /**
   * How often the queue is checked; whole minutes from 5 to 1440.
   * @default Duration.minutes(30)
   */
  readonly interval?: Duration;
  /** @default 30 */
  readonly logRetentionDays?: number;
  /**
   * Alarm on the reminder's own errors (it publishes to the health topic): a reminder that cannot
   * read the queue or publish must not fail in silence.
   * @default `<functionName>-errors`
   */
  readonly errorAlarmName?: string;
}

/** `rate(N minutes)` of a whole-minute interval within bounds; throws naming the prop otherwise. */
export function reminderSchedule(interval: Duration): string {
  return `rate(${wholeMinutes("DeadLetterReminder", interval, REMINDER_MIN_MINUTES, REMINDER_MAX_MINUTES)} minutes)`;
}

/**
 * CloudWatch alarms notify once, on the state change: while the dead-letter queue still holds a
 * mail, another dead letter tells nobody and nobody is reminded. This checks the queue on a
 * schedule and publishes to the health topic while it is not empty, until someone replays or
 * purges it. Its role may read that queue's attributes and publish to that topic, nothing else.
 */
export class DeadLetterReminder extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly schedule: CloudwatchEventRule;
  public readonly permission: LambdaPermission;
  /** The reminder's own errors, on the health topic. */
  public readonly errorAlarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: DeadLetterReminderProps) {
    super(scope, id);
    const minutes = wholeMinutes("DeadLetterReminder", props.interval ?? Duration.minutes(30), REMINDER_MIN_MINUTES, REMINDER_MAX_MINUTES);
    checkPattern("DeadLetterReminder", "functionName", props.functionName, /^[A-Za-z0-9_-]{1,64}$/, "letters, digits, hyphens and underscores (at most 64)");
    checkOneOf("DeadLetterReminder", "logRetentionDays", props.logRetentionDays, LOG_RETENTION_DAYS);

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: props.logGroupName ?? `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays ?? 30,
    });

    this.role = lambdaRole(this, { name: props.roleName ?? props.functionName, accountId: props.accountId, description: `Runs ${props.functionName}: counts its event's dead letters, reminds the health topic, writes its logs` });
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        // GetQueueAttributes only: the reminder counts mails, it never reads or deletes them.
        { sid: "CountDeadLetters", effect: "Allow", actions: ["sqs:GetQueueAttributes"], resources: [props.queueArn] },
        { sid: "RemindHealthTopic", effect: "Allow", actions: ["sns:Publish"], resources: [props.topicArn] },
        { sid: "WriteOwnLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
      ],
    });
    new IamRolePolicy(this, "role-policy", { name: "dlq-reminder", role: this.role.id, policy: permissions.json });
    this.function = new LambdaFunction(this, "function", {
      ...bundledCode(this, props.codeZip, this.logGroup),
      functionName: props.functionName,
      description: `Reminds the health topic while ${props.eventSlug}'s dead-letter queue holds mail`,
      role: this.role.arn,
      memorySize: 128,
      timeout: 30,
      environment: { variables: { [ENV_QUEUE_URL]: props.queueUrl, [ENV_TOPIC_ARN]: props.topicArn, [ENV_EVENT_SLUG]: props.eventSlug } },
      dependsOn: [this.logGroup],
    });

    ({ schedule: this.schedule, permission: this.permission } = scheduledInvoke(this, {
      ruleName: props.ruleName ?? props.functionName,
      description: `Checks ${props.eventSlug}'s dead-letter queue; reminds while it is not empty`,
      minutes,
      function: this.function,
      accountId: props.accountId,
    }));

    // One period spans a whole interval: a failed check (retried twice by Lambda) is told once, and
    // OK again after the next good check.
    this.errorAlarm = new CloudwatchMetricAlarm(this, "errors", {
      alarmName: props.errorAlarmName ?? `${props.functionName}-errors`,
      alarmDescription: `The dead-letter reminder of ${props.eventSlug} failed: while it fails, nobody is reminded of stuck mail. Read its log; check the queue by hand (docs/operations.md: reminder errors).`,
      namespace: "AWS/Lambda",
      metricName: "Errors",
      statistic: "Sum",
      dimensions: { FunctionName: props.functionName },
      period: minutes * 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
