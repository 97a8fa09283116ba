import type { ColumnDefinition } from "@cq-launchdarkly/core";
import { parentColumn } from "@cq-launchdarkly/core";

/**
 * The parent-key columns of every environment child: `project_id` and `project_key` (copied from
 * the environment row, which carries them) and `environment_key`, the first two and the last in
 * the primary key.
 */
export function environmentParentKeys<Item>(): ColumnDefinition<Item>[] {
  return [
    {
      name: "project_id",
      type: "utf8",
      primaryKey: true,
      description: "The project's `_id`.",
      resolve: parentColumn("project_id"),
    },
    { name: "project_key", type: "utf8", resolve: parentColumn("project_key") },
    {
      name: "environment_key",
      type: "utf8",
      primaryKey: true,
      description: "The parent environment's key.",
      resolve: parentColumn("key"),
    },
  ];
}
