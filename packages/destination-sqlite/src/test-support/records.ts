import type { Data, DataType, Field, Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import {
  DataType as ArrowDataType,
  Table as ArrowTable,
  makeBuilder,
  makeData,
  RecordBatch,
  Struct,
  tableToIPC,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import { toArrowSchema } from "@cloudquery/plugin-sdk-javascript/schema/table";

import { fromMicros } from "../timestamp-format.js";
import { parseUuid } from "../uuid-format.js";

const encoder = new TextEncoder();

function column(field: Field, values: readonly unknown[]): Data {
  const type = field.type as DataType;
  const extension = field.metadata.get("ARROW:extension:name");
  if (ArrowDataType.isTimestamp(type)) {
    const raw = new BigInt64Array(values.length);
    const validity = new Uint8Array(Math.ceil(values.length / 8));
    let nullCount = 0;
    values.forEach((value, index) => {
      if (value === null || value === undefined) {
        nullCount++;
        return;
      }
      validity[index >> 3] = (validity[index >> 3] ?? 0) | (1 << (index & 7));
      const micros = typeof value === "bigint" ? value : BigInt((value as Date).getTime()) * 1000n;
      raw[index] = fromMicros(micros, type.unit);
    });
    return makeData({
      type,
      length: values.length,
      nullCount,
      nullBitmap: nullCount ? validity : null,
      data: raw,
    });
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (const value of values) {
    if (value === null || value === undefined) builder.append(null);
    else if (extension === "json") builder.append(encoder.encode(JSON.stringify(value)));
    else if (extension === "uuid") builder.append(parseUuid(value as string));
    else builder.append(value);
  }
  return builder.finish().flush() as Data;
}

/** An Arrow record batch of `table` (SDK table or schema) holding `rows` (by column name). */
export function recordOf(
  table: Table | Schema,
  rows: readonly Record<string, unknown>[],
): RecordBatch {
  const schema = "fields" in table ? table : toArrowSchema(table);
  const children: Data[] = schema.fields.map((field): Data =>
    column(
      field,
      rows.map((row) => row[field.name]),
    ),
  );
  return new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }),
  );
}

/** The IPC bytes CloudQuery puts in an `insert` message for `rows` of `table`. */
export function recordBytesOf(
  table: Table | Schema,
  rows: readonly Record<string, unknown>[],
): Uint8Array {
  const batch = recordOf(table, rows);
  return tableToIPC(new ArrowTable(batch.schema, [batch]));
}

/** Rows of record batches as plain objects (`vector.get` values). */
export function rowsOf(batches: Iterable<RecordBatch>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const batch of batches) {
    for (let row = 0; row < batch.numRows; row++) {
      const out: Record<string, unknown> = {};
      for (const [index, field] of batch.schema.fields.entries()) {
        out[field.name] = batch.getChildAt(index)?.get(row);
      }
      rows.push(out);
    }
  }
  return rows;
}
