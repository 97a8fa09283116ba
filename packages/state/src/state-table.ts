import type { RecordBatch } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import {
  RecordBatch as ArrowRecordBatch,
  Table as ArrowTable,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import { createColumn } from "@cloudquery/plugin-sdk-javascript/schema/column";
import { createTable, toArrowSchema } from "@cloudquery/plugin-sdk-javascript/schema/table";

/** Name of the primary-key column of a state table. */
export const STATE_KEY_COLUMN = "key";
/** Name of the value column of a state table. */
export const STATE_VALUE_COLUMN = "value";

/**
 * The table a CloudQuery state backend keeps: `<tableName>(key utf8 primary key, value utf8)`,
 * as the Go SDK's `internal/clients/state/v3.Table` (protocol v3, no `version` column).
 */
export function stateTable(tableName: string): Table {
  return createTable({
    name: tableName,
    columns: [
      createColumn({ name: STATE_KEY_COLUMN, type: new Utf8(), primaryKey: true }),
      createColumn({ name: STATE_VALUE_COLUMN, type: new Utf8() }),
    ],
  });
}

/**
 * One Arrow IPC record with `rows` for an `insert` message. The schema carries the table metadata
 * (`cq:table_name`, primary key flags) so a destination can route it like any synced record.
 */
export function encodeStateRows(
  table: Table,
  rows: readonly (readonly [key: string, value: string])[],
): Uint8Array {
  const schema = toArrowSchema(table);
  const batch = new ArrowRecordBatch(schema, undefined)
    .setChildAt(
      0,
      vectorFromArray(
        rows.map(([key]) => key),
        new Utf8(),
      ),
    )
    .setChildAt(
      1,
      vectorFromArray(
        rows.map(([, value]) => value),
        new Utf8(),
      ),
    );
  return tableToIPC(new ArrowTable(schema, batch));
}

/**
 * Reads key/value rows out of record batches, in order, by column name. A null value yields
 * `undefined` (the key has no value); rows with a null key are skipped.
 * @throws Error when a batch lacks the `key` or `value` column.
 */
export function* stateRowsOf(
  batches: readonly RecordBatch[],
): Generator<[key: string, value: string | undefined]> {
  for (const batch of batches) {
    const keys = batch.getChild(STATE_KEY_COLUMN);
    const values = batch.getChild(STATE_VALUE_COLUMN);
    if (!keys || !values) {
      const found = batch.schema.fields.map((field) => field.name).join(", ");
      throw new Error(
        `expected columns "${STATE_KEY_COLUMN}" and "${STATE_VALUE_COLUMN}", got [${found}]`,
      );
    }
    for (let row = 0; row < batch.numRows; row++) {
      const key: unknown = keys.get(row);
      const value: unknown = values.get(row);
      if (typeof key !== "string") continue;
      yield [key, typeof value === "string" ? value : undefined];
    }
  }
}
