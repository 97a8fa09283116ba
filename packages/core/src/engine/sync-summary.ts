import { AsyncLocalStorage } from "node:async_hooks";

import type { ClientEvent } from "@cq-launchdarkly/api";

/** What happened to one table during a sync. */
export interface TableSummary {
  /** Table name. */
  table: string;
  /** Rows sent. */
  rows: number;
  /** Arrow record batches sent. */
  batches: number;
  /** API requests made by this table's resolvers (retries included). */
  requests: number;
  /** Retried requests. */
  retries: number;
  /** 429 responses. */
  rateLimited: number;
  /** Time spent waiting for rate limits and backoff, in ms. */
  waitedMs: number;
  /** Warnings (e.g. 403: the token may not read the table). */
  warnings: number;
  /** Failed resources and dropped rows. */
  errors: number;
}

/** How a sync ended: `ok` (possibly with per-resource errors), `aborted` (signal) or `failed` (fatal). */
export type SyncStatus = "ok" | "aborted" | "failed";

/** The result of a sync, per table and in total. Returned by `runEngine`/`runSync` and logged. */
export interface SyncSummary {
  /** How the sync ended. */
  status: SyncStatus;
  /** The fatal error or the abort reason, when status is not `ok`. */
  error?: Error;
  /** One entry per selected table, in sync order. */
  tables: TableSummary[];
  /** Sums over all tables (`table` is `*`). */
  totals: TableSummary;
  /** Wall time of the sync, in ms. */
  durationMs: number;
}

/** A fresh all-zero summary for `table`. */
export function emptyTableSummary(table: string): TableSummary {
  return {
    table,
    rows: 0,
    batches: 0,
    requests: 0,
    retries: 0,
    rateLimited: 0,
    waitedMs: 0,
    warnings: 0,
    errors: 0,
  };
}

/** Sums table summaries. */
export function totalOf(tables: readonly TableSummary[]): TableSummary {
  const total = emptyTableSummary("*");
  for (const table of tables) {
    total.rows += table.rows;
    total.batches += table.batches;
    total.requests += table.requests;
    total.retries += table.retries;
    total.rateLimited += table.rateLimited;
    total.waitedMs += table.waitedMs;
    total.warnings += table.warnings;
    total.errors += table.errors;
  }
  return total;
}

const currentTable = new AsyncLocalStorage<TableSummary>();

/** Runs `fn` with API events attributed to `summary`. */
export function attributeTo<T>(summary: TableSummary, fn: () => T): T {
  return currentTable.run(summary, fn);
}

/**
 * The API client's `onEvent` hook: counts a request, retry, 429 or wait against the table whose
 * resolver made the call (found through AsyncLocalStorage). Events outside a sync are ignored.
 */
export function recordApiEvent(event: ClientEvent): void {
  const summary = currentTable.getStore();
  if (!summary) return;
  switch (event.type) {
    case "request":
      summary.requests += 1;
      break;
    case "retry":
      summary.retries += 1;
      break;
    case "rate-limited":
      summary.rateLimited += 1;
      break;
    case "wait":
      summary.waitedMs += event.ms ?? 0;
      break;
  }
}
