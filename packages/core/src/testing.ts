import type { Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import { Writable } from "node:stream";
import { tableFromIPC } from "@cloudquery/plugin-sdk-javascript/arrow";

import type { StateClient } from "@cq-launchdarkly/state";
import { createMemoryStateClient } from "@cq-launchdarkly/state";

import type { LaunchDarklyClient } from "./api-client.js";
import type { PriorityLimiter } from "./engine/limiter.js";
import type { SyncResponse } from "./engine/sync-stream.js";
import type { SyncSummary } from "./engine/sync-summary.js";
import type { Logger } from "./logger.js";
import type { AnyTableDefinition } from "./model/table-definition.js";
import type { SyncRequestOptions } from "./run-sync.js";
import { decodeRecord } from "./engine/decode-record.js";
import { runSync } from "./run-sync.js";
import { parseSpec } from "./spec.js";

export { decodeRecord };

/** A log line captured by `runTableTest`. */
export interface CapturedLog {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  fields?: Record<string, unknown>;
}

/** Options of `runTableTest`. */
export interface TableTestOptions {
  /** Table definitions (e.g. `allTables()` or one table factory). */
  tables: readonly AnyTableDefinition[];
  /** A running simulator (`startSimulator()`): its URL and token go into the spec. */
  simulator?: { url: string; accessToken: string };
  /** Extra raw (snake_case) spec keys, e.g. `{ concurrency: 2, projects: ["p1"] }`. */
  spec?: Record<string, unknown>;
  /** Sync request options; default `tables: ["*"]`. */
  syncOptions?: Partial<SyncRequestOptions>;
  /** State client; default a fresh in-memory one (returned as `state`). */
  stateClient?: StateClient;
  /** Cancels the sync. */
  signal?: AbortSignal;
  /** Use this client instead of one built from the spec. */
  client?: LaunchDarklyClient;
  /** Called for every message written, e.g. to abort after the first insert. */
  onMessage?: (message: SyncResponse, index: number) => void;
  /** `highWaterMark` (messages) of the in-memory stream and a delay per message, to test backpressure. */
  stream?: { highWaterMark?: number; delayMs?: number };
  /** Flush interval of partially filled batches, in ms. */
  flushIntervalMs?: number;
  /** Also log to this logger. */
  logger?: Logger;
}

/** What `runTableTest` returns. */
export interface TableTestResult {
  /** Decoded rows per table name (uuid as string, json parsed, timestamps as Date). */
  rows: Record<string, Record<string, unknown>[]>;
  /** Table names of the `migrate_table` messages, in order. */
  migrated: string[];
  /** Arrow schemas of the migrated tables, by name. */
  schemas: Record<string, Schema>;
  /** Rows per `insert` message, in order, with the table name. */
  batches: { table: string; rows: number }[];
  /** The engine's summary. */
  summary: SyncSummary;
  /** Log lines. */
  logs: CapturedLog[];
  /** The state client used. */
  state: StateClient;
  /** The engine's limiter (its `peak` is the highest concurrency reached). */
  limiter: PriorityLimiter | undefined;
  /** Whether the stream was ended normally (false when it ended with an error). */
  ended: boolean;
  /** The error the stream was ended with, if any. */
  streamError: Error | undefined;
  /** Backpressure figures: writes answered "full" and the most messages the stream ever buffered. */
  streamStats: { fullWrites: number; maxBuffered: number };
}

/**
 * Runs the engine into an in-memory stream and decodes every Arrow record: the harness of
 * table tests (R25). The spec gets the simulator's URL and token unless `spec` overrides them.
 */
export async function runTableTest(options: TableTestOptions): Promise<TableTestResult> {
  const logs: CapturedLog[] = [];
  const capture =
    (level: CapturedLog["level"]) => (message: string, fields?: Record<string, unknown>) => {
      logs.push({ level, message, ...(fields ? { fields } : {}) });
      options.logger?.[level](message, fields);
    };
  const logger: Logger = {
    debug: capture("debug"),
    info: capture("info"),
    warn: capture("warn"),
    error: capture("error"),
  };
  const spec = parseSpec({
    access_token: options.simulator?.accessToken ?? "test-token",
    ...(options.simulator ? { base_url: options.simulator.url } : {}),
    ...options.spec,
  });
  const state = options.stateClient ?? createMemoryStateClient();

  const rows: Record<string, Record<string, unknown>[]> = {};
  const migrated: string[] = [];
  const schemas: Record<string, Schema> = {};
  const batches: { table: string; rows: number }[] = [];
  let index = 0;
  let ended = false;
  let streamError: Error | undefined;
  const delayMs = options.stream?.delayMs ?? 0;

  const stream = new Writable({
    objectMode: true,
    highWaterMark: options.stream?.highWaterMark ?? 16,
    write(message: SyncResponse, _encoding, callback) {
      try {
        options.onMessage?.(message, index++);
        if (message.has_migrate_table) {
          const schema = tableFromIPC(message.migrate_table.table).schema;
          const name = schema.metadata.get("cq:table_name") ?? "";
          migrated.push(name);
          schemas[name] = schema;
        } else if (message.has_insert) {
          const decoded = decodeRecord(message.insert.record);
          (rows[decoded.table] ??= []).push(...decoded.rows);
          batches.push({ table: decoded.table, rows: decoded.rows.length });
        }
      } catch (error) {
        callback(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (delayMs > 0) setTimeout(() => callback(), delayMs);
      else callback();
    },
  });
  const streamStats = { fullWrites: 0, maxBuffered: 0 };
  const write = stream.write.bind(stream) as (message: SyncResponse) => boolean;
  stream.write = ((message: SyncResponse) => {
    const ok = write(message);
    if (!ok) streamStats.fullWrites += 1;
    streamStats.maxBuffered = Math.max(streamStats.maxBuffered, stream.writableLength);
    return ok;
  }) as typeof stream.write;
  stream.on("error", (error) => {
    streamError = error;
  });
  const finished = new Promise<void>((resolve) => {
    stream.on("finish", () => {
      ended = true;
    });
    stream.on("close", () => resolve());
  });

  let limiter: PriorityLimiter | undefined;
  const summary = await runSync({
    spec,
    tables: options.tables,
    stream,
    logger,
    stateClient: state,
    syncOptions: { tables: ["*"], ...options.syncOptions },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.client ? { client: options.client } : {}),
    ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}),
    onLimiter: (value) => {
      limiter = value;
    },
  });
  if (summary.status === "ok") await finished;
  return {
    rows,
    migrated,
    schemas,
    batches,
    summary,
    logs,
    state,
    limiter,
    ended,
    streamError,
    streamStats,
  };
}
