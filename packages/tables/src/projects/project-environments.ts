import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { withoutSecrets } from "../secrets.js";
import { projectEnvironmentFlagStatuses } from "./project-environment-flag-statuses.js";
import { environmentSecrets, projectEnvironmentPages } from "./project-environment-list.js";
import { projectEnvironmentSegments } from "./project-environment-segments.js";
import { projectParentKeys } from "./project-parent-keys.js";

export type Environment = Schemas["Environment"];

export { environmentSecrets } from "./project-environment-list.js";

/**
 * `launchdarkly_project_environments`: each project's environments. As in CloudQuery's Go plugin,
 * `project_id` is the project's `_id`; `project_key` is added beside it. `api_key` and
 * `mobile_key` are NULL unless `include_secrets` is on. No request when the project list embedded
 * the complete environment list (`expand=environments`); else one walk of the project's list.
 * @see https://launchdarkly.com/docs/api/environments/get-environments-by-project
 */
export function projectEnvironments(): AnyTableDefinition {
  return defineTable<Environment>({
    name: "launchdarkly_project_environments",
    title: "LaunchDarkly Project Environments",
    description:
      "Environments of each project. https://launchdarkly.com/docs/api/environments/get-environments-by-project",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<Environment>(),
      ...columnsFromFields<Environment>({
        _id: { type: "utf8", primaryKey: true, description: "The environment's client-side id." },
        key: "utf8",
        name: "utf8",
        apiKey: { type: "utf8", description: "Server-side SDK key; NULL unless include_secrets." },
        mobileKey: { type: "utf8", description: "Mobile key; NULL unless include_secrets." },
        color: "utf8",
        defaultTtl: "int64",
        secureMode: "bool",
        _access: "json",
        defaultTrackEvents: "bool",
        requireComments: "bool",
        confirmChanges: "bool",
        tags: "list<utf8>",
        approvalSettings: "json",
        resourceApprovalSettings: "json",
        critical: "bool",
      }),
    ],
    children: [projectEnvironmentFlagStatuses(), projectEnvironmentSegments()],
    async *resolve(ctx, parent) {
      for await (const page of projectEnvironmentPages(ctx, parent)) {
        yield page.map((environment) =>
          withoutSecrets(environment, environmentSecrets, ctx.spec.includeSecrets),
        );
      }
    },
  });
}
