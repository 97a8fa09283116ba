import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";

import type { ColumnSpec, TableSpec } from "./table-spec.js";

function columnDefinition(column: ColumnSpec): SQL {
  return sql`${sql.identifier(column.name)} ${sql.raw(column.sqliteType)}${sql.raw(
    column.notNull ? " NOT NULL" : "",
  )}`;
}

/**
 * `CREATE TABLE IF NOT EXISTS` for a spec: columns in schema order, the primary key as a named
 * composite constraint (`<table>_cqpk` unless the schema names one), as CloudQuery's SQLite does.
 */
export function createTableSql(spec: TableSpec): SQL {
  const parts = spec.columns.map(columnDefinition);
  if (spec.primaryKeys.length > 0) {
    parts.push(
      sql`CONSTRAINT ${sql.identifier(spec.primaryKeyConstraint)} PRIMARY KEY (${sql.join(
        spec.primaryKeys.map((key) => sql.identifier(key)),
        sql`, `,
      )})`,
    );
  }
  return sql`CREATE TABLE IF NOT EXISTS ${sql.identifier(spec.name)} (${sql.join(parts, sql`, `)})`;
}

/** `ALTER TABLE … ADD COLUMN` for a new nullable column. */
export function addColumnSql(tableName: string, column: ColumnSpec): SQL {
  return sql`ALTER TABLE ${sql.identifier(tableName)} ADD COLUMN ${columnDefinition(column)}`;
}

/** `DROP TABLE IF EXISTS`. */
export function dropTableSql(tableName: string): SQL {
  return sql`DROP TABLE IF EXISTS ${sql.identifier(tableName)}`;
}
