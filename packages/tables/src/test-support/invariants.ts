import { expect } from "vitest";

import type { TableTestResult } from "@cq-launchdarkly/core/testing";

/** Primary keys of a table, from the Arrow schema the sync sent. */
export function primaryKeysOf(result: TableTestResult, table: string): string[] {
  const schema = result.schemas[table];
  if (!schema) throw new Error(`${table} was not migrated`);
  return schema.fields
    .filter((field) => field.metadata.get("cq:extension:primary_key") === "true")
    .map((field) => field.name);
}

/**
 * What every synced table must satisfy (as CloudQuery's own plugin tests demand): rows exist,
 * primary keys are unique, and every column is non-null in at least one row.
 */
export function expectTableInvariants(
  result: TableTestResult,
  table: string,
  options: { nullable?: readonly string[] } = {},
): void {
  const rows = result.rows[table] ?? [];
  expect(rows.length, `${table} has rows`).toBeGreaterThan(0);
  const keys = primaryKeysOf(result, table);
  expect(keys.length, `${table} has a primary key`).toBeGreaterThan(0);
  const seen = new Set(rows.map((row) => JSON.stringify(keys.map((key) => row[key]))));
  expect(seen.size, `${table} primary keys are unique`).toBe(rows.length);
  const schema = result.schemas[table];
  for (const field of schema?.fields ?? []) {
    if (options.nullable?.includes(field.name) || field.name === "_cq_parent_id") continue;
    const filled = rows.some((row) => row[field.name] !== null && row[field.name] !== undefined);
    expect(filled, `${table}.${field.name} is non-null in some row`).toBe(true);
  }
}

/** Every child row points at an existing parent row through `_cq_parent_id`. */
export function expectLinkedToParent(result: TableTestResult, child: string, parent: string): void {
  const parents = new Map((result.rows[parent] ?? []).map((row) => [row._cq_id, row]));
  for (const row of result.rows[child] ?? []) {
    expect(parents.has(row._cq_parent_id), `${child} row links to a ${parent} row`).toBe(true);
  }
}
