import { AsyncLocalStorage } from "node:async_hooks";

import type { ClientEvent } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { flattenTables } from "@cq-launchdarkly/core";

/** Live counters of one table, for the progress display. */
export interface TableProgress {
  /** Table name. */
  readonly table: string;
  /** Depth in the table tree (0 = top level). */
  readonly depth: number;
  /** Parent table name, if any. */
  readonly parent: string | undefined;
  /** Items resolved (rows before the engine's checks; the final summary has the rows written). */
  rows: number;
  /** API requests sent for this table (retries included). */
  requests: number;
  /** Retried requests. */
  retries: number;
  /** 429 responses. */
  rateLimited: number;
  /** Time spent waiting for rate limits and backoff, in ms. */
  waitedMs: number;
  /** Warnings logged for this table (403s). */
  warnings: number;
  /** Errors logged for this table. */
  errors: number;
  /** Resolver runs started (one per parent row for child tables). */
  started: number;
  /** Resolver runs finished. */
  finished: number;
}

/** `waiting` (nothing started yet), `syncing`, or `done`. */
export type TableState = "waiting" | "syncing" | "done";

/**
 * Attributes API events, rows and log lines to tables while a sync runs. Core's engine keeps its
 * own per-table summary but only hands it over at the end, so the tracker wraps each table's
 * resolver in an AsyncLocalStorage scope of its own and reads that scope in the API client's
 * `onEvent` hook (which runs in the request's async context).
 */
export class TableTracker {
  readonly #scope = new AsyncLocalStorage<TableProgress>();
  readonly #tables = new Map<string, TableProgress>();

  /** Starts tracking the tables of a (selected) tree, in sync order. */
  constructor(selected: readonly AnyTableDefinition[]) {
    for (const { table, parent } of flattenTables(selected)) {
      const depth = parent ? (this.#tables.get(parent.name)?.depth ?? 0) + 1 : 0;
      this.#tables.set(table.name, {
        table: table.name,
        depth,
        parent: parent?.name,
        rows: 0,
        requests: 0,
        retries: 0,
        rateLimited: 0,
        waitedMs: 0,
        warnings: 0,
        errors: 0,
        started: 0,
        finished: 0,
      });
    }
  }

  /** Every tracked table, in sync order. */
  get tables(): TableProgress[] {
    return [...this.#tables.values()];
  }

  /** The counters of `table`. */
  get(table: string): TableProgress | undefined {
    return this.#tables.get(table);
  }

  /** Whether `table` is waiting, syncing or done. */
  state(table: string): TableState {
    const progress = this.#tables.get(table);
    if (!progress) return "waiting";
    const parentDone = progress.parent === undefined || this.state(progress.parent) === "done";
    if (progress.finished < progress.started) return "syncing";
    if (progress.parent === undefined) return progress.started > 0 ? "done" : "waiting";
    return parentDone ? "done" : progress.started > 0 ? "syncing" : "waiting";
  }

  /**
   * The registry with every resolver (children included) wrapped so its work runs inside this
   * tracker's scope; selection and everything else are unchanged.
   */
  wrap(definitions: readonly AnyTableDefinition[]): AnyTableDefinition[] {
    return definitions.map((definition) => {
      const children = definition.children ? this.wrap(definition.children) : undefined;
      const resolve: AnyTableDefinition["resolve"] = (ctx, parent) => ({
        [Symbol.asyncIterator]: () => {
          const progress = this.#tables.get(definition.name);
          if (!progress) return definition.resolve(ctx, parent)[Symbol.asyncIterator]();
          progress.started += 1;
          let open = true;
          const close = () => {
            if (open) progress.finished += 1;
            open = false;
          };
          const inner = this.#scope.run(progress, () =>
            definition.resolve(ctx, parent)[Symbol.asyncIterator](),
          );
          const settle = async (step: () => Promise<IteratorResult<unknown>>) => {
            try {
              const result = await this.#scope.run(progress, step);
              if (result.done) close();
              else progress.rows += Array.isArray(result.value) ? result.value.length : 1;
              return result;
            } catch (error) {
              close();
              throw error;
            }
          };
          return {
            next: () => settle(() => inner.next()),
            return: (value?: unknown) => {
              close();
              return inner.return
                ? this.#scope.run(
                    progress,
                    () => inner.return?.(value) as Promise<IteratorResult<unknown>>,
                  )
                : Promise.resolve({ done: true as const, value: undefined });
            },
          };
        },
      });
      return { ...definition, resolve, ...(children ? { children } : {}) };
    });
  }

  /** The API client's `onEvent` hook: counts the event against the table whose resolver made it. */
  onClientEvent(event: ClientEvent): void {
    const progress = this.#scope.getStore();
    if (!progress) return;
    if (event.type === "request") progress.requests += 1;
    else if (event.type === "retry") progress.retries += 1;
    else if (event.type === "rate-limited") progress.rateLimited += 1;
    else progress.waitedMs += event.ms ?? 0;
  }

  /** Counts a warning or error the engine logged for a table (its fields name the table). */
  onLog(level: "warn" | "error", fields: Record<string, unknown> | undefined): void {
    const table = typeof fields?.table === "string" ? fields.table : undefined;
    const progress = table ? this.#tables.get(table) : undefined;
    if (!progress) return;
    if (level === "warn") progress.warnings += 1;
    else progress.errors += 1;
  }
}
