import type { SimProject } from "../data/projects.js";
import type { Route, RouteContext } from "./route.js";
import { notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { param, parseFilter, sortBy } from "./route.js";

/** `environments` of a project under `expand=environments`: the first page of its environment list. */
function withEnvironments(ctx: RouteContext, project: SimProject): SimProject {
  const expand = (ctx.query.get("expand") ?? "").split(",").map((field) => field.trim());
  if (!expand.includes("environments")) return project;
  const environments = ctx.dataset.environments(project.key) ?? [];
  const path = `/api/v2/projects/${project.key}/environments`;
  return {
    ...project,
    environments: offsetPage("getEnvironmentsByProject", path, new URLSearchParams(), environments),
  };
}

/** `GET /projects` (filter `query`/`tags`/`keys`, sort `name`/`createdOn`, `expand=environments`) and `GET /projects/{projectKey}`. */
export const projectRoutes: readonly Route[] = [
  {
    operationId: "getProjects",
    handle(ctx) {
      const filter = parseFilter(ctx.query.get("filter"));
      const text = filter.get("query")?.toLowerCase();
      const tags = filter.get("tags")?.split("+").filter(Boolean);
      const keys = filter.get("keys")?.split("|").filter(Boolean);
      const projects = ctx.dataset.projects();
      const order = new Map(projects.map((project, index) => [project.key, index]));
      const matching = projects.filter(
        (project) =>
          (!text ||
            project.key.toLowerCase().includes(text) ||
            project.name.toLowerCase().includes(text)) &&
          (!tags || tags.every((tag) => project.tags.includes(tag))) &&
          (!keys || keys.includes(project.key)),
      );
      const sorted = sortBy(matching, ctx.query.get("sort"), {
        name: (project) => project.name.toLowerCase(),
        createdOn: (project) => order.get(project.key) ?? 0,
      });
      return offsetPage(ctx.operationId, ctx.path, ctx.query, sorted, (project) =>
        withEnvironments(ctx, project),
      );
    },
  },
  {
    operationId: "getProject",
    handle(ctx) {
      const project = ctx.dataset.project(param(ctx, "projectKey"));
      if (!project) throw notFound("Unknown project key");
      return withEnvironments(ctx, project);
    },
  },
];
