import Database from "better-sqlite3";

import type { ExpectedRows } from "./truth-keys.js";

/** How one table of a synced SQLite file compares with the expected rows. */
export interface TableComparison {
  readonly table: string;
  /** Rows the truth says the API serves. */
  readonly expected: number;
  /** Rows in the file. */
  readonly synced: number;
  /** Expected keys missing from the file. */
  readonly lost: number;
  /** Rows beyond the first with the same primary key. */
  readonly duplicated: number;
  /** Keys in the file that are not expected (stale or invented rows). */
  readonly extra: number;
  /** A few missing keys, for the failure message. */
  readonly lostSample: readonly string[];
}

/** Every table, and the totals. */
export interface Comparison {
  readonly tables: readonly TableComparison[];
  readonly expected: number;
  readonly synced: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly extra: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Reads every expected table of the SQLite file at `file` (missing tables count as empty) and
 * compares its primary keys with `expected`.
 */
export function compareWithTruth(file: string, expected: ExpectedRows): Comparison {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const existing = new Set(
      (
        db.prepare("select name from sqlite_master where type = 'table'").all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    const tables: TableComparison[] = [];
    for (const [table, want] of Object.entries(expected).sort(([a], [b]) => a.localeCompare(b))) {
      const rows = existing.has(table)
        ? (db
            .prepare(`select ${want.columns.map(quote).join(", ")} from ${quote(table)}`)
            .raw()
            .all() as unknown[][])
        : [];
      const keys = rows.map((row) => JSON.stringify(row));
      const have = new Set(keys);
      const wanted = new Set(want.keys);
      const lost = [...wanted].filter((k) => !have.has(k));
      tables.push({
        table,
        expected: wanted.size,
        synced: rows.length,
        lost: lost.length,
        duplicated: rows.length - have.size,
        extra: [...have].filter((k) => !wanted.has(k)).length,
        lostSample: lost.slice(0, 3),
      });
    }
    const sum = (of: (t: TableComparison) => number) => tables.reduce((n, t) => n + of(t), 0);
    return {
      tables,
      expected: sum((t) => t.expected),
      synced: sum((t) => t.synced),
      lost: sum((t) => t.lost),
      duplicated: sum((t) => t.duplicated),
      extra: sum((t) => t.extra),
    };
  } finally {
    db.close();
  }
}

/** The tables that differ, one line each (for assertion messages). */
export function describeDifferences(comparison: Comparison): string {
  return comparison.tables
    .filter((t) => t.lost || t.duplicated || t.extra)
    .map(
      (t) =>
        `${t.table}: expected ${t.expected}, synced ${t.synced}, lost ${t.lost} (e.g. ${t.lostSample.join(" ")}), duplicated ${t.duplicated}, extra ${t.extra}`,
    )
    .join("\n");
}
