/**
 * A child process for the kill test: syncs `launchdarkly_auditlog_entries` from the simulator at
 * `argv[2]` (token `argv[3]`) into the SQLite file `argv[4]`, with the cursor in the same file's
 * state table, as our CLI does. Each insert is committed before the engine is told the write is
 * done, so whatever was handed to the stream is durable when the state is flushed.
 * Prints `rows <n>` after each committed insert, so the test can kill it at a chosen point.
 * Usage: node --import tsx audit-log-sync-child.ts <url> <token> <db>
 */
import { Writable } from "node:stream";

import type { SyncResponse } from "@cq-launchdarkly/core";
import { parseSpec, runSync, silentLogger } from "@cq-launchdarkly/core";
import { decodeRecord } from "@cq-launchdarkly/core/testing";
import { SqliteDestination, SqliteStateClient } from "@cq-launchdarkly/destination-sqlite";
import { allTables } from "@cq-launchdarkly/tables";

const [url = "", token = "", path = ""] = process.argv.slice(2);

const destination = SqliteDestination.open({ path, writeMode: "overwrite", batchSize: 1 });
const state = await SqliteStateClient.open({ path, sourceName: "launchdarkly" });
let rows = 0;
const stream = new Writable({
  objectMode: true,
  write(message: SyncResponse, _encoding, callback) {
    try {
      if (message.has_migrate_table) destination.migrateTable(message.migrate_table.table);
      if (message.has_insert) {
        destination.insert(message.insert.record);
        destination.flush();
        rows += decodeRecord(message.insert.record).rows.length;
        process.stdout.write(`rows ${rows}\n`);
      }
      callback();
    } catch (error) {
      callback(error instanceof Error ? error : new Error(String(error)));
    }
  },
});
stream.on("error", () => undefined);

const summary = await runSync({
  spec: parseSpec({ access_token: token, base_url: url, batch_size: 7, max_retries: 0 }),
  tables: allTables(),
  stream,
  syncOptions: { tables: ["launchdarkly_auditlog_entries"] },
  logger: silentLogger,
  stateClient: state,
});
await state.close();
destination.close();
process.exitCode = summary.status === "ok" ? 0 : 1;
