import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/ai-configs`: offset pages (the document states no page size; 20 here). */
export const aiConfigRoutes: readonly Route[] = [
  {
    operationId: "getAIConfigs",
    handle(ctx) {
      const resources = ctx.dataset.projectResources(param(ctx, "projectKey"));
      if (!resources) throw notFound("Unknown project key");
      return offsetPage(ctx.operationId, ctx.path, ctx.query, resources.aiConfigs);
    },
  },
];
