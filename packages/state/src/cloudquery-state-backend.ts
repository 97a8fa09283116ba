import type { ServiceError } from "@grpc/grpc-js";
import { discovery1, pluginV3 } from "@cloudquery/plugin-pb-javascript";
import { decodeRecord, encodeTable } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { credentials, status } from "@grpc/grpc-js";

import type { StateClient } from "./state-client.js";
import { StateBackendError } from "./state-backend-error.js";
import { encodeStateRows, stateRowsOf, stateTable } from "./state-table.js";

const pb = pluginV3.cloudquery.plugin.v3;
const discovery = discovery1.cloudquery.discovery.v1;

/** The plugin protocol version this client speaks (CloudQuery Go SDK `state/client.go`). */
const PROTOCOL_VERSION = 3;
/** Default max gRPC message size, both ways, as the Go SDK (`defaultMaxMsgSizeInBytes`). */
const DEFAULT_MAX_MESSAGE_BYTES = 100 * 1024 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_CALL_TIMEOUT_MS = 300_000;

/** Where and how to reach a CloudQuery state backend (a destination plugin serving protocol v3). */
export interface CloudQueryStateBackendOptions {
  /** gRPC target of the backend: `host:port` or `unix:///path.sock` (`backend_options.connection`). */
  connection: string;
  /** Table holding the key/value rows in the backend (`backend_options.table_name`). */
  tableName: string;
  /** How long to wait for the backend to answer the discovery handshake; default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Deadline of each later call (create table, read, flush); default 300 000 ms. */
  callTimeoutMs?: number;
  /** Max gRPC message size in both directions; default 100 MiB, as CloudQuery's Go SDK. */
  maxMessageBytes?: number;
}

/**
 * Connects to the CloudQuery state backend as the Go SDK does (protocol v3): checks discovery
 * versions, creates `<tableName>(key, value)` with a `migrate_table` write and reads every row.
 * `flush()` writes the keys set since the last flush as one `insert`; `close()` closes the channel.
 * @throws StateBackendError naming the backend and what to check when any step fails.
 * @see https://github.com/cloudquery/plugin-sdk/blob/main/internal/clients/state/v3/state.go
 */
export async function connectCloudQueryStateBackend(
  options: CloudQueryStateBackendOptions,
): Promise<StateClient> {
  const { connection, tableName } = options;
  if (!connection) {
    throw new StateBackendError("config", "The state backend connection is empty.");
  }
  if (!tableName) {
    throw new StateBackendError("config", "The state backend table name is empty.");
  }
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const where = `the state backend at "${connection}" (backend_options.connection)`;
  const inTable = `state table "${tableName}" in ${where}`;

  const plugin = new pb.PluginClient(connection, credentials.createInsecure(), {
    "grpc.max_receive_message_length": maxMessageBytes,
    "grpc.max_send_message_length": maxMessageBytes,
  });
  const discoveryClient = new discovery.DiscoveryClient(connection, credentials.createInsecure(), {
    channelOverride: plugin.getChannel(),
  });
  const callOptions = () => ({ deadline: Date.now() + callTimeoutMs });

  const table = stateTable(tableName);
  const tableBytes = encodeTable(table);
  const values = new Map<string, string>();
  const dirty = new Set<string>();

  try {
    const versions = await new Promise<number[]>((resolve, reject) => {
      discoveryClient.GetVersions(
        new discovery.GetVersions.Request(),
        { deadline: Date.now() + connectTimeoutMs },
        (error, response) => {
          if (error) reject(error);
          else resolve(response?.versions ?? []);
        },
      );
    }).catch((error: unknown) => {
      const detail =
        isServiceError(error) && error.code === status.DEADLINE_EXCEEDED
          ? `no answer within ${connectTimeoutMs} ms`
          : describe(error);
      throw new StateBackendError(
        "unreachable",
        `Cannot reach ${where}: ${detail}. Is the destination plugin used as state backend ` +
          `running and listening there?`,
        { cause: error },
      );
    });
    if (!versions.includes(PROTOCOL_VERSION)) {
      throw new StateBackendError(
        "protocol",
        `${capitalize(where)} speaks plugin protocol versions [${versions.join(", ")}], but the ` +
          `state client needs version ${PROTOCOL_VERSION}: upgrade the destination plugin used ` +
          `as state backend.`,
      );
    }

    await write(
      plugin,
      [
        new pb.Write.Request({
          migrate_table: new pb.Write.MessageMigrateTable({ table: tableBytes }),
        }),
      ],
      callOptions(),
    ).catch((error: unknown) => {
      throw new StateBackendError(
        "migrate",
        `Cannot create the ${inTable}: ${describe(error)}. Check that the destination accepts ` +
          `the table and that its spec (e.g. migrate mode) allows it.`,
        { cause: error },
      );
    });

    await new Promise<void>((resolve, reject) => {
      const call = plugin.Read(new pb.Read.Request({ table: tableBytes }), callOptions());
      call.on("data", (response: InstanceType<typeof pb.Read.Response>) => {
        try {
          const [, batches] = decodeRecord(response.record);
          for (const [key, value] of stateRowsOf(batches)) {
            if (value === undefined) values.delete(key);
            else values.set(key, value);
          }
        } catch (error) {
          call.cancel();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      call.on("error", reject);
      call.on("end", () => {
        resolve();
      });
    }).catch((error: unknown) => {
      throw new StateBackendError(
        "read",
        `Cannot read the ${inTable}: ${describe(error)}. Check that the destination supports ` +
          `reading tables (CloudQuery state backends need Read).`,
        { cause: error },
      );
    });
  } catch (error) {
    plugin.close();
    throw error;
  }

  let closed = false;
  let flushing = Promise.resolve();
  const rejectIfClosed = (operation: string): Promise<never> | undefined =>
    closed
      ? Promise.reject(
          new StateBackendError(
            "closed",
            `Cannot ${operation} after close() of the state client for the ${inTable}: ` +
              `flush before closing.`,
          ),
        )
      : undefined;

  const flushDirty = async (): Promise<void> => {
    if (dirty.size === 0) return;
    const rows = [...dirty].map((key): [string, string] => [key, values.get(key) ?? ""]);
    dirty.clear();
    try {
      const record = encodeStateRows(table, rows);
      await write(
        plugin,
        [new pb.Write.Request({ insert: new pb.Write.MessageInsert({ record }) })],
        callOptions(),
      );
    } catch (error) {
      for (const [key] of rows) dirty.add(key);
      throw new StateBackendError(
        "write",
        `Cannot save ${rows.length} state key(s) to the ${inTable}: ${describe(error)}. ` +
          `The previous cursor stays in place, so the next sync repeats this one's work.`,
        { cause: error },
      );
    }
  };

  return {
    location: inTable,
    getKey(key) {
      return rejectIfClosed("getKey") ?? Promise.resolve(values.get(key));
    },
    setKey(key, value) {
      const rejected = rejectIfClosed("setKey");
      if (rejected) return rejected;
      if (values.get(key) !== value) {
        values.set(key, value);
        dirty.add(key);
      }
      return Promise.resolve();
    },
    flush() {
      const rejected = rejectIfClosed("flush");
      if (rejected) return rejected;
      // Serialized: two writes in flight could reach the backend in either order.
      const next = flushing.then(flushDirty);
      flushing = next.catch(() => undefined);
      return next;
    },
    async close() {
      if (closed) return;
      closed = true;
      await flushing;
      plugin.close();
    },
  };
}

/** Sends `requests` on one client-streaming `Write` call and waits for the backend's answer. */
function write(
  plugin: InstanceType<typeof pb.PluginClient>,
  requests: InstanceType<typeof pb.Write.Request>[],
  options: { deadline: number },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = plugin.Write(options, (error) => {
      if (error) reject(error);
      else resolve();
    });
    for (const request of requests) call.write(request);
    call.end();
  });
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === "number";
}

/** A gRPC failure as `STATUS_NAME: details`, anything else by its message. */
function describe(error: unknown): string {
  if (isServiceError(error)) {
    const name = (status as Record<number, string | undefined>)[error.code] ?? String(error.code);
    // grpc-js appends an empty "Resolution note: ." to connection failures.
    const details = (error.details || error.message).replace(/\.?\s*Resolution note: \.?$/, "");
    return `${name}: ${details}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
