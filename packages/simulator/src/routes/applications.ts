import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { withExpanded } from "./expand.js";
import { param } from "./route.js";

/** `GET /applications` (beta; offset, default 10; `expand=flags`) and `/applications/{applicationKey}/versions` (default 50). */
export const applicationRoutes: readonly Route[] = [
  {
    operationId: "getApplications",
    handle(ctx) {
      const applications = ctx.dataset.account.get().applications.map((app) => app.application);
      return offsetPage(ctx.operationId, ctx.path, ctx.query, applications, (application) =>
        withExpanded(application, ["flags"], ctx.query),
      );
    },
  },
  {
    operationId: "getApplicationVersions",
    handle(ctx) {
      const key = param(ctx, "applicationKey");
      const app = ctx.dataset.account.get().applications.find((a) => a.application.key === key);
      if (!app) throw notFound("Unknown application key");
      return offsetPage(ctx.operationId, ctx.path, ctx.query, app.versions);
    },
  },
];
