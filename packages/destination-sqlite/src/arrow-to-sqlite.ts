import type { Data, RecordBatch, Timestamp, Vector } from "@cloudquery/plugin-sdk-javascript/arrow";
import { isAscii, isUtf8 } from "node:buffer";
import { DataType } from "@cloudquery/plugin-sdk-javascript/arrow";

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
 * Reads the strings of a Utf8/LargeUtf8 column. The column's bytes are decoded once and each value
 * is a slice of that string: for ASCII, byte offsets are character offsets; otherwise the byte
 * offsets are mapped to UTF-16 offsets in one pass over the bytes (a 4-byte sequence is a
 * surrogate pair, continuation bytes add nothing). Per-value `toString("utf8", …)` calls cost
 * several times more. Falls back to per-value decoding when the bytes are not valid UTF-8.
 */
function textReader(data: Data): Reader {
  return textColumn(data).read;
}

/** {@link textReader} and the length in UTF-16 units of each value (for `batch_size_bytes`). */
function textColumn(data: Data): { read: Reader; length: (index: number) => number } {
  // Number(): Large* types have bigint offsets.
  const offsets = data.valueOffsets as ArrayLike<number | bigint>;
  const values = bufferOf(data.values as Uint8Array);
  const count = data.length;
  const first = Number(offsets[0] ?? 0);
  const last = Number(offsets[count] ?? 0);
  if (isAscii(values)) {
    const text = values.toString("latin1");
    return {
      read: (index) => text.slice(Number(offsets[index]), Number(offsets[index + 1])),
      length: (index) => Number(offsets[index + 1]) - Number(offsets[index]),
    };
  }
  const text = values.toString("utf8", first, last);
  const starts = new Float64Array(count + 1);
  let chars = 0;
  let byte = first;
  for (let index = 0; index <= count; index++) {
    const end = Number(offsets[index]);
    for (; byte < end; byte++) {
      const b = values[byte] ?? 0;
      if ((b & 0xc0) !== 0x80) chars += b >= 0xf0 ? 2 : 1;
    }
    starts[index] = chars;
  }
  if (chars !== text.length || !isUtf8(values.subarray(first, last))) {
    const read: Reader = (index) =>
      values.toString("utf8", Number(offsets[index]), Number(offsets[index + 1]));
    return { read, length: (index) => (read(index) as string).length };
  }
  return {
    read: (index) => text.slice(starts[index], starts[index + 1]),
    length: (index) => (starts[index + 1] ?? 0) - (starts[index] ?? 0),
  };
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
    case "json":
      return textReader(data);
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
    case "nested": {
      // A list of strings (e.g. tags) is the common nested column: Arrow's `get` builds a Vector
      // per value and iterates it through visitors, several times the cost of the rest of the
      // row. Read the child strings directly; JSON.stringify of the same array gives the same text.
      const child = data.children[0];
      if (
        child?.offset === 0 &&
        DataType.isList(data.type) &&
        (DataType.isUtf8(child.type) || DataType.isLargeUtf8(child.type))
      ) {
        const offsets = data.valueOffsets as ArrayLike<number>;
        const item = textReader(child);
        return (index) => {
          const start = offsets[index] ?? 0;
          const end = offsets[index + 1] ?? 0;
          const items = new Array<DriverValue>(end - start);
          for (let at = start; at < end; at++) {
            items[at - start] = child.nullCount === 0 || child.getValid(at) ? item(at) : null;
          }
          return JSON.stringify(items);
        };
      }
      return (index) => JSON.stringify(vector.get(index), jsonReplacer);
    }
  }
}

function sizeOf(value: DriverValue): number {
  if (typeof value === "string") return value.length;
  if (value instanceof Buffer) return value.byteLength;
  return 8;
}

/**
 * The values of one record batch, converted column by column (no per-row arrays: buffered rows
 * would otherwise survive young-generation GCs until their flush and be copied into old space),
 * with an estimate of each row's size for `batch_size_bytes`.
 */
export interface ConvertedColumns {
  /** Rows in the record. */
  readonly numRows: number;
  /**
   * Per column of the table (in `spec.columns` order): the converted values, or undefined when
   * every row holds `constants[column]` (a column the record lacks, or one that is all null).
   */
  readonly values: readonly (readonly DriverValue[] | undefined)[];
  /**
   * Per column: for text, JSON and uuid columns, which cannot fail to convert, a function giving
   * the value of a row (null included), called only when the batch is written. Their strings
   * are then made right before SQLite copies them and die young, instead of being kept (and
   * copied by the garbage collector) until the flush.
   */
  readonly lazy: readonly (((row: number) => DriverValue) | undefined)[];
  /** Per column: the value of every row when `values[column]` is undefined (a default or null). */
  readonly constants: readonly DriverValue[];
  /** Approximate size of each row in bytes (string length, blob length, 8 per number). */
  readonly sizes: Float64Array;
}

/** Values for columns the record does not carry (the CLI's `_cq_source_name`, `_cq_sync_time`). */
export type DefaultValues = Readonly<Record<string, DriverValue>>;

/**
 * Converts an Arrow record batch of `spec`'s table into driver values, column by column.
 * @throws SqliteDestinationError (`invalid-input`) when the record has a column the table lacks
 *   or a value cannot be converted.
 */
export function columnsOfRecord(
  batch: RecordBatch,
  spec: TableSpec,
  defaults: DefaultValues = {},
): ConvertedColumns {
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
  const constants: DriverValue[] = spec.columns.map((column) => defaults[column.name] ?? null);
  let constantSize = 0;
  const present = new Set(readers.map((reader) => reader.position));
  constants.forEach((value, index) => {
    if (present.has(index)) constants[index] = null;
    else constantSize += sizeOf(value);
  });

  // One reader at a time over every row (monomorphic loops) into a preallocated array per column;
  // all-null columns keep the constant null and cost nothing per row.
  const numRows = batch.numRows;
  const values: (DriverValue[] | undefined)[] = spec.columns.map(() => undefined);
  const lazy: (((row: number) => DriverValue) | undefined)[] = spec.columns.map(() => undefined);
  const sizes = new Float64Array(numRows).fill(constantSize);
  for (const { name, position, data, read } of readers) {
    const nullCount = data.nullCount;
    if (nullCount === numRows) {
      for (let row = 0; row < numRows; row++) sizes[row] = (sizes[row] ?? 0) + 8;
      continue;
    }
    const kind = spec.columns[position]?.kind;
    if (kind === "text" || kind === "json" || kind === "uuid") {
      const text = kind === "uuid" ? { read, length: () => 36 } : textColumn(data);
      for (let row = 0; row < numRows; row++) {
        const valid = nullCount === 0 || data.getValid(row);
        sizes[row] = (sizes[row] ?? 0) + (valid ? text.length(row) : 8);
      }
      lazy[position] = nullCount === 0 ? read : (row) => (data.getValid(row) ? read(row) : null);
      continue;
    }
    const out = new Array<DriverValue>(numRows);
    let row = 0;
    try {
      for (; row < numRows; row++) {
        const value = nullCount === 0 || data.getValid(row) ? read(row) : null;
        out[row] = value;
        sizes[row] = (sizes[row] ?? 0) + sizeOf(value);
      }
    } catch (error) {
      throw new SqliteDestinationError(
        "invalid-input",
        `Cannot convert row ${row} of column "${name}" of table "${spec.name}": ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
    values[position] = out;
  }
  return { numRows, values, lazy, constants, sizes };
}
