import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { projectParentKeys } from "./project-parent-keys.js";

export type FlagDefaults = Schemas["flagDefaultsRep"];

/**
 * `launchdarkly_project_flag_defaults`: the defaults new flags of each project get (one row per
 * project, one request per project). Same name, primary key and columns as CloudQuery's Go plugin.
 * @see https://launchdarkly.com/docs/api/projects/get-flag-defaults-by-project
 */
export function projectFlagDefaults(): AnyTableDefinition {
  return defineTable<FlagDefaults>({
    name: "launchdarkly_project_flag_defaults",
    title: "LaunchDarkly Project Flag Defaults",
    description:
      "Flag defaults of each project. https://launchdarkly.com/docs/api/projects/get-flag-defaults-by-project",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<FlagDefaults>(),
      ...columnsFromFields<FlagDefaults>({
        key: { type: "utf8", description: "The project's key, as LaunchDarkly returns it." },
        tags: "list<utf8>",
        temporary: "bool",
        defaultClientSideAvailability: "json",
        booleanDefaults: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = String(parent?.row.key);
      yield await ctx.client.getOrThrow("/api/v2/projects/{projectKey}/flag-defaults", {
        params: { path: { projectKey } },
      });
    },
  });
}
