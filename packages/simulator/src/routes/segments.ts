import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param, sortBy } from "./route.js";

/**
 * `GET /segments/{projectKey}/{environmentKey}`: offset pages (default 20, no documented maximum),
 * `sort` creationDate/name/lastModified. The `filter` grammar is not simulated (the list is unfiltered).
 */
export const segmentRoutes: readonly Route[] = [
  {
    operationId: "getSegments",
    handle(ctx) {
      const segments = ctx.dataset.segments(param(ctx, "projectKey"), param(ctx, "environmentKey"));
      if (!segments) throw notFound("Unknown project or environment key");
      const sorted = sortBy(segments, ctx.query.get("sort"), {
        creationDate: (segment) => segment.creationDate,
        name: (segment) => segment.name.toLowerCase(),
        lastModified: (segment) => segment.lastModifiedDate,
      });
      return offsetPage(ctx.operationId, ctx.path, ctx.query, sorted);
    },
  },
];
