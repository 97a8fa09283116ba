import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { link } from "../data/context.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/context-kinds`: every context kind, unpaginated. */
export const contextKindRoutes: readonly Route[] = [
  {
    operationId: "getContextKindsByProjectKey",
    handle(ctx) {
      const projKey = param(ctx, "projectKey");
      const resources = ctx.dataset.projectResources(projKey);
      if (!resources) throw notFound("Unknown project key");
      return { items: resources.contextKinds, _links: { self: link(ctx.path) } };
    },
  },
];
