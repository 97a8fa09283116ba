import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { projectParentKeys } from "./project-parent-keys.js";

export type Metric = Schemas["MetricListingRep"];

/**
 * `launchdarkly_project_metrics`: every metric of each project, 50 a page (the documented
 * maximum), with `expand=experimentCount` as CloudQuery's Go plugin asked.
 * @see https://launchdarkly.com/docs/api/metrics/get-metrics
 */
export function projectMetrics(): AnyTableDefinition {
  return defineTable<Metric>({
    name: "launchdarkly_project_metrics",
    title: "LaunchDarkly Project Metrics",
    description: "Metrics of each project. https://launchdarkly.com/docs/api/metrics/get-metrics",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<Metric>(),
      ...columnsFromFields<Metric>({
        _id: { type: "utf8", primaryKey: true, description: "The metric's id." },
        key: "utf8",
        name: "utf8",
        kind: "utf8",
        description: "utf8",
        experimentCount: "int64",
        metricGroupCount: "int64",
        activeExperimentCount: "int64",
        activeGuardedRolloutCount: "int64",
        _versionId: "utf8",
        _version: "int64",
        _attachedFlagCount: "int64",
        _site: "json",
        _access: "json",
        tags: "list<utf8>",
        _creationDate: { type: "timestamp", resolve: msEpochTimestamp("_creationDate") },
        lastModified: "json",
        maintainerId: "utf8",
        _maintainer: "json",
        category: "utf8",
        isNumeric: "bool",
        successCriteria: "utf8",
        unit: "utf8",
        eventKey: "utf8",
        randomizationUnits: "list<utf8>",
        filters: "json",
        unitAggregationType: "utf8",
        analysisType: "utf8",
        percentileValue: "int64",
        eventDefault: "json",
        dataSource: "json",
        lastSeen: { type: "timestamp", resolve: msEpochTimestamp("lastSeen") },
        archived: "bool",
        archivedAt: { type: "timestamp", resolve: msEpochTimestamp("archivedAt") },
        selector: "utf8",
        urls: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = String(parent?.row.key);
      const pages = ctx.client.paginate("/api/v2/metrics/{projectKey}", {
        params: { path: { projectKey }, query: { expand: "experimentCount" } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
