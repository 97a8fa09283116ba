import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { parentProjectKey, projectParentKeys } from "./project-parent-keys.js";

export type Experiment = Schemas["Experiment"];

/**
 * `launchdarkly_project_experiments`: the experiments of every environment of each project (the
 * any-environment list), with their current, draft and previous iterations and analysis settings.
 * @see https://launchdarkly.com/docs/api/experiments/get-experiments-any-env
 */
export function projectExperiments(): AnyTableDefinition {
  return defineTable<Experiment>({
    name: "launchdarkly_project_experiments",
    title: "LaunchDarkly Project Experiments",
    description:
      "Experiments of each project, across its environments. https://launchdarkly.com/docs/api/experiments/get-experiments-any-env",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<Experiment>(),
      ...columnsFromFields<Experiment>({
        environmentKey: { type: "utf8", primaryKey: true },
        key: { type: "utf8", primaryKey: true },
        _id: "utf8",
        name: "utf8",
        description: "utf8",
        _maintainerId: "utf8",
        _creationDate: { type: "timestamp", resolve: msEpochTimestamp("_creationDate") },
        methodology: "utf8",
        dataSource: "utf8",
        archivedDate: { type: "timestamp", resolve: msEpochTimestamp("archivedDate") },
        tags: "list<utf8>",
        holdoutId: "utf8",
        currentIteration: "json",
        type: "utf8",
        draftIteration: "json",
        previousIterations: "json",
        analysisConfig: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = parentProjectKey(parent);
      const pages = ctx.client.paginate("/api/v2/projects/{projectKey}/experiments", {
        params: {
          path: { projectKey },
          query: {
            expand: "previousIterations,draftIteration,secondaryMetrics,treatments,analysisConfig",
          },
        },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
