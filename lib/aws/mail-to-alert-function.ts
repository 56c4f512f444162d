import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { lambdaRole } from "./lambda-role";
import { partitionFor } from "../core/partition";
import { checkIntegerRange, checkOneOf } from "../core/tokens";
import { ENV_CANARY_KEY_PARAMETER, ENV_REPLY_KEY_PARAMETER, ENV_DEAD_LETTER_QUEUE_URL, ENV_EVENT_CONFIG, ENV_EVENT_CONFIG_FILE, ENV_EVENT_CONFIG_SHA256, ENV_NOTIFY_URL_PARAMETER, ENV_ONCALL_HEARTBEAT, ENV_REPLY_QUEUE_URL, ENV_URL_PARAMETER, FunctionRuntimeConfig } from "../../functions/mail-to-alert/contract";
import { isUnresolved } from "../core/tokens";
import { RuntimeConfigLayer } from "./runtime-config-layer";

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Lambda's description allows 256 characters: list the addresses while they fit, then count them. */
function functionDescription(addresses: readonly string[]): string {
  const all = `Turns mail to ${addresses.join(", ")} into Grafana OnCall alerts`;
  return all.length <= 256 ? all : `Turns mail to ${addresses[0]} and ${addresses.length - 1} more addresses into Grafana OnCall alerts`.slice(0, 256);
}

/**
 * Lambda keeps environment variables under 4 KB in total; leave room for the other variables.
 * Applies only to a config holding Terraform references (it stays in the environment); any other
 * goes to the config layer.
 */
export const MAX_EVENT_CONFIG_BYTES = 3500;

export interface MailToAlertFunctionProps {
  readonly functionName: string;
  readonly roleName: string;
  readonly logGroupName: string;
  readonly deadLetterQueueName: string;
  /** SSM parameter (SecureString) that will hold the OnCall integration URL. */
  readonly urlParameterName: string;
  /** The integration URL (a Terraform reference); stored in SSM, never in the environment. */
  readonly integrationUrl: string;
  /**
   * The notify lane's own integration URL (its own OnCall rate budget), stored like the other.
   * @default none: the notify lane posts to integrationUrl
   */
  readonly notifyIntegrationUrl?: string;
  /** @default `<urlParameterName>` with `-notify` appended */
  readonly notifyUrlParameterName?: string;
  /**
   * The event canary's key (CanaryKey.parameter): the function then counts its signed canary
   * instead of paging, and drops and counts forged or replayed ones.
   * @default no canary
   */
  readonly canaryKeyParameter?: { readonly name: string; readonly arn: string };
  /**
   * The reply-context key (EmergencyInbox.replyKey.parameter): the function signs the `reply` of
   * each paged alert with it, and the status endpoint sends status mails only for signed ones.
   * @default alerts carry no `reply` (no status mails)
   */
  readonly replyKeyParameter?: { readonly name: string; readonly arn: string };
  /**
   * On each valid canary, ping the OnCall integration's heartbeat (set its timeout in the OnCall UI:
   * the API cannot). Only with `canaryKeyParameter`.
   * @default false
   */
  readonly heartbeat?: boolean;
  /** Zip file holding the bundled `index.mjs` (the deployment package). */
  readonly codeZip: string;
  readonly runtimeConfig: FunctionRuntimeConfig;
  readonly accountId: string;
  /** ARN of the receipt rule allowed to invoke the function. */
  readonly sourceRuleArn: string;
  /**
   * @default "nodejs22.x"
   */
  readonly runtime?: "nodejs22.x" | "nodejs24.x";
  /** @default 1024 */
  readonly memoryMb?: number;
  /** Outlasts OnCall's 5-minute rate window, so a flood waits out 429s instead of dead-lettering. @default 360 */
  readonly timeoutSeconds?: number;
  /** Bounds a mail flood (and the pages it makes). @default 5 */
  readonly reservedConcurrency?: number;
  /** @default 90 */
  readonly logRetentionDays?: number;
  /** @default 2 */
  readonly retryAttempts?: number;
  /** @default 21600 */
  readonly maxEventAgeSeconds?: number;
  /**
   * The reply queue (ReplyPipeline.queue) the function puts acknowledgements on after a page.
   * @default none: no reply is queued
   */
  readonly replyQueue?: { readonly url: string; readonly arn: string };
}

/**
 * The mail-to-alert function and everything that makes it safe to run: its own least-privilege
 * role, a log group with retention (created before the function so Lambda never creates an
 * unbounded one), the integration URL in an encrypted parameter, asynchronous retries ending in an
 * encrypted dead-letter queue, reserved concurrency to bound a flood, and SES's invoke permission
 * scoped to this account and this rule.
 */
export class MailToAlertFunction extends Construct {
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly deadLetterQueue: SqsQueue;
  public readonly urlParameter: SsmParameter;
  /** The notify lane's URL parameter, when a notify integration URL was given. */
  public readonly notifyUrlParameter?: SsmParameter;
  public readonly invokeConfig: LambdaFunctionEventInvokeConfig;
  /** SES's permission to invoke; the receipt rule must depend on it. */
  public readonly sesPermission: LambdaPermission;
  /** The runtime config the function reads at cold start (validated there by its schema). */
  public readonly runtimeConfig: FunctionRuntimeConfig;
  /** The layer holding the runtime config; undefined when it holds Terraform references and stays in the environment. */
  public readonly configLayer?: RuntimeConfigLayer;

  constructor(scope: Construct, id: string, props: MailToAlertFunctionProps) {
    super(scope, id);
    // Six minutes: OnCall's rate window (300 alerts per 5 minutes) plus one. A flood's later mails
    // wait out the 429's Retry-After holding their slot instead of failing into the dead-letter
    // queue (bench:flood: 1,000 of 1,000 posted at 360 s, 300 at 60 s).
    const timeout = props.timeoutSeconds ?? 360;
    const retryAttempts = props.retryAttempts ?? 2;
    const maxEventAge = props.maxEventAgeSeconds ?? 21600;
    checkIntegerRange("MailToAlertFunction", "timeoutSeconds", timeout, 10, 900);
    checkIntegerRange("MailToAlertFunction", "retryAttempts", retryAttempts, 0, 2);
    checkIntegerRange("MailToAlertFunction", "maxEventAgeSeconds", maxEventAge, 60, 21600);
    checkIntegerRange("MailToAlertFunction", "memoryMb", props.memoryMb, 128, 10240);
    checkIntegerRange("MailToAlertFunction", "reservedConcurrency", props.reservedConcurrency, 1, 1000);
    checkOneOf("MailToAlertFunction", "logRetentionDays", props.logRetentionDays, LOG_RETENTION_DAYS);
    this.runtimeConfig = props.runtimeConfig;
    const partition = partitionFor(this, props.runtimeConfig.region);
    const configJson = JSON.stringify(props.runtimeConfig);
    // Terraform resolves references only in its own arguments: such a config stays in the environment.
    const inEnvironment = isUnresolved(configJson);
    if (inEnvironment && Buffer.byteLength(configJson) > MAX_EVENT_CONFIG_BYTES) {
      throw new Error(
        `MailToAlertFunction: the event's function configuration is ${Buffer.byteLength(configJson)} bytes and holds Terraform references, so it must go in the environment, where Lambda allows 4 KB. ` +
          `Pass plain values (the config then goes to a layer, without that limit), or use trusted domains instead of many addresses.`,
      );
    }
    const runtime = props.runtime ?? "nodejs22.x";
    if (!inEnvironment) this.configLayer = new RuntimeConfigLayer(this, "runtime-config", { layerName: `${props.functionName}-config`, configJson, runtime });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: props.logGroupName,
      retentionInDays: props.logRetentionDays ?? 90,
    });

    this.deadLetterQueue = new SqsQueue(this, "dead-letter-queue", {
      name: props.deadLetterQueueName,
      sqsManagedSseEnabled: true,
      // The longest SQS allows: a failed page must survive a long weekend.
      messageRetentionSeconds: 1209600,
    });

    // SecureString values are sensitive in the AWS provider, so plans show "(sensitive value)";
    // the Grafana `link` attribute itself is not marked sensitive, hence this indirection.
    this.urlParameter = new SsmParameter(this, "integration-url", {
      name: props.urlParameterName,
      type: "SecureString",
      value: props.integrationUrl,
      description: "Grafana OnCall integration URL (a credential: anyone holding it can page)",
    });
    if (props.notifyIntegrationUrl !== undefined) {
      this.notifyUrlParameter = new SsmParameter(this, "notify-integration-url", {
        name: props.notifyUrlParameterName ?? `${props.urlParameterName}-notify`,
        type: "SecureString",
        value: props.notifyIntegrationUrl,
        description: "Grafana OnCall integration URL of the notify lane (a credential: anyone holding it can alert)",
      });
    }

    this.role = lambdaRole(this, { name: props.roleName, accountId: props.accountId, description: `Runs ${props.functionName}: reads its event's raw mail, writes its logs, fails over to its queue` });

    const bucketArn = `arn:${partition}:s3:::${props.runtimeConfig.bucket}`;
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        { sid: "ReadThisEventsRawMail", effect: "Allow", actions: ["s3:GetObject"], resources: [`${bucketArn}/${props.runtimeConfig.prefix}*`] },
        {
          sid: "WriteOwnLogs",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${this.logGroup.arn}:*`],
        },
        { sid: "FailOverToOwnQueue", effect: "Allow", actions: ["sqs:SendMessage"], resources: [this.deadLetterQueue.arn] },
        ...(props.replyQueue ? [{ sid: "QueueReplies", effect: "Allow", actions: ["sqs:SendMessage"], resources: [props.replyQueue.arn] }] : []),
        // The AWS-managed aws/ssm key lets any principal of the account decrypt through SSM, so no kms grant is needed.
        { sid: "ReadIntegrationUrl", effect: "Allow", actions: ["ssm:GetParameter"], resources: [this.urlParameter.arn, ...(this.notifyUrlParameter ? [this.notifyUrlParameter.arn] : [])] },
        ...(props.canaryKeyParameter ? [{ sid: "ReadCanaryKey", effect: "Allow", actions: ["ssm:GetParameter"], resources: [props.canaryKeyParameter.arn] }] : []),
        ...(props.replyKeyParameter ? [{ sid: "ReadReplyKey", effect: "Allow", actions: ["ssm:GetParameter"], resources: [props.replyKeyParameter.arn] }] : []),
      ],
    });
    new IamRolePolicy(this, "role-policy", { name: "mail-to-alert", role: this.role.id, policy: permissions.json });

    const code = new TerraformAsset(this, "code", { path: props.codeZip, type: AssetType.FILE });
    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: functionDescription(props.runtimeConfig.addresses),
      role: this.role.arn,
      runtime,
      architectures: ["arm64"],
      layers: this.configLayer ? [this.configLayer.layer.arn] : undefined,
      handler: "index.handler",
      filename: code.path,
      sourceCodeHash: code.assetHash,
      memorySize: props.memoryMb ?? 1024,
      timeout,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 5,
      loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
      environment: {
        variables: {
          ...(this.configLayer
            ? { [ENV_EVENT_CONFIG_FILE]: this.configLayer.filePath, [ENV_EVENT_CONFIG_SHA256]: this.configLayer.sha256 }
            : { [ENV_EVENT_CONFIG]: configJson }),
          [ENV_URL_PARAMETER]: this.urlParameter.name,
          ...(this.notifyUrlParameter ? { [ENV_NOTIFY_URL_PARAMETER]: this.notifyUrlParameter.name } : {}),
          // The function dead-letters a permanent delivery failure itself (FailOverToOwnQueue above).
          [ENV_DEAD_LETTER_QUEUE_URL]: this.deadLetterQueue.url,
          ...(props.canaryKeyParameter ? { [ENV_CANARY_KEY_PARAMETER]: props.canaryKeyParameter.name } : {}),
          ...(props.canaryKeyParameter && props.heartbeat ? { [ENV_ONCALL_HEARTBEAT]: "1" } : {}),
          ...(props.replyQueue ? { [ENV_REPLY_QUEUE_URL]: props.replyQueue.url } : {}),
          ...(props.replyKeyParameter ? { [ENV_REPLY_KEY_PARAMETER]: props.replyKeyParameter.name } : {}),
        },
      },
      dependsOn: [this.logGroup],
    });

    this.invokeConfig = new LambdaFunctionEventInvokeConfig(this, "async-invoke", {
      functionName: this.function.functionName,
      maximumRetryAttempts: retryAttempts,
      maximumEventAgeInSeconds: maxEventAge,
      destinationConfig: { onFailure: { destination: this.deadLetterQueue.arn } },
    });

    this.sesPermission = new LambdaPermission(this, "ses-invoke", {
      statementId: "AllowSesReceiptRule",
      action: "lambda:InvokeFunction",
      functionName: this.function.functionName,
      principal: "ses.amazonaws.com",
      sourceAccount: props.accountId,
      sourceArn: props.sourceRuleArn,
    });
  }
}
