import type { Route } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param, parseFilter, sortBy } from "./route.js";

/** `GET /projects/{projectKey}/environments` (filter `query`/`tags`, sort `name`/`createdOn`/`critical`) and one environment. */
export const environmentRoutes: readonly Route[] = [
  {
    operationId: "getEnvironmentsByProject",
    handle(ctx) {
      const environments = ctx.dataset.environments(param(ctx, "projectKey"));
      if (!environments) throw notFound("Unknown project key");
      const filter = parseFilter(ctx.query.get("filter"));
      const text = filter.get("query")?.toLowerCase();
      const tags = filter.get("tags")?.split("+").filter(Boolean);
      const order = new Map(environments.map((env, index) => [env.key, index]));
      const matching = environments.filter(
        (env) =>
          (!text ||
            env.key.toLowerCase().includes(text) ||
            env.name.toLowerCase().includes(text)) &&
          (!tags || tags.every((tag) => env.tags.includes(tag))),
      );
      const sorted = sortBy(matching, ctx.query.get("sort"), {
        name: (env) => env.name.toLowerCase(),
        createdOn: (env) => order.get(env.key) ?? 0,
        critical: (env) => (env.critical ? 0 : 1),
      });
      return offsetPage(ctx.operationId, ctx.path, ctx.query, sorted);
    },
  },
  {
    operationId: "getEnvironment",
    handle(ctx) {
      const environments = ctx.dataset.environments(param(ctx, "projectKey"));
      const environment = environments?.find((env) => env.key === param(ctx, "environmentKey"));
      if (!environment) throw notFound("Unknown environment key");
      return environment;
    },
  },
];
