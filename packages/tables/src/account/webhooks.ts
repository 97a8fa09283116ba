import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { withoutSecrets } from "../secrets.js";

export type Webhook = Schemas["Webhook"];

/** Secret fields of a webhook: the signing secret. */
export const webhookSecrets = ["secret"] as const;

/**
 * `launchdarkly_webhooks`: the account's webhooks with their policy statements. `secret` (the
 * signing secret) is NULL unless `include_secrets` is on.
 * @see https://launchdarkly.com/docs/api/webhooks/get-all-webhooks
 */
export function webhooks(): AnyTableDefinition {
  return defineTable<Webhook>({
    name: "launchdarkly_webhooks",
    title: "LaunchDarkly Webhooks",
    description:
      "Webhooks of the account. https://launchdarkly.com/docs/api/webhooks/get-all-webhooks",
    requiredPermission: "read access to the account's webhooks (the built-in Reader role has it)",
    columns: columnsFromFields<Webhook>({
      _id: { type: "utf8", primaryKey: true, description: "The webhook's id." },
      name: "utf8",
      url: "utf8",
      secret: { type: "utf8", description: "Signing secret; NULL unless include_secrets." },
      statements: "json",
      on: "bool",
      tags: "list<utf8>",
      _access: "json",
    }),
    async *resolve(ctx) {
      const body = await ctx.client.getOrThrow("/api/v2/webhooks");
      yield body.items.map((webhook) =>
        withoutSecrets(webhook, webhookSecrets, ctx.spec.includeSecrets),
      );
    },
  });
}
