import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import {
  columnsFromFields,
  defineTable,
  msEpochTimestamp,
  parentColumn,
} from "@cq-launchdarkly/core";

export type ApplicationVersion = Schemas["ApplicationVersionRep"];

/**
 * `launchdarkly_application_versions` (beta API): the versions of each application and whether
 * they are supported.
 * @see https://launchdarkly.com/docs/api/applications-beta/get-application-versions
 */
export function applicationVersions(): AnyTableDefinition {
  return defineTable<ApplicationVersion>({
    name: "launchdarkly_application_versions",
    title: "LaunchDarkly Application Versions",
    description:
      "Versions of each application (beta API). https://launchdarkly.com/docs/api/applications-beta/get-application-versions",
    requiredPermission: "read access to applications (the built-in Reader role has it)",
    columns: [
      {
        name: "application_key",
        type: "utf8",
        primaryKey: true,
        description: "The parent application's key.",
        resolve: parentColumn("key"),
      },
      ...columnsFromFields<ApplicationVersion>({
        key: { type: "utf8", primaryKey: true },
        name: "utf8",
        autoAdded: "bool",
        creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
        supported: "bool",
        _version: "int64",
        _access: "json",
      }),
    ],
    async *resolve(ctx, parent) {
      const applicationKey = parent?.row.key;
      if (typeof applicationKey !== "string")
        throw new Error("versions were resolved without their application");
      const pages = ctx.client.paginate("/api/v2/applications/{applicationKey}/versions", {
        params: { path: { applicationKey } },
      });
      for await (const page of pages) yield page.items ?? [];
    },
  });
}
