import type { TableSummary } from "@cq-launchdarkly/core";
import type { SqliteDestination } from "@cq-launchdarkly/destination-sqlite";

/** What delete-stale did. */
export interface DeleteStaleResult {
  /** Rows deleted per table (tables the destination skipped, e.g. incremental ones, show 0). */
  deleted: Map<string, number>;
  /** Tables whose stale rows were kept because they (or a parent) had warnings or errors. */
  kept: string[];
}

/**
 * CloudQuery's delete-stale step after a successful sync (`overwrite-delete-stale` only): per
 * table, delete this source's rows older than the sync. The destination skips incremental tables
 * and their children. Unlike the CloudQuery CLI, a table that had warnings (403) or errors, or
 * whose parent had, keeps its old rows: rows it could not fetch this time are not stale.
 */
export function deleteStaleRows(
  destination: SqliteDestination,
  tables: readonly TableSummary[],
  parentOf: (table: string) => string | undefined,
  sourceName: string,
  syncTime: Date,
): DeleteStaleResult {
  const byName = new Map(tables.map((table) => [table.table, table]));
  const troubled = (name: string | undefined): boolean => {
    if (name === undefined) return false;
    const table = byName.get(name);
    return (table !== undefined && table.warnings + table.errors > 0) || troubled(parentOf(name));
  };
  const result: DeleteStaleResult = { deleted: new Map(), kept: [] };
  if (destination.writeMode !== "overwrite-delete-stale") return result;
  for (const table of tables) {
    if (troubled(table.table)) {
      result.kept.push(table.table);
      continue;
    }
    result.deleted.set(
      table.table,
      destination.deleteStale({ tableName: table.table, sourceName, syncTime }),
    );
  }
  return result;
}
