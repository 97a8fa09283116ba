import type { Comparison } from "./compare-with-truth.js";

/** What one scenario run produced: the figures the suite prints and asserts on. */
export interface ScenarioResult {
  readonly scenario: string;
  /** `cli` or `grpc`. */
  readonly path: "cli" | "grpc";
  /** Exit code of the CLI; for gRPC 0 when the sync stream ended cleanly, 1 otherwise. */
  readonly exitCode: number | null;
  readonly comparison: Comparison;
  /** Rows in the truth the API refused to serve in this scenario. */
  readonly unrecoverable: number;
  /** Requests the simulator answered (retries included). */
  readonly requests: number;
  /** Retries the client reported. */
  readonly retries: number;
  /** 429s the simulator sent. */
  readonly rateLimited: number;
  /** Tables the sync reported warnings for. */
  readonly warningTables: readonly string[];
  /** Tables the sync reported errors for. */
  readonly errorTables: readonly string[];
  /** Occurrences of the access token in logs, database rows, state and file bytes. */
  readonly tokenHits: number;
  readonly durationMs: number;
  /** Everything the sync printed (for failure messages). */
  readonly output: string;
}

const COLUMNS = [
  ["scenario", 40],
  ["path", 5],
  ["exit", 4],
  ["expected", 8],
  ["synced", 8],
  ["lost", 5],
  ["dup", 4],
  ["extra", 5],
  ["unrecov", 7],
  ["requests", 8],
  ["retries", 7],
  ["429s", 5],
  ["token", 5],
  ["time", 7],
] as const;

/** The header of the table {@link formatResult} lines belong to. */
export function resultHeader(): string {
  return COLUMNS.map(([name, width], i) =>
    i === 0 ? name.padEnd(width) : name.padStart(width),
  ).join(" ");
}

/** One line: rows expected, synced, lost, duplicated, requests, retries, time (and more). */
export function formatResult(result: ScenarioResult): string {
  const c = result.comparison;
  const cells = [
    result.scenario,
    result.path,
    String(result.exitCode),
    String(c.expected),
    String(c.synced),
    String(c.lost),
    String(c.duplicated),
    String(c.extra),
    String(result.unrecoverable),
    String(result.requests),
    String(result.retries),
    String(result.rateLimited),
    String(result.tokenHits),
    `${(result.durationMs / 1000).toFixed(1)}s`,
  ];
  return cells
    .map((cell, i) => {
      const width = COLUMNS[i]?.[1] ?? 0;
      return i === 0 ? cell.padEnd(width) : cell.padStart(width);
    })
    .join(" ");
}
