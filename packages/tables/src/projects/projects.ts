import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { projectAiConfigs } from "./project-ai-configs.js";
import { projectContextKinds } from "./project-context-kinds.js";
import { withoutEmbeddedSecrets } from "./project-environment-list.js";
import { projectEnvironments } from "./project-environments.js";
import { projectExperiments } from "./project-experiments.js";
import { projectFlagDefaults } from "./project-flag-defaults.js";
import { projectFlags } from "./project-flags.js";
import { projectLayers } from "./project-layers.js";
import { projectMetricGroups } from "./project-metric-groups.js";
import { projectMetrics } from "./project-metrics.js";
import { projectReleasePipelines } from "./project-release-pipelines.js";

export type Project = Schemas["Project"];

/**
 * `launchdarkly_projects`: every project the token can read (or those listed in `projects`).
 * Same name, primary key and columns as CloudQuery's Go plugin.
 * @see https://launchdarkly.com/docs/api/projects/get-projects
 */
export function projects(): AnyTableDefinition {
  return defineTable<Project>({
    name: "launchdarkly_projects",
    title: "LaunchDarkly Projects",
    description: "Projects of the account. https://launchdarkly.com/docs/api/projects/get-projects",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: columnsFromFields<Project>({
      _id: { type: "utf8", primaryKey: true, description: "The project's opaque id." },
      key: "utf8",
      name: "utf8",
      includeInSnippetByDefault: "bool",
      defaultClientSideAvailability: "json",
      _access: "json",
      tags: "list<utf8>",
      defaultReleasePipelineKey: "utf8",
    }),
    children: [
      projectEnvironments(),
      projectFlagDefaults(),
      projectFlags(),
      projectMetrics(),
      projectContextKinds(),
      projectExperiments(),
      projectLayers(),
      projectReleasePipelines(),
      projectMetricGroups(),
      projectAiConfigs(),
    ],
    async *resolve(ctx) {
      const wanted = ctx.spec.projects;
      const found = new Set<string>();
      // `expand=environments` embeds each project's environment list (its first page): the
      // environments and flags tables use it instead of a request per project when it is complete.
      // It is no column of this table; its secrets are dropped here unless include_secrets.
      const query = {
        sort: "createdOn",
        expand: "environments",
        ...(wanted?.length ? { filter: `keys:${wanted.join("|")}` } : {}),
      };
      for await (const page of ctx.client.paginate("/api/v2/projects", { params: { query } })) {
        // The filter is applied here too, in case the API ignores it.
        const items = wanted
          ? page.items.filter((project) => wanted.includes(project.key))
          : page.items;
        for (const project of items) found.add(project.key);
        yield items.map((project) => withoutEmbeddedSecrets(project, ctx.spec.includeSecrets));
      }
      const missing = wanted?.filter((key) => !found.has(key)) ?? [];
      if (missing.length > 0) {
        ctx.logger.warn(
          `projects: no project with key ${missing.map((key) => JSON.stringify(key)).join(", ")} is visible to this token; check the spec's projects list`,
        );
      }
    },
  });
}
