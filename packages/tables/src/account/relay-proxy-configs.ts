import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { withoutSecrets } from "../secrets.js";

export type RelayProxyConfig = Schemas["RelayAutoConfigRep"];

/** Secret fields of a Relay Proxy configuration: its full key. */
export const relayProxyConfigSecrets = ["fullKey"] as const;

/**
 * `launchdarkly_relay_proxy_configs`: the account's Relay Proxy automatic configurations. `full_key`
 * is NULL unless `include_secrets` is on; `display_key` (its last characters) is always there.
 * @see https://launchdarkly.com/docs/api/relay-proxy-configurations/get-relay-proxy-configs
 */
export function relayProxyConfigs(): AnyTableDefinition {
  return defineTable<RelayProxyConfig>({
    name: "launchdarkly_relay_proxy_configs",
    title: "LaunchDarkly Relay Proxy Configs",
    description:
      "Relay Proxy configurations of the account. https://launchdarkly.com/docs/api/relay-proxy-configurations/get-relay-proxy-configs",
    requiredPermission:
      "read access to the account's Relay Proxy configurations (the built-in Reader role has it)",
    columns: columnsFromFields<RelayProxyConfig>({
      _id: { type: "utf8", primaryKey: true, description: "The configuration's id." },
      name: "utf8",
      _creator: "json",
      _access: "json",
      policy: "json",
      fullKey: { type: "utf8", description: "The Relay Proxy key; NULL unless include_secrets." },
      displayKey: "utf8",
      creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
      lastModified: { type: "timestamp", resolve: msEpochTimestamp("lastModified") },
    }),
    async *resolve(ctx) {
      const body = await ctx.client.getOrThrow("/api/v2/account/relay-auto-configs");
      yield body.items.map((config) =>
        withoutSecrets(config, relayProxyConfigSecrets, ctx.spec.includeSecrets),
      );
    },
  });
}
