/**
 * Child-process helper for the read-only test: opens the destination on argv[2] and tries to
 * write one row, printing `{"reason","message"}` of the failure (or `{"ok":true}`) as JSON.
 */
import { Utf8 } from "@cloudquery/plugin-sdk-javascript/arrow";
import { createColumn } from "@cloudquery/plugin-sdk-javascript/schema/column";
import { createTable } from "@cloudquery/plugin-sdk-javascript/schema/table";

import { SqliteDestinationError } from "../sqlite-destination-error.js";
import { SqliteDestination } from "../sqlite-destination.js";
import { recordOf } from "./records.js";

const table = createTable({
  name: "t",
  columns: [createColumn({ name: "id", type: new Utf8(), primaryKey: true })],
});
try {
  const dest = SqliteDestination.open({ path: process.argv[2] ?? "", busyTimeoutMs: 100 });
  dest.migrateTable(table);
  dest.insert(recordOf(table, [{ id: "from-child" }]));
  dest.close();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (error) {
  process.stdout.write(
    JSON.stringify({
      reason: error instanceof SqliteDestinationError ? error.reason : "other",
      message: error instanceof Error ? error.message : String(error),
    }),
  );
}
