import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { link } from "../data/context.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/layers`: every layer, unpaginated, with `totalCount`. */
export const layerRoutes: readonly Route[] = [
  {
    operationId: "getLayers",
    handle(ctx) {
      const resources = ctx.dataset.projectResources(param(ctx, "projectKey"));
      if (!resources) throw notFound("Unknown project key");
      return {
        items: resources.layers,
        totalCount: resources.layers.length,
        _links: { self: link(ctx.path) },
      };
    },
  },
];
