import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, isoTimestamp } from "@cq-launchdarkly/core";

import { parentProjectKey, projectParentKeys } from "./project-parent-keys.js";

export type ReleasePipeline = Schemas["ReleasePipeline"];

/**
 * `launchdarkly_project_release_pipelines` (beta API): the release pipelines of each project and
 * their phases. The list has no `_links`: the client pages it by offset.
 * @see https://launchdarkly.com/docs/api/release-pipelines-beta/get-all-release-pipelines
 */
export function projectReleasePipelines(): AnyTableDefinition {
  return defineTable<ReleasePipeline>({
    name: "launchdarkly_project_release_pipelines",
    title: "LaunchDarkly Project Release Pipelines",
    description:
      "Release pipelines of each project (beta API). https://launchdarkly.com/docs/api/release-pipelines-beta/get-all-release-pipelines",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<ReleasePipeline>(),
      ...columnsFromFields<ReleasePipeline>({
        key: { type: "utf8", primaryKey: true },
        name: "utf8",
        description: "utf8",
        createdAt: { type: "timestamp", resolve: isoTimestamp("createdAt") },
        phases: "json",
        tags: "list<utf8>",
        _version: "int64",
        _access: "json",
        isProjectDefault: "bool",
        _isLegacy: "bool",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = parentProjectKey(parent);
      const pages = ctx.client.paginate("/api/v2/projects/{projectKey}/release-pipelines", {
        params: { path: { projectKey } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
