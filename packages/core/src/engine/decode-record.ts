import type { Field } from "@cloudquery/plugin-sdk-javascript/arrow";
import { DataType, tableFromIPC } from "@cloudquery/plugin-sdk-javascript/arrow";

import { uuidString } from "../model/column-type.js";

const decoder = new TextDecoder();

function plain(field: Field, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const extension = field.metadata.get("ARROW:extension:name");
  if (extension === "uuid" && value instanceof Uint8Array) return uuidString(value);
  if (extension === "json" && value instanceof Uint8Array)
    return JSON.parse(decoder.decode(value)) as unknown;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (DataType.isTimestamp(field.type) && typeof value === "number") return new Date(value);
  if (typeof value === "object" && Symbol.iterator in value) {
    return [...(value as Iterable<unknown>)];
  }
  return value;
}

/**
 * Decodes an `insert` record (Arrow IPC) into its table name and plain rows: uuid as string,
 * json parsed, timestamps as Date, int64 as number when safe, lists as arrays.
 */
export function decodeRecord(record: Uint8Array): {
  table: string;
  rows: Record<string, unknown>[];
} {
  const arrowTable = tableFromIPC(record);
  const table = arrowTable.schema.metadata.get("cq:table_name") ?? "";
  const fields = arrowTable.schema.fields;
  const rows: Record<string, unknown>[] = [];
  for (let index = 0; index < arrowTable.numRows; index++) {
    const row: Record<string, unknown> = {};
    for (const [columnIndex, field] of fields.entries()) {
      row[field.name] = plain(field, arrowTable.getChildAt(columnIndex)?.get(index));
    }
    rows.push(row);
  }
  return { table, rows };
}
