import type { Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { setMaxListeners } from "node:events";
import { encodeTable } from "@cloudquery/plugin-sdk-javascript/schema/table";

import { isLaunchDarklyApiError } from "@cq-launchdarkly/api";

import type { Logger } from "../logger.js";
import type {
  AnyTableDefinition,
  ParentResource,
  ResolverContext,
} from "../model/table-definition.js";
import type { SyncOutput } from "./sync-stream.js";
import type { SyncStatus, SyncSummary, TableSummary } from "./sync-summary.js";
import { approximateBytes, toArrowValue, uuidBytes, uuidString } from "../model/column-type.js";
import { cqId } from "../model/cq-id.js";
import { arrowSchemaOf, createTablesForSdk } from "../model/sdk-tables.js";
import { PriorityLimiter } from "./limiter.js";
import { RecordBatcher } from "./record-batcher.js";
import { insertMessage, migrateTableMessage, StreamWriter } from "./sync-stream.js";
import { attributeTo, emptyTableSummary, totalOf } from "./sync-summary.js";
import { flattenTables } from "./table-selection.js";

/** Options of `runEngine`. */
export interface EngineOptions {
  /** The selected table tree (see `selectTables`). */
  tables: readonly AnyTableDefinition[];
  /** What resolvers get, minus `table` and `signal` (set by the engine). */
  context: Omit<ResolverContext, "table" | "signal">;
  /** Where `migrate_table` and `insert` messages go. Not ended by the engine. */
  stream: SyncOutput;
  /** `_cq_id` as UUIDv5 of the primary key instead of random. */
  deterministicCqId?: boolean;
  /** Maximum concurrent resolver `next()` calls (API work), shared by all tables. */
  concurrency: number;
  /** Rows per record batch. */
  batchSize: number;
  /** Approximate bytes per record batch. */
  batchSizeBytes: number;
  /** A table's buffered rows are sent at least this often, in ms. Default 1000. */
  flushIntervalMs?: number;
  /** Ends the sync early; what was sent stays sent. */
  signal?: AbortSignal;
  /** Logger; defaults to `context.logger`. */
  logger?: Logger;
  /** Called with the limiter after the sync, e.g. to read its peak (tests, benchmarks). */
  onLimiter?: (limiter: PriorityLimiter) => void;
}

/** An error that ends the whole sync at once (401, stream gone). */
export class FatalSyncError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "FatalSyncError";
  }
}

interface TableRun {
  definition: AnyTableDefinition;
  schema: Schema;
  sdkTable: Table;
  batcher: RecordBatcher;
  summary: TableSummary;
  primaryKeys: {
    name: string;
    index: number;
    type: AnyTableDefinition["columns"][number]["type"];
  }[];
  forbiddenReported: boolean;
  loggedErrors: number;
}

interface Row {
  values: unknown[];
  bytes: number;
  resource: ParentResource;
}

/** Per-task bound on child tasks in flight: a parent pulls its next page only below it. */
class ChildTracker {
  active = 0;
  private waiters: (() => void)[] = [];

  started(): void {
    this.active += 1;
  }

  finished(): void {
    this.active -= 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async below(limit: number): Promise<void> {
    while (this.active >= limit) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

const MAX_LOGGED_ROW_ERRORS = 10;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeResource(parent: ParentResource | undefined): string {
  if (!parent) return "(top level)";
  const keys = Object.entries(parent.row)
    .filter(
      ([name, value]) =>
        (name === "key" || name.endsWith("_key") || name === "id") && value != null,
    )
    .map(([name, value]) => `${name}=${String(value)}`);
  return `${parent.table} ${keys.length > 0 ? keys.join(" ") : `_cq_id=${parent.cqId}`}`;
}

function pkText(type: string, value: unknown): string {
  if (type === "timestamp") return new Date(value as number).toISOString();
  if (type === "uuid") return uuidString(value as Uint8Array);
  if (type === "json") return new TextDecoder().decode(value as Uint8Array);
  if (type === "list<utf8>") return `[${(value as unknown[]).map(String).join(", ")}]`;
  return String(value);
}

/**
 * The streaming sync engine (replaces the SDK scheduler for Sync). Writes one `migrate_table`
 * per selected table, then streams rows as multi-row Arrow record batches while resolvers page.
 * All API work of all tables (parents and children) shares one limiter of `concurrency` slots:
 * a slot is held for one resolver `next()` call. Per-resource failures are logged and counted
 * and the sync goes on; a 403 is one warning per table; a 401 or a dead stream is fatal.
 * Never rejects; never ends the stream (the caller flushes state first, then ends it).
 */
export async function runEngine(options: EngineOptions): Promise<SyncSummary> {
  const started = Date.now();
  const logger = options.logger ?? options.context.logger;
  const controller = new AbortController();
  const signal = controller.signal;
  // Every task waiting for the limiter and every request in flight listens to this signal, and
  // they are many by design (up to 2 x concurrency child tasks per parent): not a leak.
  setMaxListeners(0, signal);
  let status: SyncStatus = "ok";
  let finalError: Error | undefined;

  const fatal = (error: Error) => {
    if (status === "ok") {
      status = "failed";
      finalError = error;
      logger.error(`sync failed: ${error.message}`);
    }
    controller.abort(error);
  };
  const onExternalAbort = () => {
    if (status === "ok") {
      status = "aborted";
      const reason: unknown = options.signal?.reason;
      finalError = reason instanceof Error ? reason : new Error("sync aborted");
      logger.warn(
        "sync aborted: sending the rows resolved so far, incremental state is not advanced",
      );
    }
    controller.abort(finalError);
  };
  if (options.signal?.aborted) onExternalAbort();
  else options.signal?.addEventListener("abort", onExternalAbort, { once: true });

  const writer = new StreamWriter(options.stream, signal, (error) =>
    fatal(
      new FatalSyncError(`cannot write to the sync stream: ${error.message}`, { cause: error }),
    ),
  );
  const limiter = new PriorityLimiter(Math.max(1, options.concurrency));
  const maxChildren = Math.max(2, options.concurrency * 2);
  const deterministic = options.deterministicCqId ?? false;

  // One SDK table per selected definition, with parents set, for schemas and migrate messages.
  const sdkByName = new Map<string, Table>();
  const indexSdk = (tables: Table[], parent: Table | null) => {
    for (const table of tables) {
      table.parent = parent;
      sdkByName.set(table.name, table);
      indexSdk(table.relations, table);
    }
  };
  indexSdk(createTablesForSdk(options.tables), null);

  const runs = new Map<AnyTableDefinition, TableRun>();
  for (const { table: definition } of flattenTables(options.tables)) {
    const sdkTable = sdkByName.get(definition.name);
    if (!sdkTable) continue;
    const schema = arrowSchemaOf(sdkTable);
    const summary = emptyTableSummary(definition.name);
    const run: TableRun = {
      definition,
      schema,
      sdkTable,
      summary,
      forbiddenReported: false,
      loggedErrors: 0,
      primaryKeys: definition.columns
        .map((column, index) => ({
          name: column.name,
          index: index + 2,
          type: column.type,
          pk: column.primaryKey,
        }))
        .filter((column) => column.pk === true)
        .map(({ name, index, type }) => ({ name, index, type })),
      batcher: new RecordBatcher(
        schema,
        { rows: Math.max(1, options.batchSize), bytes: Math.max(1, options.batchSizeBytes) },
        async (record, rows) => {
          await writer.write(insertMessage(record));
          summary.rows += rows;
          summary.batches += 1;
        },
      ),
    };
    runs.set(definition, run);
  }

  const rowError = (run: TableRun, message: string, fields: Record<string, unknown>) => {
    run.summary.errors += 1;
    run.loggedErrors += 1;
    if (run.loggedErrors <= MAX_LOGGED_ROW_ERRORS) {
      logger.error(`${run.definition.name}: ${message}`, { table: run.definition.name, ...fields });
    } else {
      logger.debug(`${run.definition.name}: ${message}`, { table: run.definition.name, ...fields });
    }
  };

  const handleResolveError = (
    run: TableRun,
    parent: ParentResource | undefined,
    error: unknown,
  ) => {
    if (signal.aborted) {
      logger.debug(`${run.definition.name}: stopped: ${errorMessage(error)}`);
      return;
    }
    const resource = describeResource(parent);
    if (isLaunchDarklyApiError(error) && error.status === 401) {
      fatal(
        new FatalSyncError(
          `LaunchDarkly rejected the access token (401 Unauthorized) while syncing ${run.definition.name}: ${error.message}`,
          { cause: error },
        ),
      );
      return;
    }
    if (isLaunchDarklyApiError(error) && error.status === 403) {
      if (run.forbiddenReported) {
        logger.debug(`${run.definition.name}: 403 for ${resource}`);
        return;
      }
      run.forbiddenReported = true;
      run.summary.warnings += 1;
      const permission =
        run.definition.requiredPermission ?? `a role that can read ${run.definition.name}`;
      logger.warn(
        `${run.definition.name}: skipped, the access token may not read it (403 Forbidden on ${error.method} ${error.path}); it needs ${permission}`,
        { table: run.definition.name, resource, status: 403, path: error.path, permission },
      );
      return;
    }
    const fields: Record<string, unknown> = { resource };
    if (isLaunchDarklyApiError(error)) {
      Object.assign(fields, { status: error.status, path: error.path, requestId: error.requestId });
    }
    rowError(run, `failed to resolve for ${resource}: ${errorMessage(error)}`, fields);
  };

  const buildRow = (
    run: TableRun,
    item: unknown,
    parent: ParentResource | undefined,
  ): Row | undefined => {
    const { definition } = run;
    const values = new Array<unknown>(definition.columns.length + 2);
    const raw: Record<string, unknown> = {};
    let bytes = 0;
    let column: (typeof definition.columns)[number] | undefined;
    try {
      values[1] = parent ? uuidBytes(parent.cqId) : null;
      for (let index = 0; index < definition.columns.length; index++) {
        column = definition.columns[index];
        if (!column) continue;
        const value = column.resolve(item, parent);
        raw[column.name] = value;
        const converted = toArrowValue(column.type, value);
        values[index + 2] = converted;
        bytes += approximateBytes(converted);
      }
    } catch (error) {
      rowError(
        run,
        `dropped a row of ${describeResource(parent)}: column ${column?.name ?? "?"}: ${errorMessage(error)}`,
        {
          column: column?.name,
        },
      );
      return undefined;
    }
    const keyText = new Map<string, string>();
    const missing: string[] = [];
    for (const pk of run.primaryKeys) {
      const value = values[pk.index];
      if (value === null || value === undefined) missing.push(pk.name);
      else keyText.set(pk.name, pkText(pk.type, value));
    }
    if (missing.length > 0) {
      rowError(
        run,
        `dropped a row of ${describeResource(parent)}: missing primary key(s) ${missing.join(", ")}`,
        {},
      );
      return undefined;
    }
    const id = cqId(deterministic, keyText);
    values[0] = uuidBytes(id);
    bytes += 32;
    return {
      values,
      bytes,
      resource: { table: definition.name, item, row: raw, cqId: id, ...(parent ? { parent } : {}) },
    };
  };

  const tasks = new Set<Promise<void>>();
  const spawn = (
    definition: AnyTableDefinition,
    parent: ParentResource | undefined,
    depth: number,
    tracker?: ChildTracker,
  ) => {
    const run = runs.get(definition);
    if (!run) return;
    tracker?.started();
    const task = runTable(run, parent, depth)
      .catch((error: unknown) => handleResolveError(run, parent, error))
      .finally(() => {
        tasks.delete(task);
        tracker?.finished();
      });
    tasks.add(task);
  };

  const runTable = async (
    run: TableRun,
    parent: ParentResource | undefined,
    depth: number,
  ): Promise<void> => {
    const { definition } = run;
    const ctx: ResolverContext = { ...options.context, table: definition.name, signal };
    const children = (definition.children ?? []).filter((child) => runs.has(child));
    const tracker = new ChildTracker();
    const iterator = attributeTo(run.summary, () =>
      definition.resolve(ctx, parent)[Symbol.asyncIterator](),
    );
    let done = false;
    try {
      while (!signal.aborted) {
        const release = await limiter.acquire(depth, signal);
        if (!release) break;
        let result: IteratorResult<unknown>;
        try {
          result = await attributeTo(run.summary, () => iterator.next());
        } finally {
          release();
        }
        if (result.done) {
          done = true;
          break;
        }
        const items: unknown[] = Array.isArray(result.value)
          ? (result.value as unknown[])
          : [result.value];
        for (const item of items) {
          if (signal.aborted) break;
          const row = buildRow(run, item, parent);
          if (!row) continue;
          const flushed = run.batcher.add(row.values, row.bytes);
          if (flushed) await flushed;
          for (const child of children) {
            await tracker.below(maxChildren);
            spawn(child, row.resource, depth + 1, tracker);
          }
        }
      }
    } catch (error) {
      done = true;
      handleResolveError(run, parent, error);
    } finally {
      if (!done) {
        // Abandoned early (abort): let the generator run its finally blocks, without waiting long.
        void Promise.resolve()
          .then(() => iterator.return?.())
          .catch(() => undefined);
      }
    }
  };

  const timer = setInterval(
    () => {
      const now = Date.now();
      const interval = options.flushIntervalMs ?? 1000;
      for (const run of runs.values()) {
        if (run.batcher.pending > 0 && now - run.batcher.lastFlush >= interval) {
          run.batcher.flush().catch((error: unknown) => {
            if (!writer.failure)
              fatal(
                new FatalSyncError(`cannot encode ${run.definition.name}: ${errorMessage(error)}`),
              );
          });
        }
      }
    },
    // Ticks often (a cheap scan) so a table's first rows wait at most a tick; later batches
    // still wait for the full interval unless they fill up.
    Math.max(10, Math.min(100, Math.floor((options.flushIntervalMs ?? 1000) / 2))),
  );
  timer.unref();

  try {
    for (const run of runs.values()) {
      await writer.write(migrateTableMessage(encodeTable(run.sdkTable)));
    }
    for (const definition of options.tables) spawn(definition, undefined, 0);
    while (tasks.size > 0) await Promise.all([...tasks]);
    clearInterval(timer);
    // Send what is buffered, also after an abort: rows resolved so far are delivered.
    if (!writer.failure) {
      await Promise.all([...runs.values()].map((run) => run.batcher.flush()));
      await writer.idle();
      // A stream reports a refused write on a later tick ('error' after the write callback):
      // wait one turn so it fails the sync here, before the caller saves incremental state.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (!(error instanceof Error && error === writer.failure)) {
      fatal(
        error instanceof FatalSyncError
          ? error
          : new FatalSyncError(errorMessage(error), { cause: error }),
      );
    }
  } finally {
    clearInterval(timer);
    writer.dispose();
    options.signal?.removeEventListener("abort", onExternalAbort);
    options.onLimiter?.(limiter);
  }

  const tables = [...runs.values()].map((run) => run.summary);
  const summary: SyncSummary = {
    status,
    ...(finalError ? { error: finalError } : {}),
    tables,
    totals: totalOf(tables),
    durationMs: Date.now() - started,
  };
  logSummary(logger, summary);
  return summary;
}

/** Logs one line per table and a total line. */
export function logSummary(logger: Logger, summary: SyncSummary): void {
  for (const table of summary.tables) {
    logger.info(
      `table ${table.table}: ${table.rows} rows in ${table.batches} batches, ${table.requests} requests, ${table.retries} retries, ${table.rateLimited} rate-limited (${Math.round(table.waitedMs)} ms waited), ${table.warnings} warnings, ${table.errors} errors`,
      { ...table },
    );
  }
  const { totals } = summary;
  const line = `sync ${summary.status} in ${summary.durationMs} ms: ${totals.rows} rows, ${totals.requests} requests, ${totals.warnings} warnings, ${totals.errors} errors`;
  if (summary.status === "ok") logger.info(line, { ...totals, status: summary.status });
  else logger.warn(line, { ...totals, status: summary.status });
}
