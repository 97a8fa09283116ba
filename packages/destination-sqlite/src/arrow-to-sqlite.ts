import type { RecordBatch, Timestamp, Vector } from "@cloudquery/plugin-sdk-javascript/arrow";

import type { ColumnKind } from "./column-mapping.js";
import type { ColumnSpec, TableSpec } from "./table-spec.js";
import { SqliteDestinationError } from "./sqlite-destination-error.js";
import { formatTimestampMicros, toMicros } from "./timestamp-format.js";
import { formatUuid } from "./uuid-format.js";

/** A value better-sqlite3 binds as is. */
export type DriverValue = number | bigint | string | Buffer | null;

/** One row keyed by column name, ready for drizzle's `insert().values()`. */
export type DriverRow = Record<string, DriverValue>;

const decoder = new TextDecoder();

/** JSON for nested Arrow values: bigints as numbers when safe (else strings), bytes as base64. */
function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return value;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type Reader = (vector: Vector, row: number) => DriverValue;

function readerOf(kind: ColumnKind): Reader {
  switch (kind) {
    case "integer":
    case "real":
      return (vector, row) => vector.get(row) as number | bigint;
    case "uint64":
      return (vector, row) => BigInt.asIntN(64, vector.get(row) as bigint);
    case "boolean":
      return (vector, row) => (vector.get(row) ? 1 : 0);
    case "text":
      return (vector, row) => vector.get(row) as string;
    case "json":
      return (vector, row) => decoder.decode(vector.get(row) as Uint8Array);
    case "uuid":
      return (vector, row) => formatUuid(vector.get(row) as Uint8Array);
    case "blob":
      return (vector, row) => toBuffer(vector.get(row) as Uint8Array);
    case "date":
      return (vector, row) => new Date(vector.get(row) as number).toISOString().slice(0, 10);
    case "nested":
      return (vector, row) => JSON.stringify(vector.get(row), jsonReplacer);
    case "timestamp":
      return (vector, row) => {
        const values = vector.data[0]?.values as BigInt64Array | undefined;
        const raw = values?.[row];
        const type = vector.type as Timestamp;
        return formatTimestampMicros(toMicros(BigInt(raw ?? 0), type.unit));
      };
  }
}

function sizeOf(value: DriverValue): number {
  if (typeof value === "string") return value.length;
  if (value instanceof Buffer) return value.byteLength;
  return 8;
}

/** Rows converted from one record batch, with an estimate of their size for `batch_size_bytes`. */
export interface ConvertedRows {
  /** The rows, keyed by column name; columns of the table missing from the record are null. */
  readonly rows: DriverRow[];
  /** Approximate size of each row in bytes (string length, blob length, 8 per number). */
  readonly sizes: number[];
}

/** Values for columns the record does not carry (the CLI's `_cq_source_name`, `_cq_sync_time`). */
export type DefaultValues = Readonly<Record<string, DriverValue>>;

/**
 * Converts an Arrow record batch of `spec`'s table into driver rows.
 * @throws SqliteDestinationError (`invalid-input`) when the record has a column the table lacks
 *   or a value cannot be converted.
 */
export function rowsOfRecord(
  batch: RecordBatch,
  spec: TableSpec,
  defaults: DefaultValues = {},
): ConvertedRows {
  const byName = new Map<string, ColumnSpec>(spec.columns.map((column) => [column.name, column]));
  const readers: { name: string; vector: Vector; read: Reader }[] = [];
  for (const [index, field] of batch.schema.fields.entries()) {
    const column = byName.get(field.name);
    if (!column) {
      throw new SqliteDestinationError(
        "invalid-input",
        `The record for table "${spec.name}" has column "${field.name}", which its migrated ` +
          `schema lacks. Send a migrate_table message with the new schema first.`,
      );
    }
    const vector = batch.getChildAt(index);
    if (vector) readers.push({ name: field.name, vector, read: readerOf(column.kind) });
  }
  const present = new Set(readers.map((reader) => reader.name));
  const filled = spec.columns
    .filter((column) => !present.has(column.name))
    .map((column) => [column.name, defaults[column.name] ?? null] as const);

  const rows: DriverRow[] = [];
  const sizes: number[] = [];
  for (let row = 0; row < batch.numRows; row++) {
    const out: DriverRow = {};
    let size = 0;
    for (const { name, vector, read } of readers) {
      let value: DriverValue = null;
      if (vector.isValid(row)) {
        try {
          value = read(vector, row);
        } catch (error) {
          throw new SqliteDestinationError(
            "invalid-input",
            `Cannot convert row ${row} of column "${name}" of table "${spec.name}": ${
              error instanceof Error ? error.message : String(error)
            }`,
            { cause: error },
          );
        }
      }
      out[name] = value;
      size += sizeOf(value);
    }
    for (const [name, value] of filled) {
      out[name] = value;
      size += sizeOf(value);
    }
    rows.push(out);
    sizes.push(size);
  }
  return { rows, sizes };
}
