import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import {
  columnsFromFields,
  defineTable,
  msEpochTimestamp,
  parentColumn,
} from "@cq-launchdarkly/core";

export type Branch = Schemas["BranchRep"];

/**
 * `launchdarkly_code_refs_repository_branches`: each repository's branches with the flag
 * references found in them (files and hunks), one request per repository.
 * @see https://launchdarkly.com/docs/api/code-references/get-branches
 */
export function codeRefsRepositoryBranches(): AnyTableDefinition {
  return defineTable<Branch>({
    name: "launchdarkly_code_refs_repository_branches",
    title: "LaunchDarkly Code References Repository Branches",
    description:
      "Branches of each code-references repository, with their references. https://launchdarkly.com/docs/api/code-references/get-branches",
    requiredPermission: "read access to code references (the built-in Reader role has it)",
    columns: [
      {
        name: "repository_name",
        type: "utf8",
        primaryKey: true,
        description: "The parent repository's name.",
        resolve: parentColumn("name"),
      },
      ...columnsFromFields<Branch>({
        name: { type: "utf8", primaryKey: true },
        head: "utf8",
        updateSequenceId: "int64",
        syncTime: { type: "timestamp", resolve: msEpochTimestamp("syncTime") },
        references: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const repo = parent?.row.name;
      if (typeof repo !== "string")
        throw new Error("branches were resolved without their repository");
      const body = await ctx.client.getOrThrow("/api/v2/code-refs/repositories/{repo}/branches", {
        params: { path: { repo } },
      });
      yield body.items;
    },
  });
}
