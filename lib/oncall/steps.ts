import { Duration } from "../core/duration";
import { isUnresolved } from "../core/tokens";

/** OnCall escalation step types this library writes (`grafana_oncall_escalation.type`). */
export type EscalationStepType =
  | "wait"
  | "notify_on_call_from_schedule"
  | "notify_next_on_call_from_schedule"
  | "notify_persons"
  | "notify_team_members"
  | "notify_whole_channel"
  | "repeat_escalation"
  | "resolve";

/** One step of an escalation chain, as OnCall stores it (positions are given by the chain's order). */
export interface EscalationStep {
  readonly type: EscalationStepType;
  /** Seconds, for `wait` only (60-86400). */
  readonly duration?: number;
  /** Uses the responders' "important" notification rules (phone calls, loud alerts). */
  readonly important?: boolean;
  /** Grafana usernames, for `notify_persons` only. */
  readonly persons?: readonly string[];
}

export const WAIT_MIN = Duration.seconds(60);
export const WAIT_MAX = Duration.days(1);

interface Loudness {
  /**
   * The responders' important notification rules (phone calls) instead of the default ones.
   * @default false
   */
  readonly important?: boolean;
}

/**
 * Typed escalation steps: `[Step.pageOnCall({ important: true }), Step.wait(Duration.minutes(5)), Step.repeat()]`.
 * The readable-words DSL of the YAML app ("page the on-call, important", "wait 5m") compiles to these.
 */
export const Step = {
  wait(duration: Duration): EscalationStep {
    const s = duration.toSeconds();
    if (!isUnresolved(s) && (s < WAIT_MIN.toSeconds() || s > WAIT_MAX.toSeconds())) throw new Error(`Step.wait: duration must be 60s to 1d (OnCall's range), got ${duration.toString()}`);
    return { type: "wait", duration: s };
  },
  /** Whoever the schedule has on call. */
  pageOnCall(o: Loudness = {}): EscalationStep {
    return { type: "notify_on_call_from_schedule", important: o.important ?? false };
  },
  /** Whoever the schedule has on call next. */
  pageNextOnCall(o: Loudness = {}): EscalationStep {
    return { type: "notify_next_on_call_from_schedule", important: o.important ?? false };
  },
  /** Named people (Grafana usernames). */
  pagePersons(usernames: readonly string[], o: Loudness = {}): EscalationStep {
    if (usernames.length === 0) throw new Error("Step.pagePersons: needs at least one username");
    return { type: "notify_persons", persons: [...usernames], important: o.important ?? false };
  },
  /** Every member of the OnCall team (needs a team on the chain). */
  pageTeam(o: Loudness = {}): EscalationStep {
    return { type: "notify_team_members", important: o.important ?? false };
  },
  /** The whole Slack channel of the route. */
  notifySlackChannel(o: Loudness = {}): EscalationStep {
    return { type: "notify_whole_channel", important: o.important ?? false };
  },
  /** Start the chain again (OnCall repeats it at most 5 times). */
  repeat(): EscalationStep {
    return { type: "repeat_escalation" };
  },
  resolve(): EscalationStep {
    return { type: "resolve" };
  },
};
