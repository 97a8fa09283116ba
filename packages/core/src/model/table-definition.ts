import type { StateClient } from "@cq-launchdarkly/state";

import type { LaunchDarklyClient } from "../api-client.js";
import type { Logger } from "../logger.js";
import type { PluginSpec } from "../spec.js";
import type { ColumnType } from "./column-type.js";

/** What a resolver gets: the API client, the parsed spec, a logger, the state client, an abort signal. */
export interface ResolverContext {
  /** LaunchDarkly API client; its requests are counted per table by the engine. */
  readonly client: LaunchDarklyClient;
  /** The validated plugin spec. */
  readonly spec: PluginSpec;
  /** Logger; messages carry the table name. */
  readonly logger: Logger;
  /** State backend for incremental tables; commit cursors only after a successful walk (R24). */
  readonly state: StateClient;
  /** Aborted when the sync is cancelled or fails fatally; pass it on to long waits. */
  readonly signal: AbortSignal;
  /** Name of the table being resolved (handy as a state key). */
  readonly table: string;
}

/** A resolved parent row, given to child resolvers and to column resolvers of child tables. */
export interface ParentResource<Item = unknown> {
  /** The parent's table name. */
  readonly table: string;
  /** The raw API item of the parent row. */
  readonly item: Item;
  /** The parent's resolved column values (before Arrow conversion), by column name. */
  readonly row: Readonly<Record<string, unknown>>;
  /** The parent's `_cq_id`. */
  readonly cqId: string;
  /** The parent's own parent, if any. */
  readonly parent?: ParentResource;
}

/** One column: its name, type and how its value is taken from the API item (and parent). */
export interface ColumnDefinition<Item = unknown> {
  /** Column name, snake_case. */
  name: string;
  /** Column type; see `ColumnType`. */
  type: ColumnType;
  /** Part of the table's primary key. */
  primaryKey?: boolean;
  /** Marks the column an incremental key (Arrow metadata only). */
  incrementalKey?: boolean;
  /** Column description (GetTables, docs). */
  description?: string;
  /** Takes the value from the item; null/undefined become NULL. */
  resolve(item: Item, parent: ParentResource | undefined): unknown;
}

/**
 * A table: name, description (link to the API docs), columns, child tables and a resolver
 * that yields items or pages of items as they arrive.
 */
export interface TableDefinition<Item = unknown> {
  /** Table name, `launchdarkly_<plural_snake>`. */
  name: string;
  /** Optional human title. */
  title?: string;
  /** Description; include the LaunchDarkly API docs URL of the operation. */
  description: string;
  /** Columns, without `_cq_id` / `_cq_parent_id` (added by the model). */
  columns: readonly ColumnDefinition<Item>[];
  /** Child tables; their resolvers run once per row of this table. */
  children?: readonly TableDefinition[];
  /** Incremental table (Arrow metadata; the resolver keeps its cursor in `ctx.state`). */
  isIncremental?: boolean;
  /** The permission a token needs to read this table, named in the 403 warning. */
  requiredPermission?: string;
  /**
   * Yields items, or pages (arrays) of items, as they arrive. One `next()` should be about one
   * API request: the engine bounds concurrent `next()` calls by `spec.concurrency`.
   */
  resolve(ctx: ResolverContext, parent: ParentResource | undefined): AsyncIterable<Item | Item[]>;
}

/** Identity helper that infers `Item` for the columns from the resolver. */
export function defineTable<Item>(definition: TableDefinition<Item>): TableDefinition<Item> {
  return definition;
}

/** A table definition of any item type, as held in a registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTableDefinition = TableDefinition<any>;
