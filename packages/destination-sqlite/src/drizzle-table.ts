import type { SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTableWithColumns } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { customType, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";

import type { ColumnSpec, TableSpec } from "./table-spec.js";

/** A drizzle table built at run time: columns are looked up by their SQL name. */
export type RuntimeTable = SQLiteTableWithColumns<{
  name: string;
  schema: undefined;
  columns: Record<string, SQLiteColumn>;
  dialect: "sqlite";
}>;

/**
 * A pass-through column: values are converted to driver values (integers, reals, text, buffers)
 * before they reach drizzle, so drizzle only quotes and binds them. The declared type is kept so
 * `getTableConfig()` reports what the table really declares.
 */
function runtimeColumn(column: ColumnSpec) {
  const builder = customType<{ data: unknown; driverData: unknown }>({
    dataType: () => column.sqliteType,
  })(column.name);
  return column.notNull ? builder.notNull() : builder;
}

/** Builds the drizzle `sqliteTable` for a table spec, with its composite primary key. */
export function drizzleTableOf(spec: TableSpec): RuntimeTable {
  const columns = Object.fromEntries(
    spec.columns.map((column) => [column.name, runtimeColumn(column)]),
  );
  const table = sqliteTable(spec.name, columns, (t) =>
    spec.primaryKeys.length === 0
      ? []
      : [
          primaryKey({
            name: spec.primaryKeyConstraint,
            columns: spec.primaryKeys.map((key) => t[key]) as unknown as [
              SQLiteColumn,
              ...SQLiteColumn[],
            ],
          }),
        ],
  );
  return table;
}

/** The column `name` of a runtime table. @throws Error when the table has no such column. */
export function columnOf(table: RuntimeTable, name: string): SQLiteColumn {
  const column = (table as unknown as Record<string, SQLiteColumn | undefined>)[name];
  if (!column) throw new Error(`column "${name}" is not part of the drizzle table`);
  return column;
}

/** `excluded."col"` for every non-key column: the `set` of an upsert that replaces the row. */
export function excludedSet(spec: TableSpec): Record<string, SQL> {
  const keys = new Set(spec.primaryKeys);
  return Object.fromEntries(
    spec.columns
      .filter((column) => !keys.has(column.name))
      .map((column) => [column.name, sql`excluded.${sql.identifier(column.name)}`]),
  );
}
