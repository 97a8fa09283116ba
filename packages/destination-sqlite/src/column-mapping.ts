import type { Field } from "@cloudquery/plugin-sdk-javascript/arrow";
import { DataType, Type } from "@cloudquery/plugin-sdk-javascript/arrow";
import { JSONType } from "@cloudquery/plugin-sdk-javascript/types/json";
import { UUIDType } from "@cloudquery/plugin-sdk-javascript/types/uuid";

import { SqliteDestinationError } from "./sqlite-destination-error.js";

/** How a column's values are converted between Arrow and SQLite; see the README's type table. */
export type ColumnKind =
  | "integer"
  | "uint64"
  | "real"
  | "boolean"
  | "text"
  | "json"
  | "uuid"
  | "timestamp"
  | "date"
  | "blob"
  | "nested";

/**
 * Declared SQLite column types. Each keeps the storage class intact under SQLite's affinity rules:
 * `BOOLEAN`, `TIMESTAMP` and `DATE` get NUMERIC affinity, which stores 0/1 as integers and leaves
 * ISO text alone; JSON, UUIDs and nested values are `TEXT` so `"42"` stays text.
 */
export type SqliteType = "INTEGER" | "REAL" | "BOOLEAN" | "TEXT" | "TIMESTAMP" | "DATE" | "BLOB";

const SQLITE_TYPES: Record<ColumnKind, SqliteType> = {
  integer: "INTEGER",
  uint64: "INTEGER",
  real: "REAL",
  boolean: "BOOLEAN",
  text: "TEXT",
  json: "TEXT",
  uuid: "TEXT",
  timestamp: "TIMESTAMP",
  date: "DATE",
  blob: "BLOB",
  nested: "TEXT",
};

const EXTENSION_NAME = "ARROW:extension:name";

/**
 * The conversion kind of an Arrow field. JSON and UUID are recognised by the SDK's extension
 * classes or, after an IPC round trip, by the `ARROW:extension:name` field metadata.
 * @throws SqliteDestinationError (`unsupported-type`) for types without a faithful mapping.
 */
export function columnKindOf(field: Field, tableName: string): ColumnKind {
  const type = field.type as DataType;
  const extension = field.metadata.get(EXTENSION_NAME);
  if (type instanceof JSONType || extension === "json") return "json";
  if (type instanceof UUIDType || (extension === "uuid" && DataType.isFixedSizeBinary(type))) {
    return "uuid";
  }
  if (DataType.isInt(type)) return type.bitWidth === 64 && !type.isSigned ? "uint64" : "integer";
  if (DataType.isFloat(type)) return "real";
  if (DataType.isBool(type)) return "boolean";
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return "text";
  if (DataType.isTimestamp(type)) return "timestamp";
  if (DataType.isDate(type)) return "date";
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) {
    return "blob";
  }
  if (
    DataType.isList(type) ||
    DataType.isFixedSizeList(type) ||
    DataType.isStruct(type) ||
    DataType.isMap(type)
  ) {
    return "nested";
  }
  throw new SqliteDestinationError(
    "unsupported-type",
    `Column "${field.name}" of table "${tableName}" has Arrow type ${Type[type.typeId]}, which the ` +
      `SQLite destination cannot store faithfully. Use one of the types in its README ` +
      `(e.g. JSON for nested data, Utf8 for decimals).`,
  );
}

/** The declared SQLite type for a column kind. */
export function sqliteTypeOf(kind: ColumnKind): SqliteType {
  return SQLITE_TYPES[kind];
}
