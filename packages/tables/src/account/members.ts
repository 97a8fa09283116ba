import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { positiveMsTimestamp } from "./timestamps.js";

export type Member = Schemas["Member"];

/**
 * `launchdarkly_members`: every member of the account with their role, custom roles, teams and
 * role attributes (`expand=customRoles,roleAttributes`).
 * @see https://launchdarkly.com/docs/api/account-members/get-members
 */
export function members(): AnyTableDefinition {
  return defineTable<Member>({
    name: "launchdarkly_members",
    title: "LaunchDarkly Members",
    description:
      "Members of the account. https://launchdarkly.com/docs/api/account-members/get-members",
    requiredPermission: "read access to the account's members (the built-in Reader role has it)",
    columns: columnsFromFields<Member>({
      _id: { type: "utf8", primaryKey: true, description: "The member's id." },
      email: "utf8",
      firstName: "utf8",
      lastName: "utf8",
      role: "utf8",
      _pendingInvite: "bool",
      _verified: "bool",
      _pendingEmail: "utf8",
      customRoles: "list<utf8>",
      mfa: "utf8",
      excludedDashboards: "list<utf8>",
      _lastSeen: {
        type: "timestamp",
        description: "When the member was last active; NULL if never.",
        resolve: positiveMsTimestamp("_lastSeen"),
      },
      _lastSeenMetadata: "json",
      _integrationMetadata: "json",
      teams: "json",
      permissionGrants: "json",
      creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
      oauthProviders: "list<utf8>",
      version: "int64",
      roleAttributes: "json",
    }),
    async *resolve(ctx) {
      const pages = ctx.client.paginate("/api/v2/members", {
        params: { query: { expand: "customRoles,roleAttributes" } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
