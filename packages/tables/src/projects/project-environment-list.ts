import type { Schemas } from "@cq-launchdarkly/api";
import type { ParentResource, ResolverContext } from "@cq-launchdarkly/core";

import { withoutSecrets } from "../secrets.js";
import { parentProjectKey } from "./project-parent-keys.js";

type Environment = Schemas["Environment"];
type Project = Schemas["Project"];

/** Secret fields of an environment: the server-side SDK key and the mobile key. */
export const environmentSecrets = ["apiKey", "mobileKey"] as const;

/**
 * The project's embedded environments (`expand=environments` on the projects list) when the
 * embedded collection is complete, else undefined. LaunchDarkly pages the embedded list (its page
 * size is undocumented), so it counts as complete only when it holds `totalCount` items or, without
 * a `totalCount`, when it has no `next` link.
 */
export function embeddedEnvironments(project: Project | undefined): Environment[] | undefined {
  const embedded = project?.environments;
  if (!embedded || !Array.isArray(embedded.items)) return undefined;
  const complete =
    embedded.totalCount === undefined
      ? embedded._links?.next === undefined
      : embedded.items.length >= embedded.totalCount;
  return complete ? embedded.items : undefined;
}

/**
 * A project with the secrets of its embedded environments dropped unless `include_secrets`, so
 * the parent item children receive never holds an SDK or mobile key by default.
 */
export function withoutEmbeddedSecrets(project: Project, includeSecrets: boolean): Project {
  const embedded = project.environments;
  if (includeSecrets || !embedded) return project;
  return {
    ...project,
    environments: {
      ...embedded,
      items: embedded.items.map((env) => withoutSecrets(env, environmentSecrets, false)),
    },
  };
}

/**
 * The environments of a project child's parent project, a page at a time: the project's embedded
 * list when it is complete (no request), else a walk of `/projects/{key}/environments` from the
 * start (one request a page). Each yielded page is at most one request, so resolvers can yield
 * after each. Secrets are as the caller's source returned them: strip them before emitting rows.
 */
export async function* projectEnvironmentPages(
  ctx: ResolverContext,
  parent: ParentResource | undefined,
): AsyncGenerator<Environment[]> {
  const embedded = embeddedEnvironments(parent?.item as Project | undefined);
  if (embedded) {
    yield embedded;
    return;
  }
  const projectKey = parentProjectKey(parent);
  const pages = ctx.client.paginate("/api/v2/projects/{projectKey}/environments", {
    params: { path: { projectKey } },
  });
  for await (const page of pages) yield page.items;
}
