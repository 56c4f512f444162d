import { Construct } from "constructs";
import type { CompiledStep } from "../../config/escalation-words";
import { OncallEscalation } from "../../.gen/providers/grafana/oncall-escalation";
import { OncallEscalationChain } from "../../.gen/providers/grafana/oncall-escalation-chain";
import { OnCallDirectory } from "./directory";

export interface EscalationChainProps {
  /** Chain name in OnCall (unique in the organisation). */
  readonly name: string;
  /** Steps from `compileEscalation`, positions from 0. */
  readonly steps: readonly CompiledStep[];
  readonly directory: OnCallDirectory;
  /** Id of the schedule that "page the on-call" steps read. */
  readonly scheduleId: string;
}

/** An escalation chain and its steps, each value field set only for its step type. */
export class EscalationChain extends Construct {
  public readonly chain: OncallEscalationChain;
  public readonly steps: readonly OncallEscalation[];

  constructor(scope: Construct, id: string, props: EscalationChainProps) {
    super(scope, id);
    const teamId = props.directory.teamId;
    this.chain = new OncallEscalationChain(this, "chain", { name: props.name, teamId });
    const steps: OncallEscalation[] = [];
    for (const s of props.steps) {
      const step = new OncallEscalation(this, `step-${s.position}`, {
        escalationChainId: this.chain.id,
        position: s.position,
        type: s.type,
        duration: s.type === "wait" ? s.duration : undefined,
        important: s.important,
        notifyOnCallFromSchedule: s.type === "notify_on_call_from_schedule" || s.type === "notify_next_on_call_from_schedule" ? props.scheduleId : undefined,
        personsToNotify: s.type === "notify_persons" ? (s.persons ?? []).map((u) => props.directory.userId(u)) : undefined,
        notifyToTeamMembers: s.type === "notify_team_members" ? requireTeam(teamId) : undefined,
        // OnCall inserts a step at its position; creating steps one after the other keeps the order
        // stable even where the API would shift siblings created concurrently.
        dependsOn: steps.length > 0 ? [steps[steps.length - 1]] : undefined,
      });
      steps.push(step);
    }
    this.steps = steps;
  }
}

function requireTeam(teamId: string | undefined): string {
  if (teamId === undefined) throw new Error("EscalationChain: a notify_team_members step needs a team (oncall.team)");
  return teamId;
}
