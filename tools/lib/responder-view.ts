import type { AlertPayload } from "../../functions/mail-to-alert/contract";
import { MAIL_TEMPLATES } from "../../lib/oncall/templates";
import { renderOnCallTemplate } from "./jinja/oncall-env";

/** What OnCall shows and says for one alert, rendered from the integration's own templates. */
export interface ResponderView {
  /** Web, e-mail, mobile app and Slack title. */
  readonly title: string;
  /** What the phone call says. */
  readonly phoneCall: string;
  readonly sms: string;
  readonly mobileMessage: string;
  readonly groupingKey: string;
  /** The resolve-signal template says this alert resolves its group. */
  readonly resolves: boolean;
}

/** OnCall reads a behaviour template's output as true when it is "1", "true" or "ok" (any case). */
const truthy = (s: string) => ["1", "true", "ok"].includes(s.trim().toLowerCase());

export function responderView(payload: AlertPayload): ResponderView {
  const t = MAIL_TEMPLATES;
  const r = (template: string) => renderOnCallTemplate(template, payload);
  return {
    title: r(t.web.title),
    phoneCall: r(t.phoneCall.title),
    sms: r(t.sms.title),
    mobileMessage: r(t.mobileApp.message),
    groupingKey: r(t.groupingKey),
    resolves: truthy(r(t.resolveSignal)),
  };
}
