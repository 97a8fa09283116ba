import type { RecordBatch } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import type {
  sendUnaryData,
  ServerReadableStream,
  ServerUnaryCall,
  ServerWritableStream,
} from "@grpc/grpc-js";
import { discovery1, pluginV3 } from "@cloudquery/plugin-pb-javascript";
import {
  RecordBatch as ArrowRecordBatch,
  Table as ArrowTable,
  tableToIPC,
  vectorFromArray,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import {
  decodeRecord,
  decodeTable,
  getPrimaryKeys,
  toArrowSchema,
} from "@cloudquery/plugin-sdk-javascript/schema/table";
import { Server, ServerCredentials, status } from "@grpc/grpc-js";

const pb = pluginV3.cloudquery.plugin.v3;
const discovery = discovery1.cloudquery.discovery.v1;

type WriteRequest = InstanceType<typeof pb.Write.Request>;
type WriteResponse = InstanceType<typeof pb.Write.Response>;
type ReadRequest = InstanceType<typeof pb.Read.Request>;
type ReadResponse = InstanceType<typeof pb.Read.Response>;
type VersionsRequest = InstanceType<typeof discovery.GetVersions.Request>;
type VersionsResponse = InstanceType<typeof discovery.GetVersions.Response>;

/** A row by column name. */
export type Row = Record<string, unknown>;

/** One table of the fake destination: its last migrated definition and its rows. */
export interface StoredTable {
  table: Table;
  /** Overwrite mode: keyed by primary key; append mode: keyed by arrival number. */
  rows: Map<string, Row>;
}

/** The destination's data, kept outside the server so it survives a restart. */
export type TableStore = Map<string, StoredTable>;

/** Every call the destination received, for assertions on what went over the wire. */
export interface CallLog {
  versions: number;
  /** One entry per `Write` call: the requests of that stream, in order. */
  writes: WriteRequest[][];
  /** One entry per `Read` call: the requested table. */
  reads: Table[];
}

/** How to run the fake destination. */
export interface StateDestinationOptions {
  /** `127.0.0.1:0` (a free port), `127.0.0.1:<port>` or `unix:///path.sock`. */
  address?: string;
  /** Data from an earlier run; a new empty store by default. */
  store?: TableStore;
  /** `overwrite` upserts on primary keys (default); `append` keeps every row, like append mode. */
  mode?: "overwrite" | "append";
  /** Protocol versions answered by discovery; default `[3]`. */
  versions?: number[];
  /** Rows per `Read` response message; default 1000. */
  rowsPerRecord?: number;
  /** Sees every `Read` request; throw to fail the call. */
  onRead?: (table: Table) => void;
  /** Sees every `Write` request before it is applied; throw to fail the call. */
  onWrite?: (request: WriteRequest) => void;
}

/** A running fake destination. */
export interface StateDestination {
  /** What to pass as `backend_options.connection`. */
  connection: string;
  store: TableStore;
  calls: CallLog;
  /** The stored rows of `tableName`, in storage order. */
  rows(tableName: string): Row[];
  /** Stops the server at once, dropping connections (as a killed process). */
  stop(): Promise<void>;
}

/**
 * A minimal CloudQuery destination for tests: plugin protocol v3 `Write` (migrate_table, insert)
 * and `Read` over an in-memory table store, plus discovery `GetVersions`, served by grpc-js.
 */
export async function startStateDestination(
  options: StateDestinationOptions = {},
): Promise<StateDestination> {
  const address = options.address ?? "127.0.0.1:0";
  const store: TableStore = options.store ?? new Map<string, StoredTable>();
  const mode = options.mode ?? "overwrite";
  const rowsPerRecord = options.rowsPerRecord ?? 1000;
  const calls: CallLog = { versions: 0, writes: [], reads: [] };
  let arrivals = 0;

  const applyWrite = (request: WriteRequest): void => {
    options.onWrite?.(request);
    switch (request.message) {
      case "migrate_table": {
        const table = decodeTable(request.migrate_table.table);
        const existing = store.get(table.name);
        store.set(table.name, { table, rows: existing?.rows ?? new Map<string, Row>() });
        return;
      }
      case "insert": {
        const [tableName, batches] = decodeRecord(request.insert.record);
        const stored = store.get(tableName);
        if (!stored) throw new Error(`table "${tableName}" was not migrated`);
        const pks = getPrimaryKeys(stored.table);
        for (const row of rowsOf(batches)) {
          const id =
            mode === "append" || pks.length === 0
              ? `#${arrivals++}`
              : JSON.stringify(pks.map((pk) => row[pk]));
          stored.rows.set(id, row);
        }
        return;
      }
      default:
        throw new Error(`unsupported write message "${request.message}"`);
    }
  };

  const server = new Server();
  server.addService(discovery.UnimplementedDiscoveryService.definition, {
    GetVersions(
      _call: ServerUnaryCall<VersionsRequest, VersionsResponse>,
      callback: sendUnaryData<VersionsResponse>,
    ) {
      calls.versions++;
      callback(null, new discovery.GetVersions.Response({ versions: options.versions ?? [3] }));
    },
  });
  server.addService(pb.UnimplementedPluginService.definition, {
    Write(
      call: ServerReadableStream<WriteRequest, WriteResponse>,
      callback: sendUnaryData<WriteResponse>,
    ) {
      const requests: WriteRequest[] = [];
      calls.writes.push(requests);
      call.on("data", (request: WriteRequest) => {
        requests.push(request);
      });
      call.on("end", () => {
        try {
          for (const request of requests) applyWrite(request);
          callback(null, new pb.Write.Response());
        } catch (error) {
          callback({ code: status.INTERNAL, details: (error as Error).message });
        }
      });
    },
    Read(call: ServerWritableStream<ReadRequest, ReadResponse>) {
      const table = decodeTable(call.request.table);
      calls.reads.push(table);
      try {
        options.onRead?.(table);
      } catch (error) {
        call.emit("error", { code: status.INTERNAL, details: (error as Error).message });
        return;
      }
      const rows = [...(store.get(table.name)?.rows.values() ?? [])];
      for (let start = 0; start < rows.length; start += rowsPerRecord) {
        const record = encodeRows(table, rows.slice(start, start + rowsPerRecord));
        call.write(new pb.Read.Response({ record }));
      }
      call.end();
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) reject(error);
      else resolve(boundPort);
    });
  });
  const connection = address.startsWith("unix:")
    ? address
    : address.replace(/:\d+$/, `:${String(port)}`);

  return {
    connection,
    store,
    calls,
    rows: (tableName) => [...(store.get(tableName)?.rows.values() ?? [])],
    stop: () => {
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}

function* rowsOf(batches: readonly RecordBatch[]): Generator<Row> {
  for (const batch of batches) {
    for (let index = 0; index < batch.numRows; index++) {
      const row: Row = {};
      for (const field of batch.schema.fields) {
        const value: unknown = batch.getChild(field.name)?.get(index);
        row[field.name] = value;
      }
      yield row;
    }
  }
}

function encodeRows(table: Table, rows: readonly Row[]): Uint8Array {
  const schema = toArrowSchema(table);
  let batch = new ArrowRecordBatch(schema, undefined);
  table.columns.forEach((column, index) => {
    batch = batch.setChildAt(
      index,
      vectorFromArray(
        rows.map((row) => row[column.name] ?? null),
        column.type,
      ),
    );
  });
  return tableToIPC(new ArrowTable(schema, batch));
}
