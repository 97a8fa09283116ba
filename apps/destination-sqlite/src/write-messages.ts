import type { pluginV3 } from "@cloudquery/plugin-pb-javascript";

import type { WriteMessage } from "@cq-launchdarkly/destination-sqlite";

type WriteRequest = InstanceType<typeof pluginV3.cloudquery.plugin.v3.Write.Request>;
type Timestamp = WriteRequest["delete"]["sync_time"];

/** A protobuf `Timestamp` (seconds + nanos) as microseconds since the epoch, nanos floored. */
export function timestampMicros(timestamp: Timestamp): bigint {
  return BigInt(timestamp.seconds) * 1_000_000n + BigInt(Math.floor(timestamp.nanos / 1000));
}

/**
 * The destination's message for one `Write` request of CloudQuery's plugin protocol v3.
 * @throws Error for `delete_record` (not supported) and for requests without a message.
 */
export function writeMessageOf(request: WriteRequest): WriteMessage {
  switch (request.message) {
    case "migrate_table":
      return {
        type: "migrate_table",
        table: request.migrate_table.table,
        migrateForce: request.migrate_table.migrate_force,
      };
    case "insert":
      return { type: "insert", record: request.insert.record };
    case "delete": {
      const message = request.delete;
      if (!message.has_sync_time) {
        throw new Error(
          `delete-stale for table "${message.table_name}" has no sync_time; the SQLite destination ` +
            `needs it to tell stale rows from this sync's.`,
        );
      }
      return {
        type: "delete_stale",
        tableName: message.table_name,
        sourceName: message.source_name,
        syncTime: timestampMicros(message.sync_time),
      };
    }
    case "delete_record":
      throw new Error(
        `The SQLite destination does not support delete_record messages (table ` +
          `"${request.delete_record.table_name}"); use a source that deletes through delete-stale.`,
      );
    default:
      throw new Error("Received a Write request without a message.");
  }
}

/** Maps a gRPC `Write` stream to destination messages, in order. */
export async function* writeMessages(
  requests: AsyncIterable<WriteRequest>,
): AsyncGenerator<WriteMessage> {
  for await (const request of requests) yield writeMessageOf(request);
}
