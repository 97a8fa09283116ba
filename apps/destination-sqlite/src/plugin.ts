import type { RecordBatch } from "@cloudquery/plugin-sdk-javascript/arrow";
import type {
  Client,
  NewClientFunction,
  Plugin,
  SyncOptions,
} from "@cloudquery/plugin-sdk-javascript/plugin/plugin";
import { once } from "node:events";
import { createRequire } from "node:module";
import { pluginV3 } from "@cloudquery/plugin-pb-javascript";
import { Table as ArrowTable, tableToIPC } from "@cloudquery/plugin-sdk-javascript/arrow";
import { newPlugin } from "@cloudquery/plugin-sdk-javascript/plugin/plugin";

import type { WriteMessage } from "@cq-launchdarkly/destination-sqlite";
import { SqliteDestination } from "@cq-launchdarkly/destination-sqlite";

import { destinationSpecJsonSchema, parseDestinationSpec } from "./spec.js";
import { writeMessages } from "./write-messages.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
const pb = pluginV3.cloudquery.plugin.v3;

type Logger = Parameters<NewClientFunction>[0];
type ReadStream = Parameters<Client["read"]>[0];
type WriteStream = Parameters<Client["write"]>[0];
type WriteRequest = InstanceType<typeof pb.Write.Request>;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Arrow IPC stream bytes of one record batch, as `Read.Response.record` carries it. */
function recordBytes(batch: RecordBatch): Uint8Array {
  return tableToIPC(new ArrowTable(batch.schema, [batch]), "stream");
}

/**
 * Serves `Read`: the table's rows as Arrow records of the requested schema. The batches are
 * read in one synchronous pass before any is sent, so a `Write` arriving meanwhile never finds
 * the connection busy; a missing table answers no records.
 */
async function serveRead(destination: SqliteDestination, call: ReadStream): Promise<void> {
  const batches = [...destination.read(call.request.table)];
  for (const batch of batches) {
    if (!call.write(new pb.Read.Response({ record: recordBytes(batch) }))) {
      await once(call, "drain");
    }
  }
  call.end();
}

/** Counts what a Write stream changed, for one log line at its end. */
function counted(
  messages: AsyncIterable<WriteMessage>,
  counts: Record<WriteMessage["type"], number>,
) {
  return (async function* () {
    for await (const message of messages) {
      counts[message.type] += 1;
      yield message;
    }
  })();
}

function destinationClient(destination: SqliteDestination, logger: Logger): Client {
  return {
    tables: () =>
      Promise.reject(new Error("The SQLite destination is not a source: it has no tables.")),
    sync({ stream }: SyncOptions) {
      stream.emit("error", new Error("The SQLite destination is not a source: it cannot sync."));
    },
    async write(stream: WriteStream) {
      const counts = { migrate_table: 0, insert: 0, delete_stale: 0 };
      const started = Date.now();
      await destination.write(
        counted(writeMessages(stream as AsyncIterable<WriteRequest>), counts),
      );
      logger.info("write stream done", {
        file: destination.path,
        migrated: counts.migrate_table,
        inserts: counts.insert,
        delete_stale: counts.delete_stale,
        ms: Date.now() - started,
      });
    },
    read(call: ReadStream) {
      serveRead(destination, call).catch((error: unknown) => {
        logger.error("read failed", { error: asError(error).message });
        call.emit("error", asError(error));
      });
    },
    close() {
      try {
        destination.close();
        logger.info("closed", { file: destination.path });
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(asError(error));
      }
    },
  };
}

/** A client for `package`/docs calls (`no_connection`): it opens no database. */
function unconnectedClient(): Client {
  const notConnected = () =>
    new Error("The SQLite destination was initialised with no_connection; Init it with a spec.");
  return {
    tables: () => Promise.resolve([]),
    sync: ({ stream }) => {
      stream.emit("error", notConnected());
    },
    write: () => Promise.reject(notConnected()),
    read: (call) => {
      call.emit("error", notConnected());
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The SQLite destination as a CloudQuery destination plugin (name `sqlite`): `Write` applies
 * migrate_table, insert and delete-stale messages and flushes when the stream ends; `Read`
 * serves tables back as Arrow records, so the plugin also works as a state backend.
 */
export function createSqliteDestinationPlugin(): Plugin {
  let current: SqliteDestination | undefined;
  let client: Client | undefined;

  const newClient: NewClientFunction = (logger, rawSpec, { noConnection }) => {
    try {
      if (noConnection) {
        client = unconnectedClient();
        return Promise.resolve(client);
      }
      const spec = parseDestinationSpec(rawSpec);
      // A second Init replaces the client: close the previous file first (flushing it).
      const previous = current;
      current = undefined;
      client = undefined;
      previous?.close();
      const destination = SqliteDestination.open({
        path: spec.connectionString,
        batchSize: spec.batchSize,
        batchSizeBytes: spec.batchSizeBytes,
        busyTimeoutMs: spec.busyTimeoutMs,
        // The CLI strips primary keys for append and sends delete-stale only when asked to, so
        // the most complete mode serves every top-level write_mode.
        writeMode: "overwrite-delete-stale",
        migrateMode: "safe",
      });
      current = destination;
      client = destinationClient(destination, logger);
      logger.info("opened", { file: destination.path });
      return Promise.resolve(client);
    } catch (error) {
      return Promise.reject(asError(error));
    }
  };

  const plugin = newPlugin("sqlite", version, newClient, {
    team: "cq-launchdarkly",
    kind: "destination",
    jsonSchema: JSON.stringify(destinationSpecJsonSchema),
  });
  // Before Init the SDK returns an error object from Read and Sync that nobody sends, so the
  // call would hang: answer with an error status instead.
  const notInitialised = () =>
    new Error("The SQLite destination is not initialised: call Init with a spec first.");
  plugin.read = (call) => {
    if (client) client.read(call);
    else call.emit("error", notInitialised());
  };
  plugin.sync = (options) => {
    if (client) client.sync(options);
    else options.stream.emit("error", notInitialised());
  };
  return plugin;
}
