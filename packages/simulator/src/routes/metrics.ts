import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param, sortBy } from "./route.js";

/** `GET /metrics/{projectKey}`: offset pages, default 20, at most 50 (400 above). */
export const metricRoutes: readonly Route[] = [
  {
    operationId: "getMetrics",
    handle(ctx) {
      const metrics = ctx.dataset.metrics(param(ctx, "projectKey"));
      if (!metrics) throw notFound("Unknown project key");
      const sorted = sortBy(metrics, ctx.query.get("sort"), {
        name: (metric) => metric.name.toLowerCase(),
        createdAt: (metric) => metric._creationDate,
      });
      return offsetPage(ctx.operationId, ctx.path, ctx.query, sorted);
    },
  },
];
