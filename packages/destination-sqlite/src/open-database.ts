import type { Database as SqliteDatabase } from "better-sqlite3";
import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

import { describeSqliteError, SqliteDestinationError } from "./sqlite-destination-error.js";

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** How long a statement waits for another connection's lock before failing, in ms. */
  readonly busyTimeoutMs: number;
}

/** Whether `databasePath` names a file (not `:memory:` or an empty, temporary database). */
export function isFilePath(databasePath: string): boolean {
  return databasePath !== ":memory:" && databasePath !== "";
}

/**
 * Opens a SQLite file for writing: WAL journal, `busy_timeout`, `synchronous=NORMAL` (durable
 * with WAL except on power loss). Probes for a write lock (`BEGIN IMMEDIATE; ROLLBACK`) so a
 * missing directory, an unwritable or read-only file and a locked database fail here, before
 * anything is written, with a message naming the path and what to do.
 * @throws SqliteDestinationError
 */
export function openDatabase(databasePath: string, options: OpenDatabaseOptions): SqliteDatabase {
  const file = isFilePath(databasePath) ? path.resolve(databasePath) : databasePath;
  if (isFilePath(databasePath)) {
    const directory = path.dirname(file);
    let isDirectory = false;
    try {
      isDirectory = statSync(directory).isDirectory();
    } catch {
      isDirectory = false;
    }
    if (!isDirectory) {
      throw new SqliteDestinationError(
        "cannot-open",
        `Cannot open SQLite database ${file}: directory ${directory} does not exist. Create it ` +
          `or point connection_string at an existing directory.`,
      );
    }
  }
  let database: SqliteDatabase | undefined;
  try {
    database = new Database(file, { timeout: options.busyTimeoutMs });
    database.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
    if (isFilePath(databasePath)) {
      database.pragma("journal_mode = WAL");
      database.pragma("synchronous = NORMAL");
    }
    database.exec("BEGIN IMMEDIATE");
    database.exec("ROLLBACK");
    return database;
  } catch (error) {
    database?.close();
    throw describeSqliteError(error, file, "open the database for writing", options.busyTimeoutMs);
  }
}
