import { Writable } from "node:stream";
import { decodeRecord } from "@cloudquery/plugin-sdk-javascript/schema/table";

import type { SyncResponse } from "@cq-launchdarkly/core";
import type { SqliteDestination } from "@cq-launchdarkly/destination-sqlite";

/** A Writable that applies a sync's messages to the SQLite destination, and what went wrong. */
export interface SqliteSink {
  /** The object-mode stream to hand to `runSync`. */
  readonly stream: Writable;
  /** The first error the destination threw, if any (the sync stops on it). */
  readonly failure: Error | undefined;
}

/**
 * The CLI's side of CloudQuery's Sync -> Write relay, in process: `migrate_table` migrates the
 * table, `insert` writes the record (the destination adds `_cq_source_name`/`_cq_sync_time`, as
 * the CloudQuery CLI does). Messages are applied synchronously, so once `runSync` has handed a
 * message over it is in the destination (buffered rows included).
 */
export function createSqliteSink(destination: SqliteDestination): SqliteSink {
  let failure: Error | undefined;
  const stream = new Writable({
    objectMode: true,
    write(message: SyncResponse, _encoding, callback) {
      try {
        if (message.message === "migrate_table") {
          destination.migrateTable(message.migrate_table.table);
        } else if (message.message === "insert") {
          const [, batches] = decodeRecord(message.insert.record);
          for (const batch of batches) destination.insert(batch);
        }
        callback();
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
        callback(failure);
      }
    },
  });
  // runSync reports failures by emitting 'error' on its stream; the summary carries them too.
  stream.on("error", () => undefined);
  return {
    stream,
    get failure() {
      return failure;
    },
  };
}
