import type { Data, RecordBatch, Timestamp, Vector } from "@cloudquery/plugin-sdk-javascript/arrow";
import { isAscii } from "node:buffer";

import type { ColumnKind } from "./column-mapping.js";
import type { TableSpec } from "./table-spec.js";
import { SqliteDestinationError } from "./sqlite-destination-error.js";
import { formatTimestampMicros, toMicros } from "./timestamp-format.js";

/** A value better-sqlite3 binds as is. */
export type DriverValue = number | bigint | string | Buffer | null;

/** One row: driver values in the order of the table's columns. */
export type DriverRow = DriverValue[];

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

/** Reads the value of a valid slot at logical row `index`. */
type Reader = (index: number) => DriverValue;

/** A Buffer view of a typed array, without copying. */
function bufferOf(bytes: ArrayBufferView): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A reader of one column of a record batch (one `Data` per column). The hot kinds (text, JSON,
 * uuid, numbers, booleans, timestamps) read the raw buffers: Arrow's `Vector.get` decodes each
 * value through a visitor, which made conversion slower than the SQLite inserts themselves.
 * Arrow slices value and offset buffers when it slices data, so `index` needs no offset there;
 * boolean bits (and validity) keep `data.offset`.
 */
function readerOf(kind: ColumnKind, vector: Vector, data: Data): Reader {
  switch (kind) {
    case "integer":
    case "real": {
      const values = data.values as ArrayLike<number | bigint>;
      // Float16 keeps raw half-precision bits in a Uint16Array: let Arrow convert those.
      if (values instanceof Uint16Array && kind === "real") {
        return (index) => vector.get(index) as number;
      }
      return (index) => values[index] ?? null;
    }
    case "uint64":
      return (index) => BigInt.asIntN(64, vector.get(index) as bigint);
    case "boolean": {
      const bits = data.values as Uint8Array;
      const offset = data.offset;
      return (index) => ((bits[(index + offset) >> 3] ?? 0) >> ((index + offset) & 7)) & 1;
    }
    case "text":
    case "json": {
      const offsets = data.valueOffsets as ArrayLike<number | bigint>;
      const values = bufferOf(data.values as Uint8Array);
      if (isAscii(values)) {
        // Byte offsets are character offsets: decode the column once and slice it per value.
        const text = values.toString("latin1");
        return (index) => text.slice(Number(offsets[index]), Number(offsets[index + 1]));
      }
      // Number(): Large* types have bigint offsets.
      return (index) => values.toString("utf8", Number(offsets[index]), Number(offsets[index + 1]));
    }
    case "uuid": {
      // Hex of the whole column at once; each value is five slices of it.
      const hex = bufferOf(data.values as Uint8Array).toString("hex");
      return (index) => {
        const at = index * 32;
        return `${hex.slice(at, at + 8)}-${hex.slice(at + 8, at + 12)}-${hex.slice(at + 12, at + 16)}-${hex.slice(at + 16, at + 20)}-${hex.slice(at + 20, at + 32)}`;
      };
    }
    case "timestamp": {
      const values = data.values as BigInt64Array;
      const unit = (vector.type as Timestamp).unit;
      // Rows of one sync mostly share _cq_sync_time: format each run of equal values once.
      let lastRaw: bigint | undefined;
      let lastText = "";
      return (index) => {
        const raw = BigInt(values[index] ?? 0);
        if (raw !== lastRaw) {
          lastText = formatTimestampMicros(toMicros(raw, unit));
          lastRaw = raw;
        }
        return lastText;
      };
    }
    case "blob":
      return (index) => toBuffer(vector.get(index) as Uint8Array);
    case "date":
      return (index) => new Date(vector.get(index) as number).toISOString().slice(0, 10);
    case "nested":
      return (index) => JSON.stringify(vector.get(index), jsonReplacer);
  }
}

function sizeOf(value: DriverValue): number {
  if (typeof value === "string") return value.length;
  if (value instanceof Buffer) return value.byteLength;
  return 8;
}

/** Rows converted from one record batch, with an estimate of their size for `batch_size_bytes`. */
export interface ConvertedRows {
  /** The rows, values in the order of the table's columns; columns missing from the record are null. */
  readonly rows: DriverRow[];
  /** Approximate size of each row in bytes (string length, blob length, 8 per number). */
  readonly sizes: number[];
}

/** Values for columns the record does not carry (the CLI's `_cq_source_name`, `_cq_sync_time`). */
export type DefaultValues = Readonly<Record<string, DriverValue>>;

/**
 * Converts an Arrow record batch of `spec`'s table into driver rows (values in `spec.columns`
 * order).
 * @throws SqliteDestinationError (`invalid-input`) when the record has a column the table lacks
 *   or a value cannot be converted.
 */
export function rowsOfRecord(
  batch: RecordBatch,
  spec: TableSpec,
  defaults: DefaultValues = {},
): ConvertedRows {
  const positions = new Map<string, number>(
    spec.columns.map((column, index) => [column.name, index]),
  );
  const readers: {
    name: string;
    position: number;
    data: Data;
    read: Reader;
  }[] = [];
  for (const [index, field] of batch.schema.fields.entries()) {
    const position = positions.get(field.name);
    const column = position === undefined ? undefined : spec.columns[position];
    if (position === undefined || !column) {
      throw new SqliteDestinationError(
        "invalid-input",
        `The record for table "${spec.name}" has column "${field.name}", which its migrated ` +
          `schema lacks. Send a migrate_table message with the new schema first.`,
      );
    }
    const vector: Vector | null = batch.getChildAt(index);
    const data: Data | undefined = vector?.data[0];
    if (vector && data) {
      readers.push({
        name: field.name,
        position,
        data,
        read: readerOf(column.kind, vector, data),
      });
    }
  }
  const template: DriverValue[] = spec.columns.map((column) => defaults[column.name] ?? null);
  let templateSize = 0;
  const present = new Set(readers.map((reader) => reader.position));
  template.forEach((value, index) => {
    if (present.has(index)) template[index] = null;
    else templateSize += sizeOf(value);
  });

  const rows: DriverRow[] = new Array<DriverRow>(batch.numRows);
  const sizes: number[] = new Array<number>(batch.numRows);
  for (let row = 0; row < batch.numRows; row++) {
    const out = template.slice();
    let size = templateSize;
    for (const { name, position, data, read } of readers) {
      let value: DriverValue = null;
      if (data.nullCount === 0 || data.getValid(row)) {
        try {
          value = read(row);
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
      out[position] = value;
      size += sizeOf(value);
    }
    rows[row] = out;
    sizes[row] = size;
  }
  return { rows, sizes };
}
