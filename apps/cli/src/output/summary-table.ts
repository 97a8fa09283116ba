import type { TableSummary } from "@cq-launchdarkly/core";

import { formatCount, formatDuration } from "./format.js";

const HEADERS = ["Table", "Rows", "Requests", "Retries", "429s", "Waited", "Warnings", "Errors"];

function cells(table: TableSummary, name: string): string[] {
  return [
    name,
    formatCount(table.rows),
    formatCount(table.requests),
    formatCount(table.retries),
    formatCount(table.rateLimited),
    formatDuration(table.waitedMs),
    formatCount(table.warnings),
    formatCount(table.errors),
  ];
}

/**
 * The end-of-sync table: one row per table (children indented by `depth`), then the totals.
 * Columns after the name are right-aligned.
 */
export function renderSummaryTable(
  tables: readonly TableSummary[],
  totals: TableSummary,
  depth: (table: string) => number = () => 0,
): string[] {
  const rows = [
    HEADERS,
    ...tables.map((table) => cells(table, `${"  ".repeat(depth(table.table))}${table.table}`)),
    cells(totals, "Total"),
  ];
  const widths = HEADERS.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  const lines = rows.map(format);
  return [lines[0] ?? "", rule, ...lines.slice(1, -1), rule, lines.at(-1) ?? ""];
}
