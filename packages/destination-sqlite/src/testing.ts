import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A database path for a test and a `cleanup` that removes what the test created. */
export interface TempDatabase {
  /** Path of the database file (not created yet). */
  readonly path: string;
  /** Removes the temporary directory; a no-op when `SQLITE_DB_PATH` chose the path. */
  cleanup(): void;
}

/**
 * A fresh database path in a new temporary directory. `SQLITE_DB_PATH` overrides it, to keep a
 * test's database for inspection while debugging (the file is then left in place).
 */
export function createTempDatabase(name = "test.db"): TempDatabase {
  const override = process.env.SQLITE_DB_PATH;
  if (override) return { path: path.resolve(override), cleanup: () => undefined };
  const directory = mkdtempSync(path.join(tmpdir(), "cq-sqlite-"));
  return {
    path: path.join(directory, name),
    cleanup: () => rmSync(directory, { recursive: true, force: true }),
  };
}
