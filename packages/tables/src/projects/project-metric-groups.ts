import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { parentProjectKey, projectParentKeys } from "./project-parent-keys.js";

export type MetricGroup = Schemas["MetricGroupRep"];

/**
 * `launchdarkly_project_metric_groups` (beta API): funnel and standard metric groups of each
 * project, 50 a page (the documented maximum).
 * @see https://launchdarkly.com/docs/api/metrics-beta/get-metric-groups
 */
export function projectMetricGroups(): AnyTableDefinition {
  return defineTable<MetricGroup>({
    name: "launchdarkly_project_metric_groups",
    title: "LaunchDarkly Project Metric Groups",
    description:
      "Metric groups of each project (beta API). https://launchdarkly.com/docs/api/metrics-beta/get-metric-groups",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<MetricGroup>(),
      ...columnsFromFields<MetricGroup>({
        _id: { type: "utf8", primaryKey: true, description: "The metric group's id." },
        key: "utf8",
        name: "utf8",
        kind: "utf8",
        description: "utf8",
        _access: "json",
        tags: "list<utf8>",
        _creationDate: { type: "timestamp", resolve: msEpochTimestamp("_creationDate") },
        _lastModified: { type: "timestamp", resolve: msEpochTimestamp("_lastModified") },
        maintainer: "json",
        metrics: "json",
        _version: "int64",
        experiments: "json",
        experimentCount: "int64",
        activeExperimentCount: "int64",
        activeGuardedRolloutCount: "int64",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = parentProjectKey(parent);
      const pages = ctx.client.paginate("/api/v2/projects/{projectKey}/metric-groups", {
        params: { path: { projectKey } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
