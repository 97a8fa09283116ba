import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/metric-groups` (beta): offset pages, default 20, at most 50. */
export const metricGroupRoutes: readonly Route[] = [
  {
    operationId: "getMetricGroups",
    handle(ctx) {
      const resources = ctx.dataset.projectResources(param(ctx, "projectKey"));
      if (!resources) throw notFound("Unknown project key");
      return offsetPage(ctx.operationId, ctx.path, ctx.query, resources.metricGroups);
    },
  },
];
