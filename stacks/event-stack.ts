import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { EventSpec } from "../config/load";
import type { FoundationConfig } from "../config/schema";
import { awsProvider, configureBackend } from "./provider-and-backend";
import { EventInbox } from "./constructs/event-inbox";
import { MailToAlertFunction } from "./constructs/mail-to-alert-function";
import { PipelineAlarms } from "./constructs/pipeline-alarms";
import { runtimeConfigFor } from "./function-config";
import { bundleFunction } from "./function-bundle";
import { eventNames, foundationNames, receiptRuleArn } from "./naming";
import { EventOnCall } from "./oncall";

export interface EventStackProps {
  readonly foundation: FoundationConfig;
  readonly event: EventSpec;
  /**
   * Zip of the bundled function. Construct tests pass a stand-in to test wiring alone.
   * @default - bundled from functions/mail-to-alert at synth
   */
  readonly functionCodeZip?: string;
}

/**
 * One event: its receipt rule in the shared set, its mail-to-alert function with alarms, and its
 * Grafana OnCall side. Refers to foundation resources by derived names only, so it can be planned,
 * applied and destroyed on its own.
 */
export class EventStack extends TerraformStack {
  public readonly inbox: EventInbox;
  public readonly mailToAlert: MailToAlertFunction;
  public readonly alarms: PipelineAlarms;
  public readonly onCall: EventOnCall;

  constructor(scope: Construct, id: string, props: EventStackProps) {
    super(scope, id);
    const { foundation: f, event } = props;
    const shared = foundationNames(f);
    const names = eventNames(f, event.slug);
    configureBackend(this, id, f.backend);
    awsProvider(this, f, { stack: id, event: event.slug });
    const account = new DataAwsCallerIdentity(this, "account");

    this.alarms = new PipelineAlarms(this, "alarms", {
      topicName: names.healthTopic,
      functionName: names.functionName,
      deadLetterQueueName: names.deadLetterQueue,
      eventSlug: event.slug,
      accountId: account.accountId,
    });
    this.onCall = new EventOnCall(this, "oncall", { event, foundation: f, healthTopic: this.alarms.topic });

    this.mailToAlert = new MailToAlertFunction(this, "mail-to-alert", {
      functionName: names.functionName,
      roleName: names.roleName,
      logGroupName: names.logGroup,
      deadLetterQueueName: names.deadLetterQueue,
      urlParameterName: names.urlParameter,
      integrationUrl: this.onCall.integrationLink,
      codeZip: props.functionCodeZip ?? bundleFunction("mail-to-alert").zip,
      runtimeConfig: runtimeConfigFor(f, event),
      accountId: account.accountId,
      sourceRuleArn: receiptRuleArn(f.region, account.accountId, shared.ruleSet, names.receiptRule),
      memoryMb: event.function.memoryMb,
      timeoutSeconds: event.function.timeoutSeconds,
      reservedConcurrency: event.function.reservedConcurrency,
      logRetentionDays: event.function.logRetentionDays,
      retryAttempts: event.function.retryAttempts,
      maxEventAgeSeconds: event.function.maxEventAgeSeconds,
    });

    this.inbox = new EventInbox(this, "inbox", {
      ruleName: names.receiptRule,
      ruleSetName: shared.ruleSet,
      recipients: event.addresses,
      bucketName: shared.bucket,
      objectKeyPrefix: names.mailPrefix,
      functionArn: this.mailToAlert.function.arn,
      dependsOn: [this.mailToAlert.sesPermission],
    });

    new TerraformOutput(this, "addresses", { value: event.addresses.join(", "), description: `Emergency address(es) of ${event.title}` });
    new TerraformOutput(this, "dead_letter_queue_url", { value: this.mailToAlert.deadLetterQueue.url });
    new TerraformOutput(this, "function_name", { value: this.mailToAlert.function.functionName });
  }
}
