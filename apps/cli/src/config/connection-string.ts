/** A SQLite `connection_string` taken apart. */
export interface SqliteConnection {
  /** The database file path. */
  path: string;
  /** `_busy_timeout` (or `_pragma=busy_timeout(N)`) from the DSN, in ms. */
  busyTimeoutMs?: number;
}

/**
 * Reads a CloudQuery SQLite `connection_string`: a plain path (`./db.sqlite`) or a go-sqlite3 DSN
 * (`file:db.sqlite?_journal_mode=WAL&_busy_timeout=5000`). Only the path and the busy timeout
 * matter here: the destination always uses WAL.
 */
export function parseConnectionString(connection: string): SqliteConnection {
  let rest = connection.trim();
  let query = "";
  if (rest.startsWith("file:")) {
    rest = rest.slice("file:".length);
    const at = rest.indexOf("?");
    if (at >= 0) {
      query = rest.slice(at + 1);
      rest = rest.slice(0, at);
    }
  }
  const result: SqliteConnection = { path: rest };
  for (const [key, value] of new URLSearchParams(query)) {
    const pragma = key === "_pragma" ? /^busy_timeout\((\d+)\)$/.exec(value) : null;
    const timeout = key === "_busy_timeout" || key === "_timeout" ? value : pragma?.[1];
    if (timeout !== undefined && /^\d+$/.test(timeout)) result.busyTimeoutMs = Number(timeout);
  }
  return result;
}
