import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { link } from "../data/context.js";
import { param } from "./route.js";

/** `GET /flag-statuses/{projectKey}/{environmentKey}`: every flag's status in one environment, unpaginated. */
export const flagStatusRoutes: readonly Route[] = [
  {
    operationId: "getFeatureFlagStatuses",
    handle(ctx) {
      const statuses = ctx.dataset.flagStatuses(
        param(ctx, "projectKey"),
        param(ctx, "environmentKey"),
      );
      if (!statuses) throw notFound("Unknown project or environment key");
      return { _links: { self: link(ctx.path) }, items: statuses };
    },
  },
];
