import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { parentProjectKey, projectParentKeys } from "./project-parent-keys.js";

export type Layer = Schemas["LayerRep"];

/**
 * `launchdarkly_project_layers`: the experiment layers of each project (mutually exclusive
 * experiments) with their reservations per environment; one unpaginated request per project.
 * @see https://launchdarkly.com/docs/api/layers/get-layers
 */
export function projectLayers(): AnyTableDefinition {
  return defineTable<Layer>({
    name: "launchdarkly_project_layers",
    title: "LaunchDarkly Project Layers",
    description:
      "Experiment layers of each project. https://launchdarkly.com/docs/api/layers/get-layers",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<Layer>(),
      ...columnsFromFields<Layer>({
        key: { type: "utf8", primaryKey: true },
        name: "utf8",
        description: "utf8",
        createdAt: { type: "timestamp", resolve: msEpochTimestamp("createdAt") },
        randomizationUnit: "utf8",
        environments: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = parentProjectKey(parent);
      const body = await ctx.client.getOrThrow("/api/v2/projects/{projectKey}/layers", {
        params: { path: { projectKey } },
      });
      yield body.items;
    },
  });
}
