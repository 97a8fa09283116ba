import type { ColumnDefinition } from "@cq-launchdarkly/core";
import { parentColumn } from "@cq-launchdarkly/core";

/**
 * The parent-key columns of every project child: `project_id` (the project's `_id`, as in CloudQuery's
 * Go plugin; part of the primary key) and `project_key` beside it.
 */
export function projectParentKeys<Item>(): ColumnDefinition<Item>[] {
  return [
    {
      name: "project_id",
      type: "utf8",
      primaryKey: true,
      description: "The parent project's `_id`.",
      resolve: parentColumn("id"),
    },
    {
      name: "project_key",
      type: "utf8",
      description: "The parent project's key.",
      resolve: parentColumn("key"),
    },
  ];
}

/** The project key of a project child's parent row (the key its API calls use). */
export function parentProjectKey(
  parent: { row: Readonly<Record<string, unknown>> } | undefined,
): string {
  const key = parent?.row.key;
  if (typeof key !== "string")
    throw new Error("a project child table was resolved without its project");
  return key;
}
