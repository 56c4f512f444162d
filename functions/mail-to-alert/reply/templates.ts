import type { ReplyKind, ReplyRequest } from "../../reply-sender/contract";

/**
 * The words of every reply, per language, as code (reviewed like code, tested in each language).
 * A template gets the request and formatted times and returns paragraphs; render-reply.ts turns
 * them into the plain-text and HTML parts (escaped there, never here).
 */
export interface TemplateVars {
  readonly request: ReplyRequest;
  /** `request.at` in the event's zone and this language. */
  readonly at: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

export interface Template {
  /** BCP 47 locale used to format times. */
  readonly locale: string;
  /** Subject when the customer's mail had none. */
  readonly noSubject: string;
  readonly greeting: string;
  /** Display name of the event address in From. */
  readonly fromName: (title: string) => string;
  readonly body: Readonly<Record<ReplyKind, (v: TemplateVars) => readonly string[]>>;
  readonly signature: (v: TemplateVars) => string;
}

const en: Template = {
  locale: "en-US",
  noSubject: "your message",
  greeting: "Hello,",
  fromName: (title) => `${title} on-call`,
  body: {
    acknowledgement: ({ request: r, at }) => [
      `We received your message and paged the on-call team at ${at}.`,
      `Your reference is ${r.reference}. Please quote it if you call or write again; replies to this mail stay in the same thread.`,
      `If it is urgent beyond e-mail, call ${r.phone}.`,
      "We will write again when an engineer acknowledges it and when it is resolved.",
    ],
    "outside-window": ({ request: r, at, windowStart, windowEnd }) => [
      `This emergency line (${r.event.title}) is staffed from ${windowStart} to ${windowEnd}; your message arrived outside that window, so the line is closed.`,
      r.paged ? `We paged the on-call team all the same at ${at}.` : "Nobody has been paged for it.",
      `Where to go now: ${r.closedHelp ?? `call ${r.phone}`}.`,
      `Your reference is ${r.reference}.`,
    ],
    acknowledged: ({ request: r, at }) => [
      `${r.by ?? "An engineer"} from the on-call team acknowledged your message at ${at} and is working on it.`,
      `Your reference is ${r.reference}. If it is urgent beyond e-mail, call ${r.phone}.`,
    ],
    resolved: ({ request: r, at }) => [
      `The on-call team marked your request resolved at ${at}.`,
      `If the problem is not solved, reply to this mail and we will be paged again, or call ${r.phone}. Your reference is ${r.reference}.`,
    ],
    unresolved: ({ request: r, at }) => [
      `The on-call team reopened your request at ${at}; it is being worked on again.`,
      `Your reference is ${r.reference}. If it is urgent beyond e-mail, call ${r.phone}.`,
    ],
  },
  signature: ({ request: r }) => `${r.event.title} emergency line (automatic message: a person reads every reply)`,
};

const fr: Template = {
  locale: "fr-FR",
  noSubject: "votre message",
  greeting: "Bonjour,",
  fromName: (title) => `Astreinte ${title}`,
  body: {
    acknowledgement: ({ request: r, at }) => [
      `Nous avons bien reçu votre message et alerté l'équipe d'astreinte à ${at}.`,
      `Votre référence : ${r.reference}. Merci de la rappeler si vous appelez ou écrivez de nouveau ; les réponses à ce message restent dans le même fil.`,
      `Si c'est urgent au-delà du courriel, appelez le ${r.phone}.`,
      "Nous vous écrirons quand un ingénieur aura pris en charge votre demande, puis quand elle sera résolue.",
    ],
    "outside-window": ({ request: r, at, windowStart, windowEnd }) => [
      `Cette ligne d'urgence (${r.event.title}) est ouverte du ${windowStart} au ${windowEnd} ; votre message est arrivé en dehors de cette période : la ligne est fermée.`,
      r.paged ? `Nous avons tout de même alerté l'équipe d'astreinte à ${at}.` : "Personne n'a été alerté pour ce message.",
      `Où vous adresser maintenant : ${r.closedHelp ?? `appelez le ${r.phone}`}.`,
      `Votre référence : ${r.reference}.`,
    ],
    acknowledged: ({ request: r, at }) => [
      `${r.by ?? "Un ingénieur"}, de l'équipe d'astreinte, a pris en charge votre message à ${at} et y travaille.`,
      `Votre référence : ${r.reference}. Si c'est urgent au-delà du courriel, appelez le ${r.phone}.`,
    ],
    resolved: ({ request: r, at }) => [
      `L'équipe d'astreinte a marqué votre demande comme résolue à ${at}.`,
      `Si le problème persiste, répondez à ce message et nous serons de nouveau alertés, ou appelez le ${r.phone}. Votre référence : ${r.reference}.`,
    ],
    unresolved: ({ request: r, at }) => [
      `L'équipe d'astreinte a rouvert votre demande à ${at} ; elle est de nouveau en cours de traitement.`,
      `Votre référence : ${r.reference}. Si c'est urgent au-delà du courriel, appelez le ${r.phone}.`,
    ],
  },
  signature: ({ request: r }) => `Ligne d'urgence ${r.event.title} (message automatique : chaque réponse est lue par une personne)`,
};

/** The languages replies are written in; the event YAML and the customer registry choose among these. */
export const TEMPLATES: Readonly<Record<string, Template>> = { en, fr };
export const REPLY_LANGUAGES = Object.keys(TEMPLATES) as readonly string[];

/** The template of a language; an unknown one falls back to English (a reply in English beats none). */
export function templateFor(language: string): Template {
  const key = language.toLowerCase().split(/[-_]/)[0]!;
  // Own keys only: "constructor" or "__proto__" (from an alert's reply context) must not find Object.prototype.
  return Object.hasOwn(TEMPLATES, key) ? TEMPLATES[key]! : en;
}
