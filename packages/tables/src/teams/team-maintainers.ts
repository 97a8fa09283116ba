import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { parentTeamKey, teamParentKey } from "./team-parent-key.js";

export type TeamMaintainer = Schemas["MemberSummary"];

/**
 * `launchdarkly_team_maintainers`: the members who maintain each team.
 * @see https://launchdarkly.com/docs/api/teams/get-team-maintainers
 */
export function teamMaintainers(): AnyTableDefinition {
  return defineTable<TeamMaintainer>({
    name: "launchdarkly_team_maintainers",
    title: "LaunchDarkly Team Maintainers",
    description:
      "Maintainers of each team. https://launchdarkly.com/docs/api/teams/get-team-maintainers",
    requiredPermission: "read access to the account's teams (the built-in Reader role has it)",
    columns: [
      teamParentKey<TeamMaintainer>(),
      ...columnsFromFields<TeamMaintainer>({
        _id: { type: "utf8", primaryKey: true, description: "The maintainer's member id." },
        email: "utf8",
        firstName: "utf8",
        lastName: "utf8",
        role: "utf8",
      }),
    ],
    async *resolve(ctx, parent) {
      const teamKey = parentTeamKey(parent);
      const pages = ctx.client.paginate("/api/v2/teams/{teamKey}/maintainers", {
        params: { path: { teamKey } },
      });
      for await (const page of pages) yield page.items ?? [];
    },
  });
}
