import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/release-pipelines` (beta): offset pages with `totalCount` but no `_links`. */
export const releasePipelineRoutes: readonly Route[] = [
  {
    operationId: "getAllReleasePipelines",
    handle(ctx) {
      const resources = ctx.dataset.projectResources(param(ctx, "projectKey"));
      if (!resources) throw notFound("Unknown project key");
      const { items, totalCount } = offsetPage(
        ctx.operationId,
        ctx.path,
        ctx.query,
        resources.releasePipelines,
      );
      return { items, totalCount };
    },
  },
];
