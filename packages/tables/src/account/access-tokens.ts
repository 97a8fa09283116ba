import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { isLaunchDarklyApiError } from "@cq-launchdarkly/api";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

export type AccessToken = Schemas["Token"];

/**
 * `launchdarkly_access_tokens`: the account's API access tokens. Asks for every member's tokens
 * (`showAll=true`, allowed to Admin and Owner tokens); if LaunchDarkly refuses, warns and syncs the
 * calling member's own tokens. `token` is only ever the last 4 characters.
 * @see https://launchdarkly.com/docs/api/access-tokens/get-tokens
 */
export function accessTokens(): AnyTableDefinition {
  return defineTable<AccessToken>({
    name: "launchdarkly_access_tokens",
    title: "LaunchDarkly Access Tokens",
    description:
      "API access tokens of the account. https://launchdarkly.com/docs/api/access-tokens/get-tokens",
    requiredPermission:
      "the Admin or Owner role to list every member's tokens (`showAll=true`); other roles see only their own",
    columns: columnsFromFields<AccessToken>({
      _id: { type: "utf8", primaryKey: true, description: "The token's id." },
      ownerId: "utf8",
      memberId: "utf8",
      _member: "json",
      name: "utf8",
      description: "utf8",
      creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
      lastModified: { type: "timestamp", resolve: msEpochTimestamp("lastModified") },
      customRoleIds: "list<utf8>",
      inlineRole: "json",
      role: "utf8",
      token: {
        type: "utf8",
        description: "The last 4 characters of the token (all the API returns).",
      },
      serviceToken: "bool",
      defaultApiVersion: "int64",
      lastUsed: { type: "timestamp", resolve: msEpochTimestamp("lastUsed") },
    }),
    async *resolve(ctx) {
      let pagesRead = 0;
      try {
        const pages = ctx.client.paginate("/api/v2/tokens", {
          params: { query: { showAll: true } },
        });
        for await (const page of pages) {
          pagesRead += 1;
          yield page.items;
        }
        return;
      } catch (error) {
        // Only a refused first page falls back; a 403 later is the engine's to report.
        if (!isLaunchDarklyApiError(error) || error.status !== 403 || pagesRead > 0) throw error;
      }
      ctx.logger.warn(
        "launchdarkly_access_tokens: LaunchDarkly refused to list every member's tokens (showAll=true needs an Admin or Owner token); syncing only the calling member's own tokens",
      );
      for await (const page of ctx.client.paginate("/api/v2/tokens")) yield page.items;
    },
  });
}
