import type { Schema } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { Column } from "@cloudquery/plugin-sdk-javascript/schema/column";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import type { Writable } from "node:stream";
import { createColumn } from "@cloudquery/plugin-sdk-javascript/schema/column";
import { createTable, toArrowSchema } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { UUIDType } from "@cloudquery/plugin-sdk-javascript/types/uuid";

import type { ColumnType } from "./column-type.js";
import type {
  AnyTableDefinition,
  ColumnDefinition,
  ParentResource,
  ResolverContext,
} from "./table-definition.js";
import { arrowType, toArrowValue, uuidString } from "./column-type.js";

/** Name of the row id column CloudQuery expects first. */
export const CQ_ID = "_cq_id";
/** Name of the column holding the parent row's `_cq_id`. */
export const CQ_PARENT_ID = "_cq_parent_id";

/**
 * What the SDK scheduler passes to resolvers of tables from `createTablesForSdk` (only used
 * when those tables run under the SDK's own scheduler, e.g. the benchmark): a resolver context
 * plus the `id()` of the SDK's `ClientMeta`.
 */
export interface SdkClientMeta extends Omit<ResolverContext, "table"> {
  /** Multiplexer id. */
  id(): string;
}

interface SdkResource {
  getItem(): unknown;
  getColumnData(name: string): { value: unknown; toString(): string };
  setColumData(name: string, value: unknown): void;
  parent: SdkResource | null;
  table: Table;
}

function parentFromSdk(resource: SdkResource | null): ParentResource | undefined {
  if (!resource) return undefined;
  const row: Record<string, unknown> = {};
  for (const column of resource.table.columns) {
    const value = resource.getColumnData(column.name).value;
    row[column.name] =
      value instanceof Uint8Array && column.type instanceof UUIDType ? uuidString(value) : value;
  }
  const parent = parentFromSdk(resource.parent);
  return {
    table: resource.table.name,
    item: resource.getItem(),
    row,
    cqId: resource.getColumnData(CQ_ID).toString(),
    ...(parent ? { parent } : {}),
  };
}

/** A value the SDK's scalar of `type` accepts. */
function sdkValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === "json") return JSON.stringify(value);
  if (type === "timestamp") return new Date(toArrowValue(type, value) as number);
  return toArrowValue(type, value);
}

function cqColumns(): Column[] {
  return [
    createColumn({
      name: CQ_ID,
      type: new UUIDType(),
      description: "Internal CQ ID of the row",
      notNull: true,
      unique: true,
    }),
    createColumn({
      name: CQ_PARENT_ID,
      type: new UUIDType(),
      description: "Internal CQ ID of the parent row",
      resolver: (_meta, resource, column) => {
        const parent = (resource as unknown as SdkResource).parent;
        resource.setColumData(column.name, parent ? parent.getColumnData(CQ_ID).toString() : null);
        return Promise.resolve();
      },
    }),
  ];
}

function toSdkColumn(definition: ColumnDefinition): Column {
  return createColumn({
    name: definition.name,
    type: arrowType(definition.type),
    description: definition.description ?? "",
    primaryKey: definition.primaryKey ?? false,
    incrementalKey: definition.incrementalKey ?? false,
    resolver: (_meta, resource, column) => {
      const sdkResource = resource as unknown as SdkResource;
      const value = definition.resolve(sdkResource.getItem(), parentFromSdk(sdkResource.parent));
      resource.setColumData(column.name, sdkValue(definition.type, value));
      return Promise.resolve();
    },
  });
}

function toSdkTable(definition: AnyTableDefinition, parent: Table | null): Table {
  const table = createTable({
    name: definition.name,
    title: definition.title ?? "",
    description: definition.description,
    isIncremental: definition.isIncremental ?? false,
    parent,
    columns: [...cqColumns(), ...definition.columns.map((column) => toSdkColumn(column))],
    resolver: async (meta, parentResource, stream: Writable) => {
      const { client, spec, logger, state, signal } = meta as unknown as SdkClientMeta;
      const ctx: ResolverContext = { client, spec, logger, state, signal, table: definition.name };
      const parentRow = parentFromSdk(parentResource);
      for await (const page of definition.resolve(ctx, parentRow)) {
        for (const item of Array.isArray(page) ? (page as unknown[]) : [page]) stream.write(item);
      }
    },
  });
  table.relations = (definition.children ?? []).map((child) => toSdkTable(child, table));
  return table;
}

/**
 * SDK tables (GetTables, `package`'s tables.json, the SDK scheduler) from table definitions:
 * `_cq_id` first (uuid, not null, unique), `_cq_parent_id`, then the defined columns, with the
 * Arrow schema metadata the SDK writes (table name, description, PKs, incremental, depends-on).
 */
export function createTablesForSdk(definitions: readonly AnyTableDefinition[]): Table[] {
  return definitions.map((definition) => toSdkTable(definition, null));
}

/** The Arrow schema of an SDK table, exactly as the SDK encodes it in `migrate_table`. */
export function arrowSchemaOf(table: Table): Schema {
  return toArrowSchema(table);
}
