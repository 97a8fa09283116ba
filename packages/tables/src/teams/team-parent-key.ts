import type { ColumnDefinition } from "@cq-launchdarkly/core";
import { parentColumn } from "@cq-launchdarkly/core";

/** The `team_key` column of team children (part of their primary key). */
export function teamParentKey<Item>(): ColumnDefinition<Item> {
  return {
    name: "team_key",
    type: "utf8",
    primaryKey: true,
    description: "The parent team's key.",
    resolve: parentColumn("key"),
  };
}

/** The team key of a team child's parent row. */
export function parentTeamKey(
  parent: { row: Readonly<Record<string, unknown>> } | undefined,
): string {
  const key = parent?.row.key;
  if (typeof key !== "string") throw new Error("a team child table was resolved without its team");
  return key;
}
