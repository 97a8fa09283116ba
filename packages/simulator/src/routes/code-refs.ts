import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { link } from "../data/context.js";
import { param } from "./route.js";

/** `GET /code-refs/repositories` (branches only with `withBranches`) and `/code-refs/repositories/{repo}/branches`. */
export const codeRefsRoutes: readonly Route[] = [
  {
    operationId: "getRepositories",
    handle(ctx) {
      const withBranches =
        ctx.query.has("withBranches") || ctx.query.has("withReferencesForDefaultBranch");
      const items = ctx.dataset.account
        .get()
        .repositories.map(({ repository, branches }) =>
          withBranches ? { ...repository, branches } : repository,
        );
      return { items, _links: { self: link(ctx.path) } };
    },
  },
  {
    operationId: "getBranches",
    handle(ctx) {
      const name = param(ctx, "repo");
      const repo = ctx.dataset.account.get().repositories.find((r) => r.repository.name === name);
      if (!repo) throw notFound("Unknown repository");
      return { items: repo.branches, _links: { self: link(ctx.path) } };
    },
  },
];
