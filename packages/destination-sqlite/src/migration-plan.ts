import type { ColumnSpec, TableSpec } from "./table-spec.js";

/** A column as `PRAGMA table_info` reports it. */
export interface ExistingColumn {
  /** Column name. */
  readonly name: string;
  /** Declared type, as written in the DDL. */
  readonly type: string;
  /** Declared `NOT NULL`. */
  readonly notNull: boolean;
  /** 1-based position in the primary key, 0 when not part of it. */
  readonly primaryKeyIndex: number;
}

/** One difference between the wanted schema and the table on disk. */
export interface SchemaChange {
  /** What changed. */
  readonly kind: "add-column" | "type-change" | "primary-key-change" | "remove-column" | "not-null";
  /** The column concerned (empty for a primary-key change). */
  readonly column: string;
  /** Human-readable description, used in the refusal message. */
  readonly description: string;
  /** Whether `safe` mode refuses it. */
  readonly destructive: boolean;
}

/** What migrating a table to a spec takes. */
export interface MigrationPlan {
  /** The table does not exist yet. */
  readonly create: boolean;
  /** Columns to add with `ALTER TABLE` (safe). */
  readonly addColumns: readonly ColumnSpec[];
  /** Every difference found, destructive or not. */
  readonly changes: readonly SchemaChange[];
}

/**
 * Compares a table spec with the columns of the existing table. Safe: new nullable non-key
 * columns (added), dropped nullable columns (left in place, written as NULL). Destructive: a
 * changed declared type, a changed primary key, a new NOT NULL column, a dropped NOT NULL column
 * (inserts would fail), a column that became nullable while the table says NOT NULL.
 */
export function planMigration(
  spec: TableSpec,
  existing: readonly ExistingColumn[] | undefined,
): MigrationPlan {
  if (!existing || existing.length === 0) return { create: true, addColumns: [], changes: [] };
  const byName = new Map(existing.map((column) => [column.name, column]));
  const wanted = new Set(spec.columns.map((column) => column.name));
  const changes: SchemaChange[] = [];
  const addColumns: ColumnSpec[] = [];

  for (const column of spec.columns) {
    const current = byName.get(column.name);
    if (!current) {
      const destructive = column.notNull;
      changes.push({
        kind: "add-column",
        column: column.name,
        description: destructive
          ? `new column "${column.name}" is ${column.primaryKey ? "part of the primary key" : "NOT NULL"} and cannot be added to existing rows`
          : `new column "${column.name}" ${column.sqliteType}`,
        destructive,
      });
      if (!destructive) addColumns.push(column);
      continue;
    }
    if (current.type.toUpperCase() !== column.sqliteType) {
      changes.push({
        kind: "type-change",
        column: column.name,
        description: `column "${column.name}" changes type from ${current.type || "(none)"} to ${column.sqliteType}`,
        destructive: true,
      });
    }
    if (current.notNull && !column.notNull && current.primaryKeyIndex === 0) {
      changes.push({
        kind: "not-null",
        column: column.name,
        description: `column "${column.name}" became nullable but the table declares it NOT NULL`,
        destructive: true,
      });
    }
  }

  for (const current of existing) {
    if (wanted.has(current.name)) continue;
    const destructive = current.notNull || current.primaryKeyIndex > 0;
    changes.push({
      kind: "remove-column",
      column: current.name,
      description: destructive
        ? `column "${current.name}" was removed but the table declares it ${current.primaryKeyIndex > 0 ? "part of the primary key" : "NOT NULL"}`
        : `column "${current.name}" was removed (kept, written as NULL)`,
      destructive,
    });
  }

  const currentKeys = existing
    .filter((column) => column.primaryKeyIndex > 0)
    .sort((a, b) => a.primaryKeyIndex - b.primaryKeyIndex)
    .map((column) => column.name);
  const sameKeys =
    currentKeys.length === spec.primaryKeys.length &&
    [...currentKeys].sort().join("\0") === [...spec.primaryKeys].sort().join("\0");
  if (!sameKeys) {
    changes.push({
      kind: "primary-key-change",
      column: "",
      description: `primary key changes from (${currentKeys.join(", ")}) to (${spec.primaryKeys.join(", ")})`,
      destructive: true,
    });
  }
  return { create: false, addColumns, changes };
}
