import type { RecordBatch } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Database as SqliteDatabase, Statement } from "better-sqlite3";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import { decodeRecord } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { and, eq, lt, Param, Placeholder, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";

import type { ConvertedColumns, DefaultValues, DriverValue } from "./arrow-to-sqlite.js";
import type { RuntimeTable } from "./drizzle-table.js";
import type { ExistingColumn, MigrationPlan } from "./migration-plan.js";
import type { StoredValue } from "./sqlite-to-arrow.js";
import type { TableInput, TableSpec } from "./table-spec.js";
import type { SyncTime } from "./timestamp-format.js";
import type { MigrateMode, WriteMode } from "./write-mode.js";
import { columnsOfRecord } from "./arrow-to-sqlite.js";
import { columnOf, drizzleTableOf, excludedSet } from "./drizzle-table.js";
import { planMigration } from "./migration-plan.js";
import { openDatabase } from "./open-database.js";
import { addColumnSql, createTableSql, dropTableSql } from "./schema-sql.js";
import { describeSqliteError, SqliteDestinationError } from "./sqlite-destination-error.js";
import { recordOfColumns } from "./sqlite-to-arrow.js";
import { CQ_SOURCE_NAME_COLUMN, CQ_SYNC_TIME_COLUMN, tableSpecOf } from "./table-spec.js";
import { formatTimestampMicros, syncTimeMicros } from "./timestamp-format.js";
import { MIGRATE_MODES, WRITE_MODES } from "./write-mode.js";

/** Default `batch_size`: rows buffered per table before a flush (CloudQuery SQLite's code default). */
export const DEFAULT_BATCH_SIZE = 10_000;
/** Default `batch_size_bytes`: approximate bytes buffered per table before a flush (10 MiB). */
export const DEFAULT_BATCH_SIZE_BYTES = 10 * 1024 * 1024;
/** Default `busy_timeout` in milliseconds. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** Reported after each flushed batch (one transaction). */
export interface FlushEvent {
  /** Table written. */
  readonly table: string;
  /** Rows in the batch. */
  readonly rows: number;
  /** Approximate bytes in the batch. */
  readonly bytes: number;
}

/** Options for {@link SqliteDestination.open}. */
export interface SqliteDestinationOptions {
  /** Path of the database file, created when missing (`:memory:` for a throwaway database). */
  readonly path: string;
  /** How inserts are written; default `overwrite-delete-stale`. */
  readonly writeMode?: WriteMode;
  /** Default for `migrateTable` when a message does not say; default `safe`. */
  readonly migrateMode?: MigrateMode;
  /** Rows buffered per table before a flush; default 10 000. */
  readonly batchSize?: number;
  /** Approximate bytes buffered per table before a flush; default 10 MiB. */
  readonly batchSizeBytes?: number;
  /** How long to wait for another connection's lock, in ms; default 5 000. */
  readonly busyTimeoutMs?: number;
  /** When set, `_cq_source_name`/`_cq_sync_time` are added to schemas and rows that lack them. */
  readonly sourceName?: string;
  /** Sync start for `_cq_sync_time` (µs as bigint, or a Date); default the time of `open`. */
  readonly syncTime?: SyncTime;
  /** Called after each flushed batch (metrics, tests). */
  readonly onFlush?: (event: FlushEvent) => void;
}

/** CloudQuery's delete-stale message: rows of `sourceName` in `tableName` older than `syncTime`. */
export interface DeleteStaleMessage {
  /** Table to clean up. */
  readonly tableName: string;
  /** `_cq_source_name` of the rows to consider. */
  readonly sourceName: string;
  /** This sync's start; rows with an older `_cq_sync_time` are deleted. */
  readonly syncTime: SyncTime;
}

/** One message of a destination's write stream, as CloudQuery's `Write` RPC carries them. */
export type WriteMessage =
  | { readonly type: "migrate_table"; readonly table: TableInput; readonly migrateForce?: boolean }
  | { readonly type: "insert"; readonly record: RecordBatch | Uint8Array }
  | ({ readonly type: "delete_stale" } & DeleteStaleMessage);

/** Options for {@link SqliteDestination.read}. */
export interface ReadOptions {
  /** Rows per yielded record batch; default 10 000. */
  readonly batchRows?: number;
}

interface PreparedInsert {
  statement: Statement;
  /** Column position (in `spec.columns`) of each bound parameter. */
  order: number[];
}

/** Rows `start`…`end - 1` of a converted record, buffered for the next flush. */
interface BufferedRows {
  columns: ConvertedColumns;
  start: number;
  end: number;
}

interface TableState {
  spec: TableSpec;
  table: RuntimeTable;
  buffered: BufferedRows[];
  /** Rows in `buffered`. */
  rows: number;
  bytes: number;
  prepared: PreparedInsert | undefined;
}

interface TableInfoRow {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new SqliteDestinationError(
      "invalid-input",
      `${name} must be an integer of at least 1, got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * A CloudQuery-style destination writing to one SQLite file: migrates tables from their Arrow
 * schemas, buffers inserts per table and writes each batch in one transaction (upsert on the
 * primary key, or plain inserts), deletes stale rows with microsecond precision, and reads tables
 * back as Arrow records so it can serve as a state backend. better-sqlite3 is synchronous, so are
 * these methods; `write()` consumes an async message stream.
 */
export class SqliteDestination {
  /** Absolute path of the database file (or `:memory:`). */
  readonly path: string;
  /** The better-sqlite3 connection. */
  readonly connection: SqliteDatabase;
  /** The drizzle database over {@link connection}. */
  readonly db: BetterSQLite3Database;
  /** The effective write mode. */
  readonly writeMode: WriteMode;
  /** The effective default migrate mode. */
  readonly migrateMode: MigrateMode;
  readonly #batchSize: number;
  readonly #batchSizeBytes: number;
  readonly #busyTimeoutMs: number;
  readonly #defaults: DefaultValues | undefined;
  readonly #onFlush: ((event: FlushEvent) => void) | undefined;
  readonly #tables = new Map<string, TableState>();
  #closed = false;

  private constructor(
    connection: SqliteDatabase,
    filePath: string,
    options: SqliteDestinationOptions,
  ) {
    this.connection = connection;
    this.path = filePath;
    this.db = drizzle({ client: connection });
    this.writeMode = options.writeMode ?? "overwrite-delete-stale";
    this.migrateMode = options.migrateMode ?? "safe";
    this.#batchSize = positiveInteger("batch_size", options.batchSize, DEFAULT_BATCH_SIZE);
    this.#batchSizeBytes = positiveInteger(
      "batch_size_bytes",
      options.batchSizeBytes,
      DEFAULT_BATCH_SIZE_BYTES,
    );
    this.#busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.#onFlush = options.onFlush;
    if (options.sourceName !== undefined) {
      const micros = syncTimeMicros(options.syncTime ?? new Date());
      this.#defaults = {
        [CQ_SOURCE_NAME_COLUMN]: options.sourceName,
        [CQ_SYNC_TIME_COLUMN]: formatTimestampMicros(micros),
      };
    }
  }

  /**
   * Opens (creating if needed) the database at `options.path`.
   * @throws SqliteDestinationError when the options are invalid or the file cannot be written.
   */
  static open(options: SqliteDestinationOptions): SqliteDestination {
    if (options.writeMode !== undefined && !WRITE_MODES.includes(options.writeMode)) {
      throw new SqliteDestinationError(
        "invalid-input",
        `write_mode must be one of ${WRITE_MODES.join(", ")}, got "${String(options.writeMode)}".`,
      );
    }
    if (options.migrateMode !== undefined && !MIGRATE_MODES.includes(options.migrateMode)) {
      throw new SqliteDestinationError(
        "invalid-input",
        `migrate_mode must be one of ${MIGRATE_MODES.join(", ")}, got "${String(options.migrateMode)}".`,
      );
    }
    positiveInteger("batch_size", options.batchSize, DEFAULT_BATCH_SIZE);
    positiveInteger("batch_size_bytes", options.batchSizeBytes, DEFAULT_BATCH_SIZE_BYTES);
    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    const connection = openDatabase(options.path, { busyTimeoutMs });
    return new SqliteDestination(connection, connection.name, options);
  }

  /** The spec of a table migrated (or auto-migrated by an insert) through this destination. */
  tableSpec(name: string): TableSpec | undefined {
    return this.#tables.get(name)?.spec;
  }

  /**
   * Creates or updates a table from its Arrow schema. `safe` adds new nullable columns and
   * refuses destructive changes (type, primary key, NOT NULL) with an error naming table and
   * columns; `forced` drops and recreates the table when a change is destructive (its rows are
   * lost) and otherwise behaves like `safe`. Buffered rows of the table are flushed first.
   * @throws SqliteDestinationError (`migration-refused` in safe mode)
   */
  migrateTable(input: TableInput, options: { readonly force?: boolean } = {}): TableSpec {
    this.#assertOpen();
    const spec = tableSpecOf(input, {
      stripPrimaryKeys: this.writeMode === "append",
      addInternalColumns: this.#defaults !== undefined,
    });
    const force = options.force ?? this.migrateMode === "forced";
    if (this.#tables.has(spec.name)) this.#flushTable(spec.name);
    const plan = planMigration(spec, this.#existingColumns(spec.name));
    const destructive = plan.changes.filter((change) => change.destructive);
    if (destructive.length > 0 && !force) {
      throw new SqliteDestinationError(
        "migration-refused",
        `Can't migrate table "${spec.name}" in ${this.path} in safe mode: ` +
          `${destructive.map((change) => change.description).join("; ")}. ` +
          `Migrate it manually, drop the table, or use migrate_mode: forced ` +
          `(which drops and recreates the table, losing its rows).`,
      );
    }
    this.#run("migrate table " + JSON.stringify(spec.name), () => {
      this.db.transaction((tx) => {
        if (destructive.length > 0) {
          tx.run(dropTableSql(spec.name));
          tx.run(createTableSql(spec));
          return;
        }
        applyPlan(tx, spec, plan);
      });
    });
    this.#tables.set(spec.name, {
      spec,
      table: drizzleTableOf(spec),
      buffered: [],
      rows: 0,
      bytes: 0,
      prepared: undefined,
    });
    return spec;
  }

  /**
   * Buffers the rows of an Arrow record (or its IPC bytes; every batch in them) for the table
   * named by its `cq:table_name`, flushing whenever `batchSize` rows or `batchSizeBytes` are
   * reached. A table not migrated yet is migrated (safe) from the record's schema.
   * @throws SqliteDestinationError
   */
  insert(record: RecordBatch | Uint8Array): void {
    this.#assertOpen();
    if (record instanceof Uint8Array) {
      const [, batches] = decodeRecord(record);
      for (const batch of batches) this.insert(batch);
      return;
    }
    const name = record.schema.metadata.get("cq:table_name") ?? "";
    const state = this.#tables.get(name) ?? this.#autoMigrate(record);
    const columns = columnsOfRecord(record, state.spec, this.#defaults);
    const { numRows, sizes } = columns;
    let start = 0;
    for (let row = 0; row < numRows; row++) {
      state.rows++;
      state.bytes += sizes[row] ?? 0;
      if (state.rows >= this.#batchSize || state.bytes >= this.#batchSizeBytes) {
        state.buffered.push({ columns, start, end: row + 1 });
        start = row + 1;
        this.#flushTable(name);
      }
    }
    if (start < numRows) state.buffered.push({ columns, start, end: numRows });
  }

  /**
   * Deletes the rows of `sourceName` whose `_cq_sync_time` is older than `syncTime`, compared
   * exactly (µs). Buffered rows are flushed first. Skipped (returns 0) unless the write mode is
   * `overwrite-delete-stale`, for incremental tables and their children, and for tables without
   * the two internal columns.
   * @returns the number of rows deleted.
   */
  deleteStale(message: DeleteStaleMessage): number {
    this.#assertOpen();
    if (this.writeMode !== "overwrite-delete-stale") return 0;
    const known = this.#tables.get(message.tableName)?.spec;
    if (known?.incremental) return 0;
    if (known?.parent !== undefined && this.#tables.get(known.parent)?.spec.incremental) return 0;
    this.flush();
    const existing = this.#existingColumns(message.tableName);
    const names = new Set(existing?.map((column) => column.name));
    if (!names.has(CQ_SOURCE_NAME_COLUMN) || !names.has(CQ_SYNC_TIME_COLUMN)) return 0;
    const table = drizzleTableOf(
      tableSpecOf(internalColumnsSchema(message.tableName), { addInternalColumns: true }),
    );
    const cutoff = formatTimestampMicros(syncTimeMicros(message.syncTime));
    return this.#run(`delete stale rows from ${JSON.stringify(message.tableName)}`, () =>
      this.db.transaction(
        (tx) =>
          tx
            .delete(table)
            .where(
              and(
                eq(columnOf(table, CQ_SOURCE_NAME_COLUMN), message.sourceName),
                lt(columnOf(table, CQ_SYNC_TIME_COLUMN), cutoff),
              ),
            )
            .run().changes,
      ),
    );
  }

  /** Writes every buffered row, one transaction per table. */
  flush(): void {
    this.#assertOpen();
    for (const name of this.#tables.keys()) this.#flushTable(name);
  }

  /**
   * Reads a table back as Arrow record batches of the requested schema (missing columns are
   * null; a missing table yields nothing). Buffered rows of the table are flushed first.
   * Consume the generator before writing again: the connection is busy while it iterates.
   */
  *read(input: TableInput, options: ReadOptions = {}): Generator<RecordBatch> {
    this.#assertOpen();
    const spec = tableSpecOf(input);
    const batchRows = positiveInteger("batchRows", options.batchRows, 10_000);
    if (this.#tables.has(spec.name)) this.#flushTable(spec.name);
    const existing = this.#existingColumns(spec.name);
    if (!existing) return;
    const stored = new Set(existing.map((column) => column.name));
    const selected = spec.columns.filter((column) => stored.has(column.name));
    const table = drizzleTableOf(spec);
    const fields = Object.fromEntries(
      selected.map((column) => [column.name, columnOf(table, column.name)]),
    );
    const query = (
      selected.length > 0
        ? this.db.select(fields).from(table)
        : this.db.select({ _rowid: sql`rowid` }).from(table)
    )
      .orderBy(sql`rowid`)
      .toSQL();
    const positions = spec.columns.map((column) =>
      selected.findIndex((candidate) => candidate.name === column.name),
    );
    const statement = this.connection.prepare(query.sql).safeIntegers(true).raw(true);
    let columns = spec.columns.map((): StoredValue[] => []);
    let count = 0;
    for (const row of statement.iterate(...query.params) as Iterable<StoredValue[]>) {
      positions.forEach((position, index) => {
        columns[index]?.push(position < 0 ? null : (row[position] ?? null));
      });
      count++;
      if (count === batchRows) {
        yield recordOfColumns(spec.schema, spec.name, columns, count);
        columns = spec.columns.map((): StoredValue[] => []);
        count = 0;
      }
    }
    if (count > 0) yield recordOfColumns(spec.schema, spec.name, columns, count);
  }

  /**
   * Applies a stream of write messages in order and flushes at the end, as a CloudQuery
   * destination's `Write` RPC does.
   */
  async write(messages: AsyncIterable<WriteMessage> | Iterable<WriteMessage>): Promise<void> {
    // for await also iterates plain iterables.
    for await (const message of messages as AsyncIterable<WriteMessage>) {
      switch (message.type) {
        case "migrate_table":
          this.migrateTable(message.table, { force: message.migrateForce });
          break;
        case "insert":
          this.insert(message.record);
          break;
        case "delete_stale":
          this.deleteStale(message);
          break;
      }
    }
    this.flush();
  }

  /** Flushes buffered rows and closes the connection; later calls throw. Idempotent. */
  close(): void {
    if (this.#closed) return;
    try {
      this.flush();
    } finally {
      this.#closed = true;
      this.connection.close();
    }
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new SqliteDestinationError(
        "closed",
        `The SQLite destination for ${this.path} is closed; open a new one.`,
      );
    }
  }

  #run<T>(action: string, operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      throw describeSqliteError(error, this.path, action, this.#busyTimeoutMs);
    }
  }

  #existingColumns(tableName: string): ExistingColumn[] | undefined {
    const rows = this.#run(`inspect table ${JSON.stringify(tableName)}`, () =>
      this.db.all<TableInfoRow>(
        sql`SELECT name, type, "notnull", pk FROM pragma_table_info(${tableName})`,
      ),
    );
    if (rows.length === 0) return undefined;
    return rows.map((row) => ({
      name: row.name,
      type: row.type,
      notNull: row.notnull !== 0,
      primaryKeyIndex: row.pk,
    }));
  }

  #autoMigrate(record: RecordBatch): TableState {
    this.migrateTable(record.schema, { force: false });
    const name = record.schema.metadata.get("cq:table_name") ?? "";
    const state = this.#tables.get(name);
    if (!state) throw new Error(`table "${name}" was not registered after migration`);
    return state;
  }

  #flushTable(name: string): void {
    const state = this.#tables.get(name);
    if (!state || state.rows === 0) return;
    const { buffered, rows, bytes } = state;
    state.buffered = [];
    state.rows = 0;
    state.bytes = 0;
    const { statement, order } = this.#insertStatement(state);
    this.#run(`write ${rows} rows to table ${JSON.stringify(name)}`, () => {
      this.db.transaction(() => {
        // One parameter array reused for every row (better-sqlite3 copies bound values): constant
        // columns are set once per record, the others copied from their column arrays.
        const parameters = new Array<DriverValue>(order.length);
        for (const { columns, start, end } of buffered) {
          const sources: (readonly DriverValue[])[] = [];
          const targets: number[] = [];
          const readers: ((row: number) => DriverValue)[] = [];
          const readerTargets: number[] = [];
          order.forEach((column, parameter) => {
            const values = columns.values[column];
            const read = columns.lazy[column];
            if (values) {
              sources.push(values);
              targets.push(parameter);
            } else if (read) {
              readers.push(read);
              readerTargets.push(parameter);
            } else {
              parameters[parameter] = columns.constants[column] ?? null;
            }
          });
          const width = sources.length;
          const readWidth = readers.length;
          for (let row = start; row < end; row++) {
            for (let index = 0; index < width; index++) {
              parameters[targets[index] ?? 0] = sources[index]?.[row] ?? null;
            }
            for (let index = 0; index < readWidth; index++) {
              parameters[readerTargets[index] ?? 0] = readers[index]?.(row) ?? null;
            }
            statement.run(parameters);
          }
        }
      });
    });
    this.#onFlush?.({ table: name, rows, bytes });
  }

  /**
   * The single-row INSERT (or upsert) of a table, built by drizzle with placeholders and prepared
   * once per table on the better-sqlite3 connection; a batch runs it once per row inside one
   * transaction. The write hot path calls the better-sqlite3 statement directly: drizzle stays the
   * query layer (it builds this SQL, the DDL, delete-stale and reads), but its per-call path
   * (building params from a row object, mapping values through each column) would cost more per
   * row than SQLite's insert. (Multi-row statements save nothing with an in-process driver, and
   * building their SQL dominated the write time.)
   */
  #insertStatement(state: TableState): PreparedInsert {
    if (state.prepared) return state.prepared;
    const { spec, table } = state;
    const values = Object.fromEntries(
      spec.columns.map((column, index) => [column.name, sql.placeholder(String(index))]),
    ) as RuntimeTable["$inferInsert"];
    const insert = this.db.insert(table).values(values);
    const set = excludedSet(spec);
    const target = spec.primaryKeys.map((key) => columnOf(table, key));
    const upsert = this.writeMode !== "append" && spec.primaryKeys.length > 0;
    const query = (
      !upsert
        ? insert
        : Object.keys(set).length === 0
          ? insert.onConflictDoNothing({ target })
          : insert.onConflictDoUpdate({ target, set })
    ).toSQL();
    const order = query.params.map((param): number => {
      // Custom columns wrap each placeholder in a Param whose value is the Placeholder.
      const placeholder: unknown = param instanceof Param ? (param.value as unknown) : param;
      const name: string = placeholder instanceof Placeholder ? String(placeholder.name) : "";
      if (!spec.columns[Number(name)]) {
        throw new Error(`unexpected parameter "${name}" in the INSERT statement`);
      }
      return Number(name);
    });
    state.prepared = { statement: this.connection.prepare(query.sql), order };
    return state.prepared;
  }
}

type Transaction = Parameters<Parameters<BetterSQLite3Database["transaction"]>[0]>[0];

function applyPlan(tx: Transaction, spec: TableSpec, plan: MigrationPlan): void {
  if (plan.create) {
    tx.run(createTableSql(spec));
    return;
  }
  for (const column of plan.addColumns) tx.run(addColumnSql(spec.name, column));
}

/** An empty schema named `tableName`; with internal columns added it addresses delete-stale. */
function internalColumnsSchema(tableName: string): Schema {
  return new Schema([], new Map([["cq:table_name", tableName]]));
}
