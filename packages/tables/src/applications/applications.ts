import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { applicationVersions } from "./application-versions.js";

export type Application = Schemas["ApplicationRep"];

/**
 * `launchdarkly_applications` (beta API): the applications (SDK-reported or added by hand) that
 * evaluate flags, with the flags they evaluate (`expand=flags`).
 * @see https://launchdarkly.com/docs/api/applications-beta/get-applications
 */
export function applications(): AnyTableDefinition {
  return defineTable<Application>({
    name: "launchdarkly_applications",
    title: "LaunchDarkly Applications",
    description:
      "Applications of the account (beta API). https://launchdarkly.com/docs/api/applications-beta/get-applications",
    requiredPermission: "read access to applications (the built-in Reader role has it)",
    columns: columnsFromFields<Application>({
      key: { type: "utf8", primaryKey: true },
      name: "utf8",
      kind: "utf8",
      description: "utf8",
      autoAdded: "bool",
      creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
      _version: "int64",
      _maintainer: "json",
      _access: "json",
      flags: "json",
    }),
    children: [applicationVersions()],
    async *resolve(ctx) {
      const pages = ctx.client.paginate("/api/v2/applications", {
        params: { query: { expand: "flags" } },
      });
      for await (const page of pages) yield page.items ?? [];
    },
  });
}
