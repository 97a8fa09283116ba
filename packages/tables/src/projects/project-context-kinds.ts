import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { parentProjectKey, projectParentKeys } from "./project-parent-keys.js";

export type ContextKind = Schemas["ContextKindRep"];

/**
 * `launchdarkly_project_context_kinds`: the context kinds (user, organization, device, ...) of each
 * project; one unpaginated request per project.
 * @see https://launchdarkly.com/docs/api/contexts/get-context-kinds-by-project-key
 */
export function projectContextKinds(): AnyTableDefinition {
  return defineTable<ContextKind>({
    name: "launchdarkly_project_context_kinds",
    title: "LaunchDarkly Project Context Kinds",
    description:
      "Context kinds of each project. https://launchdarkly.com/docs/api/contexts/get-context-kinds-by-project-key",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<ContextKind>(),
      ...columnsFromFields<ContextKind>({
        key: { type: "utf8", primaryKey: true },
        name: "utf8",
        description: "utf8",
        version: "int64",
        creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
        lastModified: { type: "timestamp", resolve: msEpochTimestamp("lastModified") },
        lastSeen: { type: "timestamp", resolve: msEpochTimestamp("lastSeen") },
        createdFrom: "utf8",
        hideInTargeting: "bool",
        archived: "bool",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = parentProjectKey(parent);
      const body = await ctx.client.getOrThrow("/api/v2/projects/{projectKey}/context-kinds", {
        params: { path: { projectKey } },
      });
      yield body.items;
    },
  });
}
