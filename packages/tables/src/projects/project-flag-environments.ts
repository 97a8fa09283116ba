import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import {
  columnsFromFields,
  defineTable,
  msEpochTimestamp,
  parentColumn,
} from "@cq-launchdarkly/core";

import type { Flag } from "./project-flags.js";

/** A flag's configuration in one environment, as the flag list returns it under `environments`. */
export type FlagEnvironment = Schemas["FeatureFlagConfig"] & {
  /** The key the configuration is filed under in the flag's `environments` map. */
  environmentKey: string;
};

/**
 * `launchdarkly_project_flag_environments`: each flag's configuration in each environment (on/off,
 * targets, rules, fallthrough, prerequisites, ...). No requests of its own: the rows come from the
 * flag's `environments` map, filled by the batched `env` walks of `launchdarkly_project_flags`.
 * @see https://launchdarkly.com/docs/api/feature-flags/get-feature-flags
 */
export function projectFlagEnvironments(): AnyTableDefinition {
  return defineTable<FlagEnvironment>({
    name: "launchdarkly_project_flag_environments",
    title: "LaunchDarkly Project Flag Environments",
    description:
      "Each flag's configuration in each environment of its project. https://launchdarkly.com/docs/api/feature-flags/get-feature-flags",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      {
        name: "project_id",
        type: "utf8",
        primaryKey: true,
        description: "The project's `_id`.",
        resolve: parentColumn("project_id"),
      },
      { name: "project_key", type: "utf8", resolve: parentColumn("project_key") },
      {
        name: "flag_key",
        type: "utf8",
        primaryKey: true,
        description: "The parent flag's key.",
        resolve: parentColumn("key"),
      },
      ...columnsFromFields<FlagEnvironment>({
        environmentKey: {
          type: "utf8",
          primaryKey: true,
          description: "The environment's key.",
        },
        _environmentName: "utf8",
        on: "bool",
        archived: "bool",
        salt: "utf8",
        sel: "utf8",
        lastModified: { type: "timestamp", resolve: msEpochTimestamp("lastModified") },
        version: "int64",
        targets: "json",
        contextTargets: "json",
        rules: "json",
        fallthrough: "json",
        offVariation: "int64",
        prerequisites: "json",
        _site: "json",
        _access: "json",
        trackEvents: "bool",
        trackEventsFallthrough: "bool",
        _debugEventsUntilDate: {
          type: "timestamp",
          resolve: msEpochTimestamp("_debugEventsUntilDate"),
        },
        _summary: "json",
        evaluation: "json",
        migrationSettings: "json",
      }),
    ],
    // eslint-disable-next-line @typescript-eslint/require-await
    async *resolve(_ctx, parent) {
      const flag = parent?.item as Flag | undefined;
      yield Object.entries(flag?.environments ?? {}).map(([environmentKey, config]) => ({
        ...config,
        environmentKey,
      }));
    },
  });
}
