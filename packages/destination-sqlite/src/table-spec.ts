import type { Field, Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import {
  Field as ArrowField,
  Schema as ArrowSchema,
  tableFromIPC,
  TimestampMicrosecond,
  Utf8,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import { toArrowSchema } from "@cloudquery/plugin-sdk-javascript/schema/table";

import type { ColumnKind, SqliteType } from "./column-mapping.js";
import { columnKindOf, sqliteTypeOf } from "./column-mapping.js";
import { SqliteDestinationError } from "./sqlite-destination-error.js";

/** A table as the destination receives it: an SDK `Table`, an Arrow `Schema`, or its IPC bytes. */
export type TableInput = Table | Schema | Uint8Array;

/** Name of the column the CloudQuery CLI fills with the source name. */
export const CQ_SOURCE_NAME_COLUMN = "_cq_source_name";
/** Name of the column the CloudQuery CLI fills with the sync start time (µs, UTC). */
export const CQ_SYNC_TIME_COLUMN = "_cq_sync_time";

/** One column of a {@link TableSpec}. */
export interface ColumnSpec {
  /** Column name, as in the Arrow field. */
  readonly name: string;
  /** The Arrow field it came from (type and metadata are kept for `read`). */
  readonly field: Field;
  /** How values are converted. */
  readonly kind: ColumnKind;
  /** Declared SQLite type. */
  readonly sqliteType: SqliteType;
  /** Part of the primary key. */
  readonly primaryKey: boolean;
  /** `NOT NULL` in SQLite: non-nullable Arrow fields and primary-key columns. */
  readonly notNull: boolean;
}

/** Everything the destination needs to know about one table, derived from its Arrow schema. */
export interface TableSpec {
  /** Table name (`cq:table_name`). */
  readonly name: string;
  /** The Arrow schema, with internal columns added when configured. */
  readonly schema: Schema;
  /** Columns in schema order. */
  readonly columns: readonly ColumnSpec[];
  /** Primary-key column names in schema order (empty: plain inserts). */
  readonly primaryKeys: readonly string[];
  /** Name of the composite primary-key constraint. */
  readonly primaryKeyConstraint: string;
  /** `cq:extension:incremental=true`: delete-stale skips the table. */
  readonly incremental: boolean;
  /** Parent table (`cq:table_depends_on`), if any. */
  readonly parent: string | undefined;
}

/** Options for {@link tableSpecOf}. */
export interface TableSpecOptions {
  /** Drop primary keys, as the CloudQuery CLI does in `append` mode. */
  readonly stripPrimaryKeys?: boolean;
  /** Prepend `_cq_sync_time` and `_cq_source_name` (the CLI's order) when the schema lacks them. */
  readonly addInternalColumns?: boolean;
}

/** The Arrow schema of a {@link TableInput}. */
export function schemaOf(input: TableInput): Schema {
  if (input instanceof Uint8Array) return tableFromIPC(input).schema;
  if (input instanceof ArrowSchema) return input;
  return toArrowSchema(input);
}

function internalColumns(schema: Schema): Field[] {
  const names = new Set(schema.fields.map((field) => field.name));
  const fields: Field[] = [];
  const meta = new Map([
    ["cq:extension:primary_key", "false"],
    ["cq:extension:unique", "false"],
    ["cq:extension:incremental", "false"],
  ]);
  // Same order as the CloudQuery CLI's record transformer: sync time, then source name.
  if (!names.has(CQ_SYNC_TIME_COLUMN)) {
    fields.push(
      new ArrowField(CQ_SYNC_TIME_COLUMN, new TimestampMicrosecond("UTC"), true, new Map(meta)),
    );
  }
  if (!names.has(CQ_SOURCE_NAME_COLUMN)) {
    fields.push(new ArrowField(CQ_SOURCE_NAME_COLUMN, new Utf8(), true, new Map(meta)));
  }
  return fields;
}

/**
 * Derives a {@link TableSpec} from a table's Arrow schema.
 * @throws SqliteDestinationError when the schema has no `cq:table_name`, duplicate column names
 *   or a type without a SQLite mapping.
 */
export function tableSpecOf(input: TableInput, options: TableSpecOptions = {}): TableSpec {
  const source = schemaOf(input);
  const name = source.metadata.get("cq:table_name") ?? "";
  if (name === "") {
    throw new SqliteDestinationError(
      "invalid-input",
      "The Arrow schema has no cq:table_name metadata, so the destination cannot tell which " +
        "table it describes.",
    );
  }
  const fields = options.addInternalColumns
    ? [...internalColumns(source), ...source.fields]
    : source.fields;
  const schema = new ArrowSchema(fields, source.metadata);
  const seen = new Set<string>();
  const columns = fields.map((field): ColumnSpec => {
    if (seen.has(field.name)) {
      throw new SqliteDestinationError(
        "invalid-input",
        `Table "${name}" has two columns named "${field.name}".`,
      );
    }
    seen.add(field.name);
    const kind = columnKindOf(field, name);
    const primaryKey =
      !options.stripPrimaryKeys && field.metadata.get("cq:extension:primary_key") === "true";
    return {
      name: field.name,
      field,
      kind,
      sqliteType: sqliteTypeOf(kind),
      primaryKey,
      notNull: primaryKey || !field.nullable,
    };
  });
  const dependsOn = source.metadata.get("cq:table_depends_on");
  const constraint = source.metadata.get("cq:extension:constraint_name") ?? "";
  return {
    name,
    schema,
    columns,
    primaryKeys: columns.filter((column) => column.primaryKey).map((column) => column.name),
    primaryKeyConstraint: constraint === "" ? `${name}_cqpk` : constraint,
    incremental: source.metadata.get("cq:extension:incremental") === "true",
    parent: dependsOn === "" ? undefined : dependsOn,
  };
}
