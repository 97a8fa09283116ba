import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { environmentParentKeys } from "./environment-parent-keys.js";

export type Segment = Schemas["UserSegment"];

/**
 * `launchdarkly_project_environment_segments`: every segment of each environment (rule-based,
 * list-based, big and synced), every page. A child of `launchdarkly_project_environments`.
 * Big-segment membership is not listed by the API, only its counts (`unbounded_metadata`).
 * @see https://launchdarkly.com/docs/api/segments/get-segments
 */
export function projectEnvironmentSegments(): AnyTableDefinition {
  return defineTable<Segment>({
    name: "launchdarkly_project_environment_segments",
    title: "LaunchDarkly Project Environment Segments",
    description:
      "Segments of each environment. https://launchdarkly.com/docs/api/segments/get-segments",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...environmentParentKeys<Segment>(),
      ...columnsFromFields<Segment>({
        key: { type: "utf8", primaryKey: true, description: "The segment's key." },
        name: "utf8",
        description: "utf8",
        tags: "list<utf8>",
        creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
        lastModifiedDate: { type: "timestamp", resolve: msEpochTimestamp("lastModifiedDate") },
        included: "list<utf8>",
        excluded: "list<utf8>",
        includedContexts: "json",
        excludedContexts: "json",
        rules: "json",
        version: "int64",
        deleted: "bool",
        _access: "json",
        _flags: "json",
        unbounded: "bool",
        unboundedContextKind: "utf8",
        generation: "int64",
        _unboundedMetadata: "json",
        _external: "utf8",
        _externalLink: "utf8",
        _importInProgress: "bool",
      }),
    ],
    async *resolve(ctx, parent) {
      const projectKey = String(parent?.row.project_key);
      const environmentKey = String(parent?.row.key);
      const pages = ctx.client.paginate("/api/v2/segments/{projectKey}/{environmentKey}", {
        params: { path: { projectKey, environmentKey } },
      });
      for await (const page of pages) yield page.items;
    },
  });
}
