import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectRows, ms } from "../test-support/expect-rows.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

describe("launchdarkly_teams, launchdarkly_team_roles and launchdarkly_team_maintainers", () => {
  it("sync every team with its custom roles and maintainers", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: {
        tables: ["launchdarkly_teams", "launchdarkly_team_roles", "launchdarkly_team_maintainers"],
      },
    });
    expect(result.summary.status).toBe("ok");
    const { teams } = sim.truth().account;
    expectRows(
      result,
      "launchdarkly_teams",
      teams.map(({ team }) => ({
        key: team.key,
        name: team.name,
        members: team.members,
        role_attributes: team.roleAttributes,
        creation_date: ms(team._creationDate),
      })),
    );
    expectRows(
      result,
      "launchdarkly_team_roles",
      teams.flatMap(({ team, roles }) =>
        roles.map((role) => ({
          team_key: team.key,
          key: role.key,
          projects: role.projects,
          applied_on: ms(role.appliedOn),
        })),
      ),
    );
    expectRows(
      result,
      "launchdarkly_team_maintainers",
      teams.flatMap(({ team, maintainers }) =>
        maintainers.map((m) => ({ team_key: team.key, id: m._id, email: m.email })),
      ),
    );
    for (const table of [
      "launchdarkly_teams",
      "launchdarkly_team_roles",
      "launchdarkly_team_maintainers",
    ])
      expectTableInvariants(result, table);
    expectLinkedToParent(result, "launchdarkly_team_roles", "launchdarkly_teams");
    expectLinkedToParent(result, "launchdarkly_team_maintainers", "launchdarkly_teams");
    expect(sim.requests.count({ route: "getTeams" })).toBe(
      Math.max(1, Math.ceil(teams.length / 100)),
    );
    expect(sim.requests.count({ route: "getTeamRoles" })).toBe(teams.length);
    expect(sim.requests.count({ route: "getTeamMaintainers" })).toBe(teams.length);
  });
});
