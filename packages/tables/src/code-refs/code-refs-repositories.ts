import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { codeRefsRepositoryBranches } from "./code-refs-repository-branches.js";

export type Repository = Schemas["RepositoryRep"];

/**
 * `launchdarkly_code_refs_repositories`: the repositories code references are collected from, in
 * one request. Their branches (with references) are the child table, so `branches` is no column.
 * @see https://launchdarkly.com/docs/api/code-references/get-repositories
 */
export function codeRefsRepositories(): AnyTableDefinition {
  return defineTable<Repository>({
    name: "launchdarkly_code_refs_repositories",
    title: "LaunchDarkly Code References Repositories",
    description:
      "Repositories with code references. https://launchdarkly.com/docs/api/code-references/get-repositories",
    requiredPermission: "read access to code references (the built-in Reader role has it)",
    columns: columnsFromFields<Repository>({
      name: { type: "utf8", primaryKey: true },
      sourceLink: "utf8",
      commitUrlTemplate: "utf8",
      hunkUrlTemplate: "utf8",
      type: "utf8",
      defaultBranch: "utf8",
      enabled: "bool",
      version: "int64",
      _access: "json",
    }),
    children: [codeRefsRepositoryBranches()],
    async *resolve(ctx) {
      const body = await ctx.client.getOrThrow("/api/v2/code-refs/repositories");
      yield body.items;
    },
  });
}
