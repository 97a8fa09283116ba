import path from "node:path";

/**
 * Why a SQLite operation failed, for callers that branch on it: `locked` another connection holds
 * the lock past `busy_timeout`, `read-only` the file or directory cannot be written, `cannot-open`
 * the path cannot be opened, `not-a-database`, `migration-refused` a destructive change in safe
 * mode, `unsupported-type` an Arrow type without a mapping, `invalid-input` a malformed message,
 * `constraint` a row broke a constraint, `closed` use after close, `sqlite` anything else.
 */
export type SqliteDestinationErrorReason =
  | "locked"
  | "read-only"
  | "cannot-open"
  | "not-a-database"
  | "migration-refused"
  | "unsupported-type"
  | "invalid-input"
  | "constraint"
  | "closed"
  | "sqlite";

/** Thrown by the SQLite destination; the message names the file or table and what to do. */
export class SqliteDestinationError extends Error {
  override readonly name = "SqliteDestinationError";
  /** Machine-readable category of the failure. */
  readonly reason: SqliteDestinationErrorReason;

  constructor(reason: SqliteDestinationErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}

function sqliteCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const { code } = error;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/**
 * Turns a better-sqlite3 error into a {@link SqliteDestinationError} whose message names the
 * database path, what was being done, and what the user can do about it.
 */
export function describeSqliteError(
  error: unknown,
  databasePath: string,
  action: string,
  busyTimeoutMs: number,
): SqliteDestinationError {
  if (error instanceof SqliteDestinationError) return error;
  const code = sqliteCode(error) ?? "";
  const detail = error instanceof Error ? error.message : String(error);
  const where = `SQLite database ${databasePath}`;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new SqliteDestinationError(
      "locked",
      `Cannot ${action}: ${where} is locked by another connection (waited ${busyTimeoutMs} ms). ` +
        `Close the other program using the file (another sync, a DB browser) or retry later. (${detail})`,
      { cause: error },
    );
  }
  if (code.startsWith("SQLITE_READONLY")) {
    return new SqliteDestinationError(
      "read-only",
      `Cannot ${action}: ${where} is read-only. Make the file and its directory ` +
        `${path.dirname(databasePath)} writable by this user (SQLite also creates -wal and -shm files ` +
        `beside it), or point connection_string at a writable location. (${detail})`,
      { cause: error },
    );
  }
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_PERM")) {
    return new SqliteDestinationError(
      "cannot-open",
      `Cannot ${action}: ${where} cannot be opened. Check that the directory ` +
        `${path.dirname(databasePath)} exists and is writable by this user. (${detail})`,
      { cause: error },
    );
  }
  if (code === "SQLITE_NOTADB") {
    return new SqliteDestinationError(
      "not-a-database",
      `Cannot ${action}: ${databasePath} is not a SQLite database. Point connection_string at a ` +
        `new path or an existing SQLite file. (${detail})`,
      { cause: error },
    );
  }
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    return new SqliteDestinationError(
      "constraint",
      `Cannot ${action} in ${where}: ${detail}. The batch was rolled back.`,
      { cause: error },
    );
  }
  return new SqliteDestinationError("sqlite", `Cannot ${action} in ${where}: ${detail}`, {
    cause: error,
  });
}
