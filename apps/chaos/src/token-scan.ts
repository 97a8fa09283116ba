import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";

/** Occurrences of `token` in `text`. */
export function countIn(text: string, token: string): number {
  if (!token) throw new Error("an empty token cannot be scanned for");
  return text.split(token).length - 1;
}

/** Occurrences of `token` in the raw bytes of a file and its `-wal`/`-journal` companions. */
export function countInFileBytes(file: string, token: string): number {
  let hits = 0;
  for (const path of [file, `${file}-wal`, `${file}-journal`]) {
    if (existsSync(path)) hits += countIn(readFileSync(path).toString("latin1"), token);
  }
  return hits;
}

/**
 * Occurrences of `token` in every value of every table of a SQLite file (the state table
 * included), read through SQLite so that pages not yet checkpointed count too.
 */
export function countInDatabase(file: string, token: string): number {
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
      name: string;
    }[];
    let hits = 0;
    for (const { name } of tables) {
      const rows = db
        .prepare(`select * from "${name.replaceAll('"', '""')}"`)
        .raw()
        .all() as unknown[][];
      for (const row of rows) {
        for (const value of row) {
          if (typeof value === "string") hits += countIn(value, token);
          else if (Buffer.isBuffer(value)) hits += countIn(value.toString("latin1"), token);
        }
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

/** Every place a sync could leak the token: its output and the database (rows, state, raw bytes). */
export function tokenHits(token: string, sources: { output: string; database: string }): number {
  return (
    countIn(sources.output, token) +
    countInDatabase(sources.database, token) +
    countInFileBytes(sources.database, token)
  );
}
