/**
 * email-to-oncall as a construct library: an emergency e-mail line for a cdktf app, without YAML.
 * Patterns: EmergencyMailDomain (per account and region), EmergencyInbox (per address),
 * EmergencyOnCall (the Grafana OnCall side). The small constructs they are made of are exported
 * too. Providers (aws, grafana) come from the consumer's stack. See docs/library.md.
 */
export { Duration } from "./core/duration";
export { nameFrom } from "./core/names";
export { partitionFor, partitionOf, receiptRuleArn } from "./core/partition";

export { EmergencyMailDomain, type EmergencyMailDomainProps } from "./aws/emergency-mail-domain";
export { customerLabel, EmergencyInbox, type EmergencyInboxCanaryProps, type EmergencyInboxFunctionProps, type EmergencyInboxNames, type EmergencyInboxProps, type EmergencyInboxReminderProps, type EmergencyInboxRepliesProps, type IHealthTopicConsumer } from "./aws/emergency-inbox";
export { ReplyPipeline, type ReplyPipelineProps } from "./aws/reply-pipeline";
export { StatusEndpoint, type IStatusEndpointConsumer, type StatusEndpointProps, type StatusEndpointTarget } from "./aws/status-endpoint";
export { STATUS_TRIGGERS, StatusWebhooks, type StatusWebhooksProps } from "./oncall/status-webhooks";
export { InboundRuleSet, type InboundRuleSetProps } from "./aws/inbound-rule-set";
export { MailDomain, type MailDomainProps } from "./aws/mail-domain";
export { LOG_RETENTION_DAYS, MailToAlertFunction, type MailToAlertFunctionProps } from "./aws/mail-to-alert-function";
export { PipelineAlarms, type PipelineAlarmsProps } from "./aws/pipeline-alarms";
export { checkHealthContacts, HealthContacts, HTTPS_DELIVERY_POLICY, type HealthContactsInput, type HealthContactsProps } from "./aws/health-contacts";
export { E164 } from "./core/e164";
export { RawMailBucket, type RawMailBucketProps } from "./aws/raw-mail-bucket";
export { ReceiptRule, type ReceiptRuleProps } from "./aws/receipt-rule";
export { buildReplySettings, buildRuntimeConfig, customerConfigOf, DEFAULT_LANE_POLICY, DEFAULT_TIER, inboxAddresses, type CustomerNotesProps, type CustomerProps, type RepliesProps, type RuntimeConfigInput, type TrustedSendersProps } from "./aws/runtime-config";
export { findOverlaps, type Overlap, type TrustedEntry } from "./aws/customer-overlaps";
export { RuntimeConfigLayer, runtimeConfigOfLayerZip, type RuntimeConfigLayerProps } from "./aws/runtime-config-layer";
export { shippedCanaryZip, shippedFunctionZip, shippedReminderZip, shippedReplySenderZip, shippedStatusZip } from "./aws/function-code";
export { CanaryKey, type CanaryKeyProps } from "./aws/canary-key";
export { SigningKey, type SigningKeyProps } from "./aws/signing-key";
export type { ScheduledFunctionNames } from "./aws/scheduled-invoke";
export { CANARY_MAX_MINUTES, CANARY_MIN_MINUTES, canaryMinutes, EventCanary, type EventCanaryProps } from "./aws/event-canary";
export { DeadLetterReminder, REMINDER_MAX_MINUTES, REMINDER_MIN_MINUTES, reminderSchedule, type DeadLetterReminderProps } from "./aws/dead-letter-reminder";

export { customerRoutes, EmergencyOnCall, NOTIFY_CHAIN, type EmergencyOnCallCustomer, type EmergencyOnCallNames, type EmergencyOnCallProps, type EmergencyRoute } from "./oncall/emergency-on-call";
export { OnCallDirectory, type OnCallDirectoryProps } from "./oncall/directory";
export { EscalationChain, type EscalationChainProps } from "./oncall/escalation-chain";
export { PipelineHealthIntegration, type PipelineHealthIntegrationProps } from "./oncall/health-integration";
export { MailIntegration, type MailIntegrationProps, type MailRoute } from "./oncall/mail-integration";
export { GrafanaOnCallProvider } from "./oncall/provider";
export { OnCallSchedule, type OnCallScheduleProps } from "./oncall/schedule";
export { MAIL_TEMPLATES, type MailTemplates, type RouteMatch } from "./oncall/templates";
export type { Rotation, ShiftPlan } from "./oncall/rotation";
export { Step, type EscalationStep, type EscalationStepType } from "./oncall/steps";
export type { CustomerConfig, LanePolicy, RelayConfig } from "../functions/mail-to-alert/contract";
