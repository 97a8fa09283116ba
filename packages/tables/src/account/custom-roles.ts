import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

export type CustomRole = Schemas["CustomRole"];

/**
 * `launchdarkly_custom_roles`: the account's custom roles (presets included, base roles not), each
 * policy as JSON statements (`effect`, `resources`, `actions`, ...).
 * @see https://launchdarkly.com/docs/api/custom-roles/get-custom-roles
 */
export function customRoles(): AnyTableDefinition {
  return defineTable<CustomRole>({
    name: "launchdarkly_custom_roles",
    title: "LaunchDarkly Custom Roles",
    description:
      "Custom roles of the account. https://launchdarkly.com/docs/api/custom-roles/get-custom-roles",
    requiredPermission: "read access to the account's roles (the built-in Reader role has it)",
    columns: columnsFromFields<CustomRole>({
      _id: { type: "utf8", primaryKey: true, description: "The custom role's id." },
      key: "utf8",
      name: "utf8",
      description: "utf8",
      policy: { type: "json", description: "The policy statements." },
      basePermissions: "utf8",
      resourceCategory: "utf8",
      assignedTo: "json",
      _access: "json",
      _presetBundleVersion: "int64",
      _presetStatements: "json",
    }),
    async *resolve(ctx) {
      for await (const page of ctx.client.paginate("/api/v2/roles")) yield page.items;
    },
  });
}
