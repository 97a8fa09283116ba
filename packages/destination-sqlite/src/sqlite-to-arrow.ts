import type {
  Data,
  DataType,
  Field,
  Int,
  Timestamp,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import {
  makeBuilder,
  makeData,
  RecordBatch,
  Schema,
  Struct,
} from "@cloudquery/plugin-sdk-javascript/arrow";

import type { ColumnKind } from "./column-mapping.js";
import { columnKindOf } from "./column-mapping.js";
import { fromMicros, parseTimestampMicros } from "./timestamp-format.js";
import { parseUuid } from "./uuid-format.js";

/** A value as better-sqlite3 returns it with `safeIntegers(true)`. */
export type StoredValue = bigint | number | string | Buffer | null;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function asText(value: Exclude<StoredValue, null>): string {
  return value instanceof Buffer ? decoder.decode(value) : String(value);
}

function asBytes(value: Exclude<StoredValue, null>): Uint8Array {
  return value instanceof Buffer ? new Uint8Array(value) : encoder.encode(String(value));
}

function toArrowValue(
  kind: ColumnKind,
  type: DataType,
  value: Exclude<StoredValue, null>,
): unknown {
  switch (kind) {
    case "integer": {
      const int = type as Int;
      return int.bitWidth === 64 ? BigInt(value as bigint) : Number(value);
    }
    case "uint64":
      return BigInt.asUintN(64, BigInt(value as bigint));
    case "real":
      return Number(value);
    case "boolean":
      return typeof value === "string" ? value === "true" || value === "1" : Number(value) !== 0;
    case "text":
      return asText(value);
    case "json":
      return encoder.encode(asText(value));
    case "uuid":
      return parseUuid(asText(value));
    case "blob":
      return asBytes(value);
    case "date":
      return new Date(`${asText(value).slice(0, 10)}T00:00:00Z`);
    case "nested":
      return JSON.parse(asText(value)) as unknown;
    case "timestamp":
      throw new Error("timestamps are built without a builder");
  }
}

/** Timestamps are built from raw 64-bit values: Arrow's builder takes float milliseconds. */
function timestampData(type: Timestamp, values: readonly StoredValue[]): Data {
  const raw = new BigInt64Array(values.length);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((value, index) => {
    if (value === null) {
      nullCount++;
      return;
    }
    validity[index >> 3] = (validity[index >> 3] ?? 0) | (1 << (index & 7));
    raw[index] = fromMicros(parseTimestampMicros(asText(value)), type.unit);
  });
  return makeData({
    type,
    length: values.length,
    nullCount,
    nullBitmap: nullCount === 0 ? null : validity,
    data: raw,
  });
}

function columnData(field: Field, tableName: string, values: readonly StoredValue[]): Data {
  const kind = columnKindOf(field, tableName);
  if (kind === "timestamp") return timestampData(field.type as Timestamp, values);
  const type = field.type as DataType;
  const builder = makeBuilder<DataType, null | undefined>({ type, nullValues: [null, undefined] });
  for (const value of values) {
    builder.append(value === null ? null : toArrowValue(kind, type, value));
  }
  return builder.finish().flush() as Data;
}

/**
 * Builds one Arrow record batch of `schema` from rows read out of SQLite (`columns[i][row]`,
 * column-major). Field types and metadata come from the schema, so JSON and UUID columns keep
 * their extension metadata and decoders see the table as it was migrated.
 */
export function recordOfColumns(
  schema: Schema,
  tableName: string,
  columns: readonly (readonly StoredValue[])[],
  numRows: number,
): RecordBatch {
  const children = schema.fields.map((field, index) =>
    columnData(field, tableName, columns[index] ?? new Array<StoredValue>(numRows).fill(null)),
  );
  const data = makeData({
    type: new Struct(schema.fields),
    length: numRows,
    nullCount: 0,
    children,
  });
  return new RecordBatch(new Schema(schema.fields, schema.metadata), data);
}
