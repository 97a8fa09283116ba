import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, isoTimestamp } from "@cq-launchdarkly/core";

import { environmentParentKeys } from "./environment-parent-keys.js";

/** A flag status; `lastRequested` is null for a flag never evaluated (the document says string). */
export type FlagStatus = Omit<Schemas["FlagStatusRep"], "lastRequested"> & {
  lastRequested?: string | null;
};

/**
 * The flag key of a status, from `_links.parent.href` (`/api/v2/flags/{projectKey}/{flagKey}`):
 * the item has no key field of its own. Undefined when the link is missing or shaped otherwise.
 */
export function flagKeyOfStatus(status: FlagStatus): string | undefined {
  const href = status._links.parent?.href;
  if (!href) return undefined;
  const path = new URL(href, "https://app.launchdarkly.com").pathname;
  const match = /^\/api\/v2\/flags\/[^/]+\/([^/]+)\/?$/.exec(path);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

/**
 * `launchdarkly_project_environment_flag_statuses`: each flag's status in each environment (new,
 * inactive, active, launched) and when an SDK last evaluated it. A child of
 * `launchdarkly_project_environments`: one unpaginated request per environment.
 * @see https://launchdarkly.com/docs/api/feature-flags/get-feature-flag-statuses
 */
export function projectEnvironmentFlagStatuses(): AnyTableDefinition {
  return defineTable<FlagStatus>({
    name: "launchdarkly_project_environment_flag_statuses",
    title: "LaunchDarkly Project Environment Flag Statuses",
    description:
      "The status of each flag in each environment. https://launchdarkly.com/docs/api/feature-flags/get-feature-flag-statuses",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...environmentParentKeys<FlagStatus>(),
      {
        name: "flag_key",
        type: "utf8",
        primaryKey: true,
        description: "The flag's key, from the status's `_links.parent.href`.",
        resolve: flagKeyOfStatus,
      },
      ...columnsFromFields<FlagStatus>({
        name: { type: "utf8", description: "The status: new, inactive, active or launched." },
        lastRequested: {
          type: "timestamp",
          description: "When an SDK last evaluated the flag; NULL if never.",
          resolve: isoTimestamp("lastRequested"),
        },
        default: { type: "json", description: "The default value seen from code." },
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = String(parent?.row.project_key);
      const environmentKey = String(parent?.row.key);
      const statuses = await ctx.client.getOrThrow(
        "/api/v2/flag-statuses/{projectKey}/{environmentKey}",
        { params: { path: { projectKey, environmentKey } } },
      );
      yield statuses.items ?? [];
    },
  });
}
