/** Per-table counters as both the CLI's `summary` event and core's log lines carry them. */
export interface TableCounters {
  table: string;
  rows: number;
  requests: number;
  retries: number;
  rateLimited: number;
  warnings: number;
  errors: number;
}

/** The counters of a sync, read from JSON log lines. */
export interface SummaryFigures {
  /** Retries the client made, every table together. */
  retries: number;
  /** Tables with at least one warning. */
  warningTables: string[];
  /** Tables with at least one error. */
  errorTables: string[];
}

const isCounters = (value: unknown): value is TableCounters =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as TableCounters).table === "string" &&
  typeof (value as TableCounters).retries === "number";

/**
 * Reads the figures from JSON log lines: the CLI's `summary` event (`tables`, `totals`), or else
 * core's `logSummary` lines (one per table with the counters as fields) as the plugin logs them.
 */
export function summaryFigures(lines: readonly Record<string, unknown>[]): SummaryFigures {
  const summary = lines.find((line) => line.event === "summary");
  const tables: TableCounters[] = Array.isArray(summary?.tables)
    ? (summary.tables as unknown[]).filter(isCounters)
    : lines.filter(
        (line): line is Record<string, unknown> & TableCounters =>
          isCounters(line) &&
          line.table !== "*" &&
          typeof line.message === "string" &&
          line.message.startsWith("table "),
      );
  return {
    retries: tables.reduce((n, t) => n + t.retries, 0),
    warningTables: tables.filter((t) => t.warnings > 0).map((t) => t.table),
    errorTables: tables.filter((t) => t.errors > 0).map((t) => t.table),
  };
}

/** The JSON objects of a log (one per line; other lines are skipped). */
export function jsonLogLines(output: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const line of output.split("\n")) {
    const start = line.indexOf("{");
    if (start < 0) continue;
    try {
      const value: unknown = JSON.parse(line.slice(start));
      if (typeof value === "object" && value !== null) lines.push(value as Record<string, unknown>);
    } catch {
      // Not JSON, or cut short by a kill.
    }
  }
  return lines;
}
