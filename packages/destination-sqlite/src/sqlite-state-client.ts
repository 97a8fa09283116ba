import {
  Field,
  makeBuilder,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
} from "@cloudquery/plugin-sdk-javascript/arrow";

import type { StateClient } from "@cq-launchdarkly/state";

import { SqliteDestinationError } from "./sqlite-destination-error.js";
import { SqliteDestination } from "./sqlite-destination.js";

/** Options for {@link SqliteStateClient.open}. */
export interface SqliteStateClientOptions {
  /** Path of the SQLite file (usually the destination's own file). */
  readonly path: string;
  /** State table name; default `cq_state_<sourceName>`. */
  readonly tableName?: string;
  /** Source name, used for the default table name. */
  readonly sourceName?: string;
  /** How long to wait for another connection's lock, in ms; default 5 000. */
  readonly busyTimeoutMs?: number;
}

/** The default state table name for a source: `cq_state_<sourceName>`. */
export function stateTableName(sourceName: string): string {
  return `cq_state_${sourceName}`;
}

function field(name: string, primaryKey: boolean): Field {
  return new Field(
    name,
    new Utf8(),
    true,
    new Map([
      ["cq:extension:primary_key", primaryKey ? "true" : "false"],
      ["cq:extension:unique", "false"],
      ["cq:extension:incremental", "false"],
    ]),
  );
}

/**
 * The state table's Arrow schema: `key utf8` (primary key) and `value utf8`, as CloudQuery's
 * state client (`internal/clients/state/v3`) migrates it, so the file can also serve that client
 * through the gRPC destination.
 */
export function stateTableSchema(tableName: string): Schema {
  return new Schema(
    [field("key", true), field("value", false)],
    new Map([["cq:table_name", tableName]]),
  );
}

function utf8Data(values: readonly string[]) {
  const builder = makeBuilder({ type: new Utf8() });
  for (const value of values) builder.append(value);
  return builder.finish().flush();
}

/**
 * A {@link StateClient} keeping cursors in a `cq_state_<source>` key/value table of a SQLite
 * file. Like the Go SDK's client it reads every row at open, serves `getKey` from memory, buffers
 * `setKey` and upserts the buffered keys in one transaction on `flush()`.
 */
export class SqliteStateClient implements StateClient {
  /** The state table name. */
  readonly tableName: string;
  readonly #destination: SqliteDestination;
  readonly #schema: Schema;
  readonly #values = new Map<string, string>();
  readonly #dirty = new Map<string, string>();
  #closed = false;

  private constructor(destination: SqliteDestination, tableName: string) {
    this.#destination = destination;
    this.tableName = tableName;
    this.#schema = stateTableSchema(tableName);
  }

  /**
   * Opens the state table in `options.path`, creating file and table when missing, and loads it.
   * @throws SqliteDestinationError when the file cannot be written or the table has another shape.
   */
  static open(options: SqliteStateClientOptions): Promise<SqliteStateClient> {
    const tableName =
      options.tableName ??
      (options.sourceName === undefined ? undefined : stateTableName(options.sourceName));
    if (tableName === undefined || tableName === "") {
      return Promise.reject(
        new SqliteDestinationError(
          "invalid-input",
          "SqliteStateClient.open needs a tableName or a sourceName (table cq_state_<sourceName>).",
        ),
      );
    }
    try {
      const destination = SqliteDestination.open({
        path: options.path,
        writeMode: "overwrite",
        busyTimeoutMs: options.busyTimeoutMs,
      });
      const client = new SqliteStateClient(destination, tableName);
      try {
        destination.migrateTable(client.#schema, { force: false });
        for (const batch of destination.read(client.#schema)) {
          const keys = batch.getChild("key");
          const values = batch.getChild("value");
          for (let row = 0; row < batch.numRows; row++) {
            const key = keys?.get(row) as string | null | undefined;
            const value = values?.get(row) as string | null | undefined;
            if (key !== null && key !== undefined && value !== null && value !== undefined) {
              client.#values.set(key, value);
            }
          }
        }
      } catch (error) {
        destination.close();
        throw error;
      }
      return Promise.resolve(client);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The value stored or set for `key`. */
  getKey(key: string): Promise<string | undefined> {
    return this.#whileOpen("getKey", () => this.#dirty.get(key) ?? this.#values.get(key));
  }

  /** Remembers `value` for `key`; written on the next `flush()`. */
  setKey(key: string, value: string): Promise<void> {
    return this.#whileOpen("setKey", () => {
      this.#dirty.set(key, value);
    });
  }

  /** Upserts every key set since the last flush, in one transaction. */
  flush(): Promise<void> {
    return this.#whileOpen("flush", () => {
      if (this.#dirty.size === 0) return;
      const entries = [...this.#dirty];
      const data = makeData({
        type: new Struct(this.#schema.fields),
        length: entries.length,
        nullCount: 0,
        children: [utf8Data(entries.map(([key]) => key)), utf8Data(entries.map(([, v]) => v))],
      });
      this.#destination.insert(new RecordBatch(this.#schema, data));
      this.#destination.flush();
      for (const [key, value] of entries) this.#values.set(key, value);
      this.#dirty.clear();
    });
  }

  /** Closes the connection without flushing. Idempotent. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#dirty.clear();
    try {
      this.#destination.close();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  #whileOpen<T>(operation: string, run: () => T): Promise<T> {
    if (this.#closed) {
      return Promise.reject(
        new SqliteDestinationError(
          "closed",
          `Cannot ${operation} on the SQLite state client for table "${this.tableName}" after ` +
            `close(): flush before closing.`,
        ),
      );
    }
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
