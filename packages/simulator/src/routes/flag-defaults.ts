import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { param } from "./route.js";

/** `GET /projects/{projectKey}/flag-defaults` (unpaginated object). */
export const flagDefaultsRoutes: readonly Route[] = [
  {
    operationId: "getFlagDefaultsByProject",
    handle(ctx) {
      const defaults = ctx.dataset.flagDefaults(param(ctx, "projectKey"));
      if (!defaults) throw notFound("Unknown project key");
      return defaults;
    },
  },
];
