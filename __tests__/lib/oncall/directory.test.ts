import { OnCallDirectory, OnCallDirectoryProps } from "../../../lib";
import { ref, resolve, synth, testStack } from "../support";

function build(props: OnCallDirectoryProps) {
  const stack = testStack();
  const directory = new OnCallDirectory(stack, "directory", props);
  return { directory, s: synth(stack) };
}

describe("OnCallDirectory", () => {
  describe("users", () => {
    const { directory, s } = build({ usernames: ["alice", "bob", "alice"] });

    it("looks each username up once, by name", () => {
      expect(s.data("grafana_oncall_user")).toEqual([{ username: "alice" }, { username: "bob" }]);
      expect([...directory.users.keys()]).toEqual(["alice", "bob"]);
    });

    it("gives a declared user's OnCall id (the data source's, known at plan time)", () => {
      expect(resolve(directory, directory.userId("bob"))).toBe(ref(directory.users.get("bob")!, "id"));
    });

    it("refuses a username it was not built with", () => {
      expect(() => directory.userId("mallory")).toThrow(/OnCallDirectory: username mallory was not declared/);
    });

    it("has no team and no Slack channel by default", () => {
      expect(directory.team).toBeUndefined();
      expect(directory.teamId).toBeUndefined();
      expect(s.data("grafana_oncall_team")).toHaveLength(0);
      expect(directory.slackChannels.size).toBe(0);
    });
  });

  it("looks the team up by name", () => {
    const { directory, s } = build({ usernames: [], team: "Platform" });
    expect(s.of(directory.team!)).toEqual({ name: "Platform" });
    expect(resolve(directory, directory.teamId)).toBe(ref(directory.team!, "id"));
  });

  it("looks each Slack channel up once, with or without #", () => {
    const { directory, s } = build({ usernames: [], slackChannels: ["#incidents", "incidents", "ops"] });
    expect(s.data("grafana_oncall_slack_channel")).toEqual([{ name: "incidents" }, { name: "ops" }]);
    const ops = ref(directory.slackChannels.get("ops")!, "slack_id");
    expect([resolve(directory, directory.slackChannelId("#ops")), resolve(directory, directory.slackChannelId("ops"))]).toEqual([ops, ops]);
    expect(() => directory.slackChannelId("random")).toThrow(/OnCallDirectory: Slack channel random was not declared/);
  });

  it("gives each user a readable, stable construct id", () => {
    const { directory } = build({ usernames: ["Jane.Doe"] });
    expect(directory.users.get("Jane.Doe")!.node.id).toBe("user-jane-doe");
  });

  // BUG: construct ids keep only [a-z0-9-], so two Grafana usernames that differ in punctuation
  // or case collide: "There is already a Construct with name 'user-jane-doe'".
  it("looks up usernames that differ only in punctuation", () => {
    expect(() => new OnCallDirectory(testStack(), "directory", { usernames: ["jane.doe", "jane_doe"] })).not.toThrow();
  });
});
