import type { DataType } from "@cloudquery/plugin-sdk-javascript/arrow";
import {
  Bool,
  Field,
  Float64,
  Int64,
  List,
  TimestampMicrosecond,
  Utf8,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import { JSONType } from "@cloudquery/plugin-sdk-javascript/types/json";
import { UUIDType } from "@cloudquery/plugin-sdk-javascript/types/uuid";

/**
 * Column types of the model: the subset the SDK 0.1.25 encodes safely (see the SDK notes §5).
 * Timestamps are `Timestamp(us, UTC)` like every CloudQuery plugin; nested data goes to `json`.
 */
export type ColumnType =
  "utf8" | "int64" | "float64" | "bool" | "timestamp" | "json" | "uuid" | "list<utf8>";

/** Every column type, in a stable order. */
export const columnTypes: readonly ColumnType[] = [
  "utf8",
  "int64",
  "float64",
  "bool",
  "timestamp",
  "json",
  "uuid",
  "list<utf8>",
];

/** The Arrow type of a column type, built from the SDK's own Arrow copy (never a separate `apache-arrow`). */
export function arrowType(type: ColumnType): DataType {
  switch (type) {
    case "utf8":
      return new Utf8();
    case "int64":
      return new Int64();
    case "float64":
      return new Float64();
    case "bool":
      return new Bool();
    case "timestamp":
      return new TimestampMicrosecond("UTC");
    case "json":
      return new JSONType();
    case "uuid":
      return new UUIDType();
    case "list<utf8>":
      return new List(new Field("item", new Utf8(), true));
  }
}

const encoder = new TextEncoder();
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Parses a UUID string into its 16 bytes. */
export function uuidBytes(value: string): Uint8Array {
  if (!UUID_RE.test(value)) throw new TypeError(`not a UUID: ${value.slice(0, 40)}`);
  return Uint8Array.from(Buffer.from(value.replace(/-/g, ""), "hex"));
}

/** Formats 16 UUID bytes as the canonical string. */
export function uuidString(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value);
  if (typeof value === "bigint") return new Date(Number(value));
  if (typeof value === "string") {
    const date = /^-?\d+$/.test(value) ? new Date(Number(value)) : new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new TypeError(`cannot convert ${typeof value} to a timestamp`);
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Converts a resolved value to what the Arrow builder of `type` takes; null for null/undefined.
 * Lenient like the SDK's scalars: numbers for utf8, ms epochs or ISO strings for timestamps, any
 * JS value for json (serialised with JSON.stringify; a Uint8Array is taken as JSON text).
 * Throws TypeError when the value cannot be converted.
 */
export function toArrowValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "utf8":
      return toText(value);
    case "int64": {
      let big: bigint;
      if (typeof value === "bigint") big = value;
      else if (typeof value === "number" && Number.isInteger(value)) big = BigInt(value);
      else if (typeof value === "string" && /^-?\d+$/.test(value)) big = BigInt(value);
      else if (typeof value === "boolean") big = value ? 1n : 0n;
      else throw new TypeError(`cannot convert ${typeof value} to int64`);
      if (big < INT64_MIN || big > INT64_MAX) throw new TypeError("value out of int64 range");
      return big;
    }
    case "float64": {
      const number = typeof value === "bigint" ? Number(value) : Number(value);
      if (typeof value === "object" || Number.isNaN(number)) {
        throw new TypeError(`cannot convert ${typeof value} to float64`);
      }
      return number;
    }
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === 1) return true;
      if (value === "false" || value === 0) return false;
      throw new TypeError(`cannot convert ${typeof value} to bool`);
    case "timestamp":
      return toDate(value).getTime();
    case "json":
      if (value instanceof Uint8Array) return value;
      return encoder.encode(JSON.stringify(value));
    case "uuid":
      if (value instanceof Uint8Array && value.length === 16) return value;
      if (typeof value === "string") return uuidBytes(value);
      throw new TypeError(`cannot convert ${typeof value} to uuid`);
    case "list<utf8>":
      if (!Array.isArray(value))
        throw new TypeError(`cannot convert ${typeof value} to list<utf8>`);
      return value.map((item) => (item === null || item === undefined ? null : toText(item)));
  }
}

/** Approximate encoded size of a converted value in bytes, for `batch_size_bytes`. */
export function approximateBytes(value: unknown): number {
  if (value === null) return 1;
  if (typeof value === "string") return value.length + 4;
  if (value instanceof Uint8Array) return value.byteLength + 4;
  if (Array.isArray(value)) {
    let sum = 4;
    for (const item of value as unknown[]) sum += approximateBytes(item);
    return sum;
  }
  return 8;
}
