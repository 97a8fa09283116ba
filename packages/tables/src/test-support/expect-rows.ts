import { expect } from "vitest";

import type { TableTestResult } from "@cq-launchdarkly/core/testing";

/**
 * The table holds exactly the expected rows: the same count, and for each expected row one synced
 * row containing its values (a sample of columns, compared with `objectContaining`).
 */
export function expectRows(
  result: TableTestResult,
  table: string,
  expected: readonly Record<string, unknown>[],
): void {
  const rows = result.rows[table] ?? [];
  expect(rows.length, `${table} row count`).toBe(expected.length);
  for (const want of expected) {
    expect(rows, `${table} has ${JSON.stringify(want).slice(0, 120)}`).toContainEqual(
      expect.objectContaining(want),
    );
  }
}

/** A millisecond epoch as the Date the decoded rows hold (undefined stays NULL). */
export function ms(value: number | undefined): Date | null {
  return value === undefined ? null : new Date(value);
}
