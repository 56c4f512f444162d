import { Fn } from "cdktf";
import { Construct } from "constructs";

import { OncallIntegration } from "../../.gen/providers/grafana/oncall-integration";
import { OncallRoute } from "../../.gen/providers/grafana/oncall-route";
import { OnCallDirectory } from "./directory";
import { MAIL_TEMPLATES, MailTemplates, NOTIFY_ROUTE_TEMPLATE, RouteMatch, routeTemplate, terraformLiteral } from "./templates";

/** A route of the mail integration: a mail matching every given pattern goes to its chain. */
export interface MailRoute {
  /**
   * Python `re` patterns (OnCall evaluates them), case-insensitive, on the subject and the sender
   * address; and the recognised customer's slug or tier (issue 13). Every given field must match.
   */
  readonly match: RouteMatch;
  /** Escalation chain id of the route. */
  readonly escalationChainId: string;
  /** @default no Slack channel */
  readonly slackChannel?: string;
  /** Which lane's alerts the route takes (the notify integration's routes take notify alerts). @default "page" */
  readonly lane?: "page" | "notify";
}

export interface MailIntegrationProps {
  /** Integration name shown to responders. */
  readonly name: string;
  /** Chain for mails no route matches. */
  readonly defaultEscalationChainId: string;
  /**
   * Chain of the notify lane (low urgency: it should notify without paging). Its route comes first.
   * @default no notify route: notify-lane alerts then take the routes below (not recommended)
   */
  readonly notifyEscalationChainId?: string;
  /**
   * Routes checked in order before the default route.
   * @default none
   */
  readonly routes?: readonly MailRoute[];
  /**
   * Slack channel name for alert groups of the default route.
   * @default no Slack channel
   */
  readonly slackChannel?: string;
  readonly directory: OnCallDirectory;
  /**
   * Alert templates.
   * @default MAIL_TEMPLATES
   */
  readonly templates?: MailTemplates;
}

/**
 * The `webhook` integration the mail-to-alert function POSTs to, with its alert templates as code,
 * and its routes. Type `webhook` rather than `formatted_webhook`: see docs/oncall.md.
 */
export class MailIntegration extends Construct {
  public readonly integration: OncallIntegration;
  /** All routes in order; the notify route (if any) first. */
  public readonly routes: readonly OncallRoute[];
  /** The notify lane's route, at position 0. */
  public readonly notifyRoute?: OncallRoute;
  /**
   * The integration URL wrapped in Terraform's `sensitive()`: anyone holding it can page, and the
   * provider does not mark `link` sensitive, so plans would otherwise print it wherever it flows.
   */
  public readonly link: string;

  constructor(scope: Construct, id: string, props: MailIntegrationProps) {
    super(scope, id);
    const t = props.templates ?? MAIL_TEMPLATES;
    const lit = terraformLiteral;
    const slack = (channel?: string) => (channel === undefined ? undefined : { channelId: props.directory.slackChannelId(channel), enabled: true });
    this.integration = new OncallIntegration(this, "integration", {
      name: props.name,
      type: "webhook",
      teamId: props.directory.teamId,
      defaultRoute: { escalationChainId: props.defaultEscalationChainId, slack: slack(props.slackChannel) },
      templates: {
        groupingKey: lit(t.groupingKey),
        resolveSignal: lit(t.resolveSignal),
        sourceLink: lit(t.sourceLink),
        web: { title: lit(t.web.title), message: lit(t.web.message) },
        mobileApp: { title: lit(t.mobileApp.title), message: lit(t.mobileApp.message) },
        slack: { title: lit(t.slack.title), message: lit(t.slack.message) },
        phoneCall: { title: lit(t.phoneCall.title) },
        sms: { title: lit(t.sms.title) },
        email: { title: lit(t.email.title), message: lit(t.email.message) },
      },
    });
    const routes: OncallRoute[] = [];
    const offset = props.notifyEscalationChainId === undefined ? 0 : 1;
    if (props.notifyEscalationChainId !== undefined) {
      this.notifyRoute = new OncallRoute(this, "route-notify", {
        integrationId: this.integration.id,
        position: 0,
        routingType: "jinja2",
        routingRegex: lit(NOTIFY_ROUTE_TEMPLATE),
        escalationChainId: props.notifyEscalationChainId,
        slack: slack(props.slackChannel),
      });
      routes.push(this.notifyRoute);
    }
    (props.routes ?? []).forEach((r, i) => {
      routes.push(
        new OncallRoute(this, `route-${i}`, {
          integrationId: this.integration.id,
          position: i + offset,
          routingType: "jinja2",
          routingRegex: lit(routeTemplate(r.match, r.lane)),
          escalationChainId: r.escalationChainId,
          slack: slack(r.slackChannel),
          // Routes are inserted at their position; one at a time keeps the configured order.
          dependsOn: routes.length > 0 ? [routes[routes.length - 1]] : undefined,
        }),
      );
    });
    this.routes = routes;
    this.link = Fn.sensitive(this.integration.link) as string;
  }
}
