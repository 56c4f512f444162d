import { Construct } from "constructs";
import { DataGrafanaOncallSlackChannel } from "../../.gen/providers/grafana/data-grafana-oncall-slack-channel";
import { DataGrafanaOncallTeam } from "../../.gen/providers/grafana/data-grafana-oncall-team";
import { DataGrafanaOncallUser } from "../../.gen/providers/grafana/data-grafana-oncall-user";

export interface OnCallDirectoryProps {
  /** Grafana usernames to resolve; each becomes one `data grafana_oncall_user`. */
  readonly usernames: readonly string[];
  /**
   * OnCall team name, looked up by name.
   * @default no team: resources belong to no team
   */
  readonly team?: string;
  /**
   * Slack channel names to look up (the Slack app must be connected to OnCall).
   * @default none
   */
  readonly slackChannels?: readonly string[];
}

/**
 * Names in config, ids in OnCall: users, team and Slack channels are looked up at plan time, so a
 * misspelt username fails `terraform plan` instead of silently paging nobody.
 */
export class OnCallDirectory extends Construct {
  public readonly users: ReadonlyMap<string, DataGrafanaOncallUser>;
  public readonly team?: DataGrafanaOncallTeam;
  public readonly slackChannels: ReadonlyMap<string, DataGrafanaOncallSlackChannel>;

  constructor(scope: Construct, id: string, props: OnCallDirectoryProps) {
    super(scope, id);
    const users = new Map<string, DataGrafanaOncallUser>();
    const ids = new Set<string>();
    for (const username of props.usernames) {
      if (users.has(username)) continue;
      // Ids keep [a-z0-9-]: "jane.doe" and "jane_doe" would collide; the later one gets a suffix.
      let id = `user-${idPart(username)}`;
      for (let n = 2; ids.has(id); n++) id = `user-${idPart(username)}-${n}`;
      ids.add(id);
      users.set(username, new DataGrafanaOncallUser(this, id, { username }));
    }
    this.users = users;
    if (props.team !== undefined) this.team = new DataGrafanaOncallTeam(this, "team", { name: props.team });
    const channels = new Map<string, DataGrafanaOncallSlackChannel>();
    for (const name of props.slackChannels ?? []) {
      const clean = name.replace(/^#/, "");
      if (!channels.has(clean)) channels.set(clean, new DataGrafanaOncallSlackChannel(this, `slack-${idPart(clean)}`, { name: clean }));
    }
    this.slackChannels = channels;
  }

  /** OnCall user id of a username the directory was built with. */
  public userId(username: string): string {
    const u = this.users.get(username);
    if (!u) throw new Error(`OnCallDirectory: username ${username} was not declared`);
    return u.id;
  }

  /** Slack channel id (the `slack_id`) of a channel name the directory was built with. */
  public slackChannelId(name: string): string {
    const c = this.slackChannels.get(name.replace(/^#/, ""));
    if (!c) throw new Error(`OnCallDirectory: Slack channel ${name} was not declared`);
    return c.slackId;
  }

  public get teamId(): string | undefined {
    return this.team?.id;
  }
}

/** Construct ids allow more than Terraform names like; keep them stable and readable. */
export function idPart(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "x";
}
