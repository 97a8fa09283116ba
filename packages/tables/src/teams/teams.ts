import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { teamMaintainers } from "./team-maintainers.js";
import { teamRoles } from "./team-roles.js";

export type Team = Schemas["Team"];

/**
 * `launchdarkly_teams`: the account's teams, 100 a page, with their member count and role
 * attributes (`expand=members,roleAttributes`). Their custom roles and maintainers are the child
 * tables (the list's `roles`, `maintainers` and `projects` expansions are partial, or gone in 20240415).
 * @see https://launchdarkly.com/docs/api/teams/get-teams
 */
export function teams(): AnyTableDefinition {
  return defineTable<Team>({
    name: "launchdarkly_teams",
    title: "LaunchDarkly Teams",
    description: "Teams of the account. https://launchdarkly.com/docs/api/teams/get-teams",
    requiredPermission: "read access to the account's teams (the built-in Reader role has it)",
    columns: columnsFromFields<Team>({
      key: { type: "utf8", primaryKey: true },
      name: "utf8",
      description: "utf8",
      _access: "json",
      _creationDate: { type: "timestamp", resolve: msEpochTimestamp("_creationDate") },
      _lastModified: { type: "timestamp", resolve: msEpochTimestamp("_lastModified") },
      _version: "int64",
      _idpSynced: "bool",
      roleAttributes: "json",
      members: { type: "json", description: "`{ totalCount }`: how many members the team has." },
    }),
    children: [teamRoles(), teamMaintainers()],
    async *resolve(ctx) {
      const pages = ctx.client.paginate("/api/v2/teams", {
        params: { query: { expand: "members,roleAttributes" } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
