import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { experimentExpandable } from "../data/experiments.js";
import { offsetPage } from "../paging.js";
import { withExpanded } from "./expand.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/experiments`: experiments of every environment; offset pages with `total_count`. */
export const experimentRoutes: readonly Route[] = [
  {
    operationId: "getExperimentsAnyEnv",
    handle(ctx) {
      const resources = ctx.dataset.projectResources(param(ctx, "projectKey"));
      if (!resources) throw notFound("Unknown project key");
      const { totalCount, ...page } = offsetPage(
        ctx.operationId,
        ctx.path,
        ctx.query,
        resources.experiments,
        (experiment) => withExpanded(experiment, experimentExpandable, ctx.query),
      );
      // This collection names its total `total_count`, unlike most lists.
      return { ...page, total_count: totalCount };
    },
  },
];
