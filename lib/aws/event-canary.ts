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
import { ENV_ACTIVE_FROM, ENV_ACTIVE_UNTIL, ENV_CANARY_FROM, ENV_CANARY_KEY_PARAMETER, ENV_CANARY_TO, ENV_EVENT_SLUG } from "../../functions/canary/contract";
import { Duration } from "../core/duration";
import { checkLength, checkOneOf, checkPattern, isUnresolved } from "../core/tokens";
import { scheduledInvoke, type ScheduledFunctionNames, wholeMinutes } from "./scheduled-invoke";
import { lambdaRole } from "./lambda-role";
import { LOG_RETENTION_DAYS } from "./mail-to-alert-function";

/** Shortest and longest canary interval: two intervals are the alarm's evaluation range, at most a day. */
export const CANARY_MIN_MINUTES = 5;
export const CANARY_MAX_MINUTES = 720;

export interface EventCanaryProps extends ScheduledFunctionNames {
  /** Event slug: the `Event` dimension of the metrics the alarm adds up. */
  readonly eventSlug: string;
  /** The live event addresses, each sent one canary per run. */
  readonly addresses: readonly string[];
  /** The canary's From, an address of the SES-verified mail domain. */
  readonly fromAddress: string;
  /** ARN of the SES identity of the mail domain (`arn:<partition>:ses:<region>:<account>:identity/<domain>`). */
  readonly sendingIdentityArn: string;
  /** The key's SSM parameter (CanaryKey.parameter). */
  readonly keyParameter: { readonly name: string; readonly arn: string };
  /** Canaries are sent from here (the window's start minus the pre-flight period)... */
  readonly activeFrom: Date;
  /** ...until here (the window's end). Outside, each run only reports itself idle. */
  readonly activeUntil: Date;
  /** How often; whole minutes, 5-720. @default Duration.minutes(15) */
  readonly interval?: Duration;
  /** The health topic the canary-missing alarm publishes to. */
  readonly topicArn: string;
  readonly accountId: string;
  /** Zip holding the bundled canary `index.mjs`. */
  readonly codeZip: string;
  /** @default `<functionName>-missing`, with `-<address>` appended per address when there are several */
  readonly alarmName?: string;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/** Whole minutes of a canary interval within bounds; throws naming the prop otherwise. */
export function canaryMinutes(interval: Duration): number {
  return wholeMinutes("EventCanary", interval, CANARY_MIN_MINUTES, CANARY_MAX_MINUTES);
}

/**
 * End-to-end proof that each live address works: on a schedule, a function sends one signed mail
 * through SES to each address (from the mail domain itself, so it works in the SES sandbox too);
 * the mail-to-alert function counts it (CanaryReceived) instead of paging. The alarm adds
 * CanaryReceived and the canary's own CanaryIdle (a run outside the active period) and fires when
 * two intervals in a row saw neither, with missing data as breaching: a lost canary, a canary that
 * no longer runs, and a pipeline that no longer counts all page the health topic.
 */
export class EventCanary extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly schedule: CloudwatchEventRule;
  public readonly permission: LambdaPermission;
  /** The first address's canary-missing alarm. */
  public readonly missingAlarm: CloudwatchMetricAlarm;
  /** One canary-missing alarm per address, in the order of `addresses`. */
  public readonly missingAlarms: CloudwatchMetricAlarm[];

  constructor(scope: Construct, id: string, props: EventCanaryProps) {
    super(scope, id);
    const minutes = canaryMinutes(props.interval ?? Duration.minutes(15));
    checkPattern("EventCanary", "functionName", props.functionName, /^[A-Za-z0-9_-]{1,64}$/, "letters, digits, hyphens and underscores (at most 64)");
    checkLength("EventCanary", "addresses", props.addresses, 1, 50, "one mail per address and run");
    checkPattern("EventCanary", "fromAddress", props.fromAddress, /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/, "an e-mail address of the mail domain");
    for (const a of props.addresses) checkPattern("EventCanary", "addresses", a, /^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/, "full e-mail addresses");
    checkOneOf("EventCanary", "logRetentionDays", props.logRetentionDays, LOG_RETENTION_DAYS);
    if (!isUnresolved(props.activeFrom) && !(props.activeFrom.getTime() < props.activeUntil.getTime())) throw new Error("EventCanary: activeFrom must be before activeUntil");

    this.logGroup = new CloudwatchLogGroup(this, "log-group", { name: props.logGroupName ?? `/aws/lambda/${props.functionName}`, retentionInDays: props.logRetentionDays ?? 30 });
    this.role = lambdaRole(this, { name: props.roleName ?? props.functionName, accountId: props.accountId, description: `Runs ${props.functionName}: sends ${props.eventSlug}'s signed canary mail through SES, writes its logs` });
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        {
          sid: "SendCanaryFromMailDomain",
          effect: "Allow",
          actions: ["ses:SendEmail", "ses:SendRawEmail"],
          resources: [props.sendingIdentityArn],
          // Only as the canary address, and only to the event's addresses: the role cannot send as
          // the event or anyone else, nor mail anyone else as the (DKIM-signed) line itself.
          condition: [
            { test: "StringEquals", variable: "ses:FromAddress", values: [props.fromAddress] },
            { test: "ForAllValues:StringEquals", variable: "ses:Recipients", values: [...props.addresses] },
          ],
        },
        // The AWS-managed aws/ssm key lets any principal of the account decrypt through SSM.
        { sid: "ReadCanaryKey", effect: "Allow", actions: ["ssm:GetParameter"], resources: [props.keyParameter.arn] },
        { sid: "WriteOwnLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
      ],
    });
    new IamRolePolicy(this, "role-policy", { name: "canary", role: this.role.id, policy: permissions.json });
    this.function = new LambdaFunction(this, "function", {
      ...bundledCode(this, props.codeZip, this.logGroup),
      functionName: props.functionName,
      description: `Sends ${props.eventSlug}'s signed canary mail to its addresses; counted, never paged`,
      role: this.role.arn,
      memorySize: 128,
      timeout: 30,
      environment: {
        variables: {
          [ENV_EVENT_SLUG]: props.eventSlug,
          [ENV_CANARY_TO]: props.addresses.join(","),
          [ENV_CANARY_FROM]: props.fromAddress,
          [ENV_CANARY_KEY_PARAMETER]: props.keyParameter.name,
          [ENV_ACTIVE_FROM]: props.activeFrom.toISOString(),
          [ENV_ACTIVE_UNTIL]: props.activeUntil.toISOString(),
        },
      },
      dependsOn: [this.logGroup],
    });

    ({ schedule: this.schedule, permission: this.permission } = scheduledInvoke(this, {
      ruleName: props.ruleName ?? props.functionName,
      description: `Sends ${props.eventSlug}'s canary every ${minutes} minutes (idle outside the active period)`,
      minutes,
      function: this.function,
      accountId: props.accountId,
    }));

    const period = minutes * 60;
    // The namespace the functions' EMF lines use (functions/mail-to-alert/log.ts).
    const metric = (metricName: string, dimensions: Record<string, string>) => ({ namespace: "EmailToOncall", metricName, dimensions: { Event: props.eventSlug, ...dimensions }, period, stat: "Sum" });
    // One alarm per address (the function counts CanaryReceived per Address too): with one sum for
    // the event, the canaries of working addresses would keep a broken alias quiet.
    const single = props.addresses.length === 1;
    this.missingAlarms = props.addresses.map(
      (address, i) =>
        new CloudwatchMetricAlarm(this, i === 0 ? "missing" : `missing-${i}`, {
          alarmName: props.alarmName ? (single ? props.alarmName : `${props.alarmName}-${address}`) : single ? `${props.functionName}-missing` : `${props.functionName}-missing-${address}`,
          alarmDescription: `No canary reached ${props.eventSlug}'s function through ${address} for two intervals (${minutes} min each): mail to that address may not page. docs/operations.md: canary missing.`,
          metricQuery: [
            { id: "received", metric: metric("CanaryReceived", { Address: address }), returnData: false },
            { id: "idle", metric: metric("CanaryIdle", {}), returnData: false },
            { id: "heard", expression: "FILL(received, 0) + FILL(idle, 0)", label: "canaries received plus idle runs", returnData: true },
          ],
          comparisonOperator: "LessThanThreshold",
          threshold: 1,
          evaluationPeriods: 2,
          datapointsToAlarm: 2,
          // Nothing at all (no canary function, no counting function) is the failure this alarm is for.
          treatMissingData: "breaching",
          alarmActions: [props.topicArn],
          okActions: [props.topicArn],
        }),
    );
    this.missingAlarm = this.missingAlarms[0]!;
  }
}
