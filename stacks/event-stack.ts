import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import type { EventSpec } from "../config/load";
import type { FoundationConfig } from "../config/schema";
import { EmergencyInbox } from "../lib/aws/emergency-inbox";
import { Duration } from "../lib/core/duration";
import { EmergencyOnCall } from "../lib/oncall/emergency-on-call";
import { GrafanaOnCallProvider } from "../lib/oncall/provider";
import { awsProvider, configureBackend } from "./provider-and-backend";
import { onCallPropsFor } from "./event-on-call";
import { inboxInputFor } from "./function-config";
import { bundleFunction } from "./function-bundle";
import { eventNames, foundationNames } from "./naming";

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
 * One event, compiled from its YAML into the library's two patterns: EmergencyOnCall (the Grafana
 * side) and EmergencyInbox (receipt rule, function, alarms; its health topic goes to the OnCall
 * side). Refers to foundation resources by derived names only, so it can be planned, applied and
 * destroyed on its own. The inbox is created with the id "Default", which cdktf leaves out of
 * logical ids: its resources keep the addresses they had before the library existed.
 */
export class EventStack extends TerraformStack {
  public readonly inbox: EmergencyInbox;
  public readonly onCall: EmergencyOnCall;

  constructor(scope: Construct, id: string, props: EventStackProps) {
    super(scope, id);
    const { foundation: f, event } = props;
    const shared = foundationNames(f);
    const names = eventNames(f, event.slug);
    configureBackend(this, id, f.backend);
    awsProvider(this, f, { stack: id, event: event.slug });
    new GrafanaOnCallProvider(this, "grafana");
    // The canary key and the status webhooks' secret are random_passwords (generated at apply, never in the synthesized JSON).
    if (event.canary.enabled || event.replies?.enabled) new RandomProvider(this, "random");

    this.onCall = new EmergencyOnCall(this, "oncall", onCallPropsFor(event));
    const input = inboxInputFor(f, event);
    this.inbox = new EmergencyInbox(this, "Default", {
      ...input,
      ruleSetName: shared.ruleSet,
      integrationUrl: this.onCall.integrationLink,
      notifyIntegrationUrl: this.onCall.notifyIntegrationLink,
      healthTopicConsumer: this.onCall,
      healthContacts: event.health,
      namePrefix: f.namePrefix,
      names: {
        ruleName: names.receiptRule,
        functionName: names.functionName,
        roleName: names.roleName,
        logGroupName: names.logGroup,
        deadLetterQueueName: names.deadLetterQueue,
        urlParameterName: names.urlParameter,
        notifyUrlParameterName: names.notifyUrlParameter,
        healthTopicName: names.healthTopic,
        reminderName: names.reminder,
        canaryName: names.canary,
        canaryKeyParameterName: names.canaryKeyParameter,
        replyPipelineName: names.replyPipeline,
        statusName: names.statusEndpoint,
        statusSecretParameterName: names.statusSecretParameter,
      },
      function: event.function,
      replies: input.replies && { ...input.replies, senderCodeZip: props.functionCodeZip ?? bundleFunction("reply-sender").zip, status: { codeZip: props.functionCodeZip ?? bundleFunction("oncall-status").zip } },
      statusEndpointConsumer: this.onCall,
      codeZip: props.functionCodeZip ?? bundleFunction("mail-to-alert").zip,
      // Always the real bundle: it is small and has no per-event configuration to stub.
      reminder: { interval: Duration.minutes(event.function.deadLetterReminderMinutes), codeZip: bundleFunction("dlq-reminder").zip },
      canary: event.canary.enabled
        ? { interval: Duration.minutes(event.canary.intervalMinutes), preflight: Duration.hours(event.canary.preflightHours), fromAddress: `${event.canary.from}@${f.mailDomain}`, heartbeat: event.canary.heartbeat, codeZip: bundleFunction("canary").zip }
        : undefined,
      mailDomain: f.mailDomain,
    });

    // The customers' aliases reach this event too (the receipt rule's recipients).
    new TerraformOutput(this, "addresses", { value: [...event.addresses, ...event.customerSpecs.flatMap((c) => c.aliasAddresses)].join(", "), description: `Emergency address(es) of ${event.title}` });
    new TerraformOutput(this, "dead_letter_queue_url", { value: this.inbox.function.deadLetterQueue.url });
    new TerraformOutput(this, "function_name", { value: this.inbox.function.function.functionName });
  }
}
