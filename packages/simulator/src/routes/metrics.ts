import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param, sortBy } from "./route.js";

/**
 * `GET /metrics/{projectKey}`: offset pages, default 20, at most 50 (400 above); `experimentCount`
 * only with `expand=experimentCount`.
 */
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
      const expand = (ctx.query.get("expand") ?? "").split(",").map((field) => field.trim());
      const withCount = expand.includes("experimentCount");
      return offsetPage(ctx.operationId, ctx.path, ctx.query, sorted, (metric) => {
        if (withCount) return metric;
        const { experimentCount: _experimentCount, ...rest } = metric;
        return rest;
      });
    },
  },
];
