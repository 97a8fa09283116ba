import type { Data, Field, RecordBatch, Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { ServiceError } from "@grpc/grpc-js";
import { once } from "node:events";
import { pluginV3 } from "@cloudquery/plugin-pb-javascript";
import {
  Field as ArrowField,
  RecordBatch as ArrowRecordBatch,
  Schema as ArrowSchema,
  Table as ArrowTable,
  makeBuilder,
  makeData,
  Struct,
  tableFromIPC,
  tableToIPC,
  TimestampMicrosecond,
  Utf8,
} from "@cloudquery/plugin-sdk-javascript/arrow";

import type { PluginProcess } from "./plugin-process.js";
import { closePlugin, initPlugin } from "./plugin-process.js";

const pb = pluginV3.cloudquery.plugin.v3;
type WriteRequest = InstanceType<typeof pb.Write.Request>;
type SyncResponse = InstanceType<typeof pb.Sync.Response>;
type WriteCall = ReturnType<PluginProcess["client"]["Write"]>;

/** `_cq_sync_time`, added by the CLI to every record (Timestamp µs UTC). */
export const CQ_SYNC_TIME = "_cq_sync_time";
/** `_cq_source_name`, added by the CLI to every record (Utf8). */
export const CQ_SOURCE_NAME = "_cq_source_name";

/** CloudQuery's destination `write_mode`. */
export type CliWriteMode = "overwrite-delete-stale" | "overwrite" | "append";

/** A destination of the sync, with the top-level settings the CLI applies itself. */
export interface CliDestination {
  /** The running destination plugin. */
  plugin: PluginProcess;
  /** Its nested `spec:` block (sent to Init as JSON). */
  spec: unknown;
  /** Default `overwrite-delete-stale`. */
  writeMode?: CliWriteMode;
  /** `forced` sets `migrate_force` on every migrate_table; default `safe`. */
  migrateMode?: "safe" | "forced";
}

/** Options of {@link cloudquerySync}: what a source spec, its destinations and the CLI flags say. */
export interface CloudQuerySyncOptions {
  /** The running source plugin. */
  source: PluginProcess;
  /** The source's `name` (goes into `_cq_source_name`); default `launchdarkly`. */
  sourceName?: string;
  /** The source's nested `spec:` block. */
  sourceSpec: unknown;
  /** `tables`; default `["*"]`. */
  tables?: string[];
  /** `skip_tables`. */
  skipTables?: string[];
  /** `skip_dependent_tables`. */
  skipDependentTables?: boolean;
  /** `deterministic_cq_id`. */
  deterministicCqId?: boolean;
  /** Destinations; each gets Init, one Write stream, delete-stale and Close. */
  destinations: CliDestination[];
  /**
   * `backend_options`: `connection` is the gRPC target (what `@@plugins.<name>.connection`
   * becomes). `plugin` + `spec`: a separate backend process the CLI Inits first, as the real CLI
   * does; leave them out to point at an already initialised destination.
   */
  backend?: { connection: string; tableName: string; plugin?: PluginProcess; spec?: unknown };
  /** The sync time in µs since the epoch; default now (µs precision, as the CLI truncates). */
  syncTimeMicros?: bigint;
  /** Sees every message the source sends, before it is forwarded (chaos tests). */
  onSourceMessage?: (message: SyncResponse, index: number) => void;
}

/** What {@link cloudquerySync} did. */
export interface CloudQuerySyncResult {
  /** The sync time sent as `_cq_sync_time` and in delete-stale, µs since the epoch. */
  syncTimeMicros: bigint;
  /** Tables migrated, in the order the source sent them. */
  migrated: string[];
  /** Rows received from the source (and forwarded to each destination). */
  resources: number;
  /** Rows per table. */
  rowsPerTable: Record<string, number>;
  /** Tables that got a delete-stale message (overwrite-delete-stale destinations). */
  deleteStale: string[];
  /** Migrated tables marked incremental (`cq:extension:incremental=true`). */
  incremental: string[];
}

function nowMicros(): bigint {
  const ms = Date.now();
  const fraction = Math.floor((performance.now() % 1) * 1000);
  return BigInt(ms) * 1000n + BigInt(fraction);
}

function describe(error: unknown): string {
  const service = error as Partial<ServiceError>;
  if (typeof service.code === "number") return service.details ?? service.message ?? "";
  return error instanceof Error ? error.message : String(error);
}

/**
 * The CLI's record transformer (cloudquery `cli/internal/transformer`): prepends `_cq_sync_time`
 * and `_cq_source_name` when the schema lacks them and, for `append`, drops primary keys.
 */
export class RecordTransformer {
  readonly #sourceName: string;
  readonly #syncTimeMicros: bigint;
  readonly #removePrimaryKeys: boolean;

  constructor(options: { sourceName: string; syncTimeMicros: bigint; removePrimaryKeys: boolean }) {
    this.#sourceName = options.sourceName;
    this.#syncTimeMicros = options.syncTimeMicros;
    this.#removePrimaryKeys = options.removePrimaryKeys;
  }

  /** The schema a destination migrates to. */
  transformSchema(schema: Schema): Schema {
    const names = new Set(schema.fields.map((field) => field.name));
    const fields: Field[] = [];
    if (!names.has(CQ_SYNC_TIME)) {
      fields.push(new ArrowField(CQ_SYNC_TIME, new TimestampMicrosecond("UTC"), true));
    }
    if (!names.has(CQ_SOURCE_NAME)) fields.push(new ArrowField(CQ_SOURCE_NAME, new Utf8(), true));
    for (const field of schema.fields) {
      if (!this.#removePrimaryKeys) {
        fields.push(field);
        continue;
      }
      const metadata = new Map(field.metadata);
      metadata.delete("cq:extension:primary_key");
      fields.push(new ArrowField(field.name, field.type, field.nullable, metadata));
    }
    return new ArrowSchema(fields, schema.metadata);
  }

  /** A record with the internal columns filled for every row. */
  transformRecord(batch: RecordBatch): RecordBatch {
    const schema = this.transformSchema(batch.schema);
    const names = new Set(batch.schema.fields.map((field) => field.name));
    const length = batch.numRows;
    const added: Data[] = [];
    if (!names.has(CQ_SYNC_TIME)) {
      added.push(
        makeData({
          type: new TimestampMicrosecond("UTC"),
          length,
          nullCount: 0,
          data: new BigInt64Array(length).fill(this.#syncTimeMicros),
        }),
      );
    }
    if (!names.has(CQ_SOURCE_NAME)) {
      const builder = makeBuilder({ type: new Utf8() });
      for (let row = 0; row < length; row++) builder.append(this.#sourceName);
      added.push(builder.finish().flush() as Data);
    }
    const data = makeData({
      type: new Struct(schema.fields),
      length,
      nullCount: 0,
      children: [...added, ...batch.data.children],
    });
    return new ArrowRecordBatch(schema, data);
  }
}

/** Writes with the CLI's flow control: waits for `drain` when the stream's buffer is full. */
async function send(call: WriteCall, request: WriteRequest, failed: Promise<never>): Promise<void> {
  if (!call.write(request)) await Promise.race([once(call, "drain"), failed]);
}

interface OpenDestination {
  destination: CliDestination;
  call: WriteCall;
  transformer: RecordTransformer;
  /** Settles when the destination answers the Write stream. */
  response: Promise<void>;
  /** Rejects as soon as the Write stream fails. */
  failed: Promise<never>;
}

/**
 * Does what `cloudquery sync` does for one source (protocol v3, cloudquery `cli/cmd/sync_v3.go`):
 * Init every destination (and a separate backend), Init the source, open one Write stream per
 * destination, Sync with `backend_options`, forward each `migrate_table` (with `migrate_force`)
 * and each `insert` (with `_cq_source_name` and `_cq_sync_time` added; primary keys stripped
 * for `append`), then, after EOF, send delete-stale per table (except incremental tables when a
 * backend is configured) to `overwrite-delete-stale` destinations, close each Write stream and
 * `Close` each destination. The source is not closed, as the CLI leaves that to process exit.
 * @throws Error naming the plugin and step that failed.
 */
export async function cloudquerySync(
  options: CloudQuerySyncOptions,
): Promise<CloudQuerySyncResult> {
  const sourceName = options.sourceName ?? "launchdarkly";
  const syncTimeMicros = options.syncTimeMicros ?? nowMicros();
  const backendEnabled = Boolean(options.backend?.tableName);

  for (const { plugin, spec } of options.destinations) {
    await initPlugin(plugin, spec).catch((error: unknown) => {
      throw new Error(`failed to init destination ${plugin.name}: ${describe(error)}`);
    });
  }
  if (options.backend?.plugin) {
    const { plugin, spec } = options.backend;
    await initPlugin(plugin, spec).catch((error: unknown) => {
      throw new Error(`failed to init backend ${plugin.name}: ${describe(error)}`);
    });
  }
  await initPlugin(options.source, options.sourceSpec).catch((error: unknown) => {
    throw new Error(`failed to init source ${options.source.name}: ${describe(error)}`);
  });

  const open: OpenDestination[] = options.destinations.map((destination) => {
    let fail: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    failed.catch(() => undefined);
    let call: WriteCall | undefined;
    const response = new Promise<void>((resolve, reject) => {
      call = destination.plugin.client.Write((error) => {
        if (error) {
          const wrapped = new Error(
            `destination ${destination.plugin.name} failed the write: ${describe(error)}`,
          );
          fail(wrapped);
          reject(wrapped);
        } else resolve();
      });
    });
    response.catch(() => undefined);
    return {
      destination,
      call: call as unknown as WriteCall,
      response,
      failed,
      transformer: new RecordTransformer({
        sourceName,
        syncTimeMicros,
        removePrimaryKeys: destination.writeMode === "append",
      }),
    };
  });

  const syncCall = options.source.client.Sync(
    new pb.Sync.Request({
      tables: options.tables ?? ["*"],
      skip_tables: options.skipTables ?? [],
      skip_dependent_tables: options.skipDependentTables ?? false,
      deterministic_cq_id: options.deterministicCqId ?? false,
      ...(options.backend
        ? {
            backend: new pb.Sync.BackendOptions({
              table_name: options.backend.tableName,
              connection: options.backend.connection,
            }),
          }
        : {}),
    }),
  );

  const migrated: string[] = [];
  const incremental: string[] = [];
  const forDeleteStale = new Set<string>();
  const rowsPerTable: Record<string, number> = {};
  let resources = 0;
  let index = 0;
  try {
    for await (const message of syncCall as AsyncIterable<SyncResponse>) {
      options.onSourceMessage?.(message, index++);
      if (message.has_migrate_table) {
        const schema = tableFromIPC(message.migrate_table.table).schema;
        const name = schema.metadata.get("cq:table_name") ?? "";
        migrated.push(name);
        const isIncremental = schema.metadata.get("cq:extension:incremental") === "true";
        if (isIncremental) incremental.push(name);
        if (!backendEnabled || !isIncremental) forDeleteStale.add(name);
        for (const target of open) {
          const table = tableToIPC(new ArrowTable(target.transformer.transformSchema(schema)));
          await send(
            target.call,
            new pb.Write.Request({
              migrate_table: new pb.Write.MessageMigrateTable({
                table,
                migrate_force: target.destination.migrateMode === "forced",
              }),
            }),
            target.failed,
          );
        }
      } else if (message.has_insert) {
        const table = tableFromIPC(message.insert.record);
        const name = table.schema.metadata.get("cq:table_name") ?? "";
        resources += table.numRows;
        rowsPerTable[name] = (rowsPerTable[name] ?? 0) + table.numRows;
        for (const target of open) {
          const batches = table.batches.map((batch) => target.transformer.transformRecord(batch));
          const first = batches[0];
          const record = tableToIPC(
            new ArrowTable(
              first ? first.schema : target.transformer.transformSchema(table.schema),
              batches,
            ),
            "stream",
          );
          await send(
            target.call,
            new pb.Write.Request({ insert: new pb.Write.MessageInsert({ record }) }),
            target.failed,
          );
        }
      } else {
        throw new Error(`unsupported message "${message.message}" from the source`);
      }
    }
  } catch (error) {
    for (const target of open) target.call.cancel();
    throw new Error(`sync of source ${options.source.name} failed: ${describe(error)}`, {
      cause: error,
    });
  }

  const deleteStale: string[] = [];
  const seconds = syncTimeMicros / 1_000_000n;
  const nanos = Number(syncTimeMicros % 1_000_000n) * 1000;
  for (const target of open) {
    if ((target.destination.writeMode ?? "overwrite-delete-stale") === "overwrite-delete-stale") {
      for (const tableName of forDeleteStale) {
        await send(
          target.call,
          new pb.Write.Request({
            delete: pb.Write.MessageDeleteStale.fromObject({
              source_name: sourceName,
              table_name: tableName,
              sync_time: { seconds: Number(seconds), nanos },
            }),
          }),
          target.failed,
        );
        if (!deleteStale.includes(tableName)) deleteStale.push(tableName);
      }
    }
    target.call.end();
    await target.response;
    await closePlugin(target.destination.plugin).catch((error: unknown) => {
      throw new Error(
        `failed to close destination ${target.destination.plugin.name}: ${describe(error)}`,
      );
    });
  }
  return { syncTimeMicros, migrated, resources, rowsPerTable, deleteStale, incremental };
}
