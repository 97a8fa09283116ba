import type { Truth } from "@cq-launchdarkly/simulator";
import { pageSizeFor } from "@cq-launchdarkly/api";

import { environmentsPerFlagRequest } from "../src/projects/project-flags.js";

/** Requests an offset walk of `items` needs at `pageSize` (an empty list still costs one). */
export function pagesFor(items: number, pageSize: number | undefined): number {
  if (pageSize === undefined) return 1;
  return Math.max(1, Math.ceil(items / pageSize));
}

const pageSize = (operationId: string): number | undefined => pageSizeFor(operationId);
const sum = <T>(items: readonly T[], of: (item: T) => number) =>
  items.reduce((total, item) => total + of(item), 0);

/**
 * The fewest requests each table can make for the simulator's data, from the page-limit table
 * (`pageSizeFor`): ceil(items / page size) per parent, per environment batch for flags. A table
 * without an entry is reported without a ratio; add one with the table.
 */
export const requestMinimums: Readonly<Record<string, (truth: Truth) => number>> = {
  launchdarkly_projects: (truth) => pagesFor(truth.projects.length, pageSize("getProjects")),
  launchdarkly_project_environments: (truth) =>
    sum(truth.projects, (p) =>
      pagesFor(p.environments.length, pageSize("getEnvironmentsByProject")),
    ),
  launchdarkly_project_flag_defaults: (truth) => truth.projects.length,
  // Per project: its environment list (the keys to ask for), then per batch of <= 3 environments
  // one walk of the live and one of the archived flags.
  launchdarkly_project_flags: (truth) =>
    sum(truth.projects, (p) => {
      const batches = Math.max(1, Math.ceil(p.environments.length / environmentsPerFlagRequest));
      const archived = p.flags.filter((flag) => flag.archived).length;
      const live = p.flags.length - archived;
      const flagPage = pageSize("getFeatureFlags");
      return (
        pagesFor(p.environments.length, pageSize("getEnvironmentsByProject")) +
        batches * (pagesFor(live, flagPage) + pagesFor(archived, flagPage))
      );
    }),
  launchdarkly_project_flag_environments: () => 0,
  launchdarkly_project_metrics: (truth) =>
    sum(truth.projects, (p) => pagesFor(p.metrics.length, pageSize("getMetrics"))),
  launchdarkly_project_environment_flag_statuses: (truth) =>
    sum(truth.projects, (p) => p.environments.length),
  launchdarkly_project_environment_segments: (truth) =>
    sum(truth.projects, (p) =>
      sum(Object.values(p.segments), (list) => pagesFor(list.length, pageSize("getSegments"))),
    ),
};
