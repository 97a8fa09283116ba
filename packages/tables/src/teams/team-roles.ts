import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { parentTeamKey, teamParentKey } from "./team-parent-key.js";

export type TeamRole = Schemas["TeamCustomRole"];

/**
 * `launchdarkly_team_roles`: the custom roles assigned to each team.
 * @see https://launchdarkly.com/docs/api/teams/get-team-roles
 */
export function teamRoles(): AnyTableDefinition {
  return defineTable<TeamRole>({
    name: "launchdarkly_team_roles",
    title: "LaunchDarkly Team Roles",
    description:
      "Custom roles assigned to each team. https://launchdarkly.com/docs/api/teams/get-team-roles",
    requiredPermission: "read access to the account's teams (the built-in Reader role has it)",
    columns: [
      teamParentKey<TeamRole>(),
      ...columnsFromFields<TeamRole>({
        key: { type: "utf8", primaryKey: true, description: "The custom role's key." },
        name: "utf8",
        projects: "json",
        appliedOn: { type: "timestamp", resolve: msEpochTimestamp("appliedOn") },
      }),
    ],
    async *resolve(ctx, parent) {
      const teamKey = parentTeamKey(parent);
      const pages = ctx.client.paginate("/api/v2/teams/{teamKey}/roles", {
        params: { path: { teamKey } },
      });
      for await (const page of pages) yield page.items ?? [];
    },
  });
}
