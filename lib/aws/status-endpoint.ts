import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { Password } from "@cdktf/provider-random/lib/password";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { bundledCode } from "./bundled-code";
import { ENV_EVENT_CONFIG_FILE, ENV_EVENT_CONFIG_SHA256, ENV_REPLY_KEY_PARAMETER } from "../../functions/mail-to-alert/contract";
import { ENV_STATUS_CONFIG, ENV_STATUS_MAX_AGE_SECONDS, ENV_STATUS_REPLY_QUEUE_URL, ENV_STATUS_SECRET_PARAMETER, StatusConfig } from "../../functions/oncall-status/contract";
import { checkIntegerRange, checkPattern } from "../core/tokens";
import { lambdaRole } from "./lambda-role";

/** What Grafana OnCall's outgoing webhooks need to call the endpoint. */
export interface StatusEndpointTarget {
  /** HTTPS URL of the endpoint. */
  readonly url: string;
  /** The shared secret, `sensitive()`: the webhooks' `authorization_header`. */
  readonly authorizationHeader: string;
}

/** Who wires OnCall's outgoing webhooks to the endpoint once the inbox made it (EmergencyOnCall). */
export interface IStatusEndpointConsumer {
  consumeStatusEndpoint(target: StatusEndpointTarget): void;
}

export interface StatusEndpointProps {
  /** Function, role and API name (at most 64 characters). */
  readonly name: string;
  /** SSM SecureString that holds the shared secret. */
  readonly secretParameterName: string;
  /**
   * The reply-context key (EmergencyInbox.replyKey.parameter) the mail function signs each alert's
   * `reply` with: the endpoint sends nothing for a context it cannot verify (a forged alert or webhook).
   */
  readonly replyKeyParameter: { readonly name: string; readonly arn: string };
  /** What the function checks and writes (event, trusted senders, phone, replay limit). */
  readonly config: StatusConfig;
  /**
   * The mail function's config layer (MailToAlertFunction.configLayer): the function then reads the
   * runtime config there and derives `config` from it at cold start, so hundreds of customers' senders
   * do not have to fit Lambda's 4 KB environment.
   * @default `config` in the environment
   */
  readonly configLayer?: { readonly arn: string; readonly filePath: string; readonly sha256: string };
  /** The reply queue (ReplyPipeline.queue): status mails are sent once each by the reply sender. */
  readonly replyQueue: { readonly url: string; readonly arn: string };
  readonly accountId: string;
  /** The health topic the endpoint's error alarm publishes to. */
  readonly topicArn: string;
  /** Zip holding the bundled oncall-status `index.mjs`. */
  readonly codeZip: string;
  /** Requests per second the endpoint accepts (burst twice that); OnCall sends a few per alert group. @default 5 */
  readonly rateLimit?: number;
  /** @default 30 */
  readonly logRetentionDays?: number;
}

/**
 * The HTTPS endpoint Grafana OnCall's outgoing webhooks call on acknowledge, resolve and
 * unresolve: an HTTP API (API Gateway v2, throttled) in front of the small oncall-status function,
 * authenticated by a generated shared secret (random_password, kept in an SSM SecureString and
 * handed to OnCall as the sensitive `authorization_header`; never an output, never in a plan in
 * clear). OnCall cannot sign SigV4, so the route itself is open and the function checks the
 * secret in constant time. An HTTP API rather than a function URL: new function URLs with auth
 * NONE also need a public `lambda:InvokeFunction` grant limited by `lambda:InvokedViaFunctionUrl`,
 * which the pinned hashicorp/aws 6.25 cannot express; API Gateway's grant is scoped to this API's route.
 */
export class StatusEndpoint extends Construct implements StatusEndpointTarget {
  public readonly secret: Password;
  public readonly secretParameter: SsmParameter;
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly api: Apigatewayv2Api;
  public readonly stage: Apigatewayv2Stage;
  public readonly permission: LambdaPermission;
  public readonly alarm: CloudwatchMetricAlarm;
  /** Webhooks refused for an unsigned reply context (forgery or replay). */
  public readonly forgeryAlarm: CloudwatchMetricAlarm;
  public readonly url: string;
  public readonly authorizationHeader: string;

  constructor(scope: Construct, id: string, props: StatusEndpointProps) {
    super(scope, id);
    checkPattern("StatusEndpoint", "name", props.name, /^[A-Za-z0-9_-]{1,64}$/, "letters, digits, hyphens and underscores (at most 64)");
    const rate = props.rateLimit ?? 5;
    checkIntegerRange("StatusEndpoint", "rateLimit", rate, 1, 1000);

    // Letters and digits only: the header value needs no escaping anywhere. 48 characters, about 285 bits.
    this.secret = new Password(this, "secret", { length: 48, special: false });
    this.authorizationHeader = Fn.sensitive(this.secret.result);
    this.secretParameter = new SsmParameter(this, "secret-parameter", {
      name: props.secretParameterName,
      type: "SecureString",
      value: this.secret.result,
      description: "Shared secret of the Grafana OnCall status webhooks (a credential: anyone holding it can send status mails to customers)",
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", { name: `/aws/lambda/${props.name}`, retentionInDays: props.logRetentionDays ?? 30 });
    this.role = lambdaRole(this, { name: props.name, accountId: props.accountId, description: `Runs ${props.name}: checks OnCall's secret, queues ${props.config.slug}'s status mails` });
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        { sid: "ReadSharedSecret", effect: "Allow", actions: ["ssm:GetParameter"], resources: [this.secretParameter.arn] },
        { sid: "ReadReplyKey", effect: "Allow", actions: ["ssm:GetParameter"], resources: [props.replyKeyParameter.arn] },
        { sid: "QueueStatusMails", effect: "Allow", actions: ["sqs:SendMessage"], resources: [props.replyQueue.arn] },
        { sid: "WriteOwnLogs", effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${this.logGroup.arn}:*`] },
      ],
    });
    new IamRolePolicy(this, "role-policy", { name: "oncall-status", role: this.role.id, policy: permissions.json });
    this.function = new LambdaFunction(this, "function", {
      ...bundledCode(this, props.codeZip, this.logGroup),
      functionName: props.name,
      description: `Turns Grafana OnCall status changes of ${props.config.slug} into mails to the customer`,
      role: this.role.arn,
      memorySize: 256,
      timeout: 10,
      reservedConcurrentExecutions: 2,
      layers: props.configLayer ? [props.configLayer.arn] : undefined,
      environment: {
        variables: {
          ...(props.configLayer
            ? { [ENV_EVENT_CONFIG_FILE]: props.configLayer.filePath, [ENV_EVENT_CONFIG_SHA256]: props.configLayer.sha256, [ENV_STATUS_MAX_AGE_SECONDS]: String(props.config.maxAgeSeconds) }
            : { [ENV_STATUS_CONFIG]: JSON.stringify(props.config) }),
          [ENV_STATUS_SECRET_PARAMETER]: this.secretParameter.name,
          [ENV_STATUS_REPLY_QUEUE_URL]: props.replyQueue.url,
          [ENV_REPLY_KEY_PARAMETER]: props.replyKeyParameter.name,
        },
      },
      dependsOn: [this.logGroup],
    });

    this.api = new Apigatewayv2Api(this, "api", { name: props.name, protocolType: "HTTP", description: `Grafana OnCall status webhooks of ${props.config.slug}` });
    const integration = new Apigatewayv2Integration(this, "integration", {
      apiId: this.api.id,
      integrationType: "AWS_PROXY",
      integrationUri: this.function.arn,
      payloadFormatVersion: "2.0",
      timeoutMilliseconds: 12000,
    });
    new Apigatewayv2Route(this, "route", { apiId: this.api.id, routeKey: "POST /oncall", target: `integrations/${integration.id}` });
    this.stage = new Apigatewayv2Stage(this, "stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      // Bounds what a stranger hammering the URL can cost; OnCall sends a few requests per alert group.
      defaultRouteSettings: { throttlingRateLimit: rate, throttlingBurstLimit: 2 * rate },
    });
    this.permission = new LambdaPermission(this, "api-invoke", {
      statementId: "AllowStatusApi",
      action: "lambda:InvokeFunction",
      functionName: this.function.functionName,
      principal: "apigateway.amazonaws.com",
      sourceAccount: props.accountId,
      sourceArn: `${this.api.executionArn}/*/*/oncall`,
    });
    this.url = `${this.api.apiEndpoint}/oncall`;

    this.alarm = new CloudwatchMetricAlarm(this, "errors", {
      alarmName: `${props.name}-errors`,
      alarmDescription: "The OnCall status endpoint failed (secret unreadable, reply queue refused): customers miss their 'acknowledged'/'resolved' mails. See docs/operations.md (replies).",
      namespace: "AWS/Lambda",
      metricName: "Errors",
      statistic: "Sum",
      dimensions: { FunctionName: props.name },
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    // A webhook with the right secret but an unsigned or tampered reply context: a forged alert
    // (the integration URL leaked) or a leaked webhook replayed with new words. Nothing was sent.
    this.forgeryAlarm = new CloudwatchMetricAlarm(this, "forged-requests", {
      alarmName: `${props.name}-forged-requests`,
      alarmDescription: "The status endpoint refused a webhook whose reply context our function did not sign (UNSIGNED_REPLY_CONTEXT): a forged alert or a replayed webhook. Nothing was mailed; rotate the OnCall integration URL and the status secret (docs/operations.md, replies).",
      namespace: "EmailToOncall",
      metricName: "StatusRequests",
      statistic: "Sum",
      dimensions: { Event: props.config.slug, Result: "UNSIGNED_REPLY_CONTEXT" },
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
  }
}
