import type { ColumnType } from "./column-type.js";
import type { ColumnDefinition } from "./table-definition.js";
import { path } from "./resolvers.js";

/**
 * Column name of an API field: strip one leading `_`, then snake_case (`_maintainerId` ->
 * `maintainer_id`, `creationDate` -> `creation_date`, `clientSideID` -> `client_side_id`).
 * The one place names are transformed (R17).
 */
export function toColumnName(field: string): string {
  return field
    .replace(/^_/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[-\s.]+/g, "_")
    .toLowerCase();
}

/** API fields never turned into columns: hypermedia links. */
export const skippedFields: ReadonlySet<string> = new Set(["_links"]);

/** Per-field override of `columnsFromFields`: a type, or a partial column definition. */
export type FieldSpec<Item> = ColumnType | (Partial<ColumnDefinition<Item>> & { type: ColumnType });

/**
 * Columns from API fields (top level, minimal transformation, R22): the name goes through
 * `toColumnName`, the value is read with `path(field)` unless the override has a resolver.
 * `_links` is skipped.
 */
export function columnsFromFields<Item>(
  fields: Readonly<Record<string, FieldSpec<Item>>>,
): ColumnDefinition<Item>[] {
  return Object.entries(fields)
    .filter(([field]) => !skippedFields.has(field))
    .map(([field, spec]) => {
      const override = typeof spec === "string" ? { type: spec } : spec;
      return {
        name: override.name ?? toColumnName(field),
        type: override.type,
        ...(override.primaryKey ? { primaryKey: true } : {}),
        ...(override.incrementalKey ? { incrementalKey: true } : {}),
        ...(override.description ? { description: override.description } : {}),
        resolve: override.resolve ?? path<Item>(field),
      } satisfies ColumnDefinition<Item>;
    });
}
