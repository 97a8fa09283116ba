import { execFileSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Utf8 } from "@cloudquery/plugin-sdk-javascript/arrow";
import { createColumn } from "@cloudquery/plugin-sdk-javascript/schema/column";
import { createTable } from "@cloudquery/plugin-sdk-javascript/schema/table";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { TempDatabase } from "./testing.js";
import { SqliteDestinationError } from "./sqlite-destination-error.js";
import { SqliteDestination } from "./sqlite-destination.js";
import { recordOf } from "./test-support/records.js";
import { createTempDatabase } from "./testing.js";

const table = createTable({
  name: "t",
  columns: [createColumn({ name: "id", type: new Utf8(), primaryKey: true })],
});

function count(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function failure(run: () => unknown): SqliteDestinationError {
  try {
    run();
  } catch (error) {
    if (error instanceof SqliteDestinationError) return error;
    throw error;
  }
  throw new Error("expected a SqliteDestinationError");
}

let temp: TempDatabase;
beforeEach(() => {
  temp = createTempDatabase();
});
afterEach(() => {
  chmodSync(path.dirname(temp.path), 0o700);
  temp.cleanup();
});

describe("opening", () => {
  it("turns on WAL and the busy timeout", () => {
    const dest = SqliteDestination.open({ path: temp.path, busyTimeoutMs: 1234 });
    expect(dest.connection.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(dest.connection.pragma("busy_timeout", { simple: true })).toBe(1234);
    dest.close();
  });

  it("names a missing directory", () => {
    const file = path.join(path.dirname(temp.path), "no", "such", "dir.db");
    const error = failure(() => SqliteDestination.open({ path: file }));
    expect(error.reason).toBe("cannot-open");
    expect(error.message).toContain(`directory ${path.dirname(file)} does not exist`);
    expect(existsSync(path.dirname(file))).toBe(false);
  });

  it("names a file that is not a database", async () => {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(temp.path, "definitely not sqlite, but long enough to have a header ".repeat(4));
    const error = failure(() => SqliteDestination.open({ path: temp.path }));
    expect(error.reason).toBe("not-a-database");
    expect(error.message).toContain(temp.path);
  });
});

describe("a locked database", () => {
  it("fails to open with a clear message while another connection holds the write lock", () => {
    SqliteDestination.open({ path: temp.path }).close();
    const other = new Database(temp.path);
    other.exec("BEGIN EXCLUSIVE");
    try {
      const error = failure(() => SqliteDestination.open({ path: temp.path, busyTimeoutMs: 50 }));
      expect(error.reason).toBe("locked");
      expect(error.message).toMatch(
        /SQLite database .*test\.db is locked by another connection \(waited 50 ms\)\. Close the other program/,
      );
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  });

  it("rolls back a batch that meets the lock and writes again once it is released", () => {
    const dest = SqliteDestination.open({ path: temp.path, busyTimeoutMs: 50 });
    dest.migrateTable(table);
    dest.insert(recordOf(table, [{ id: "before" }]));
    dest.flush();
    const other = new Database(temp.path);
    other.exec("BEGIN IMMEDIATE");
    dest.insert(recordOf(table, [{ id: "a" }, { id: "b" }]));
    const error = failure(() => dest.flush());
    expect(error.reason).toBe("locked");
    expect(error.message).toContain('Cannot write 2 rows to table "t"');
    other.exec("ROLLBACK");
    other.close();
    expect(count(temp.path)).toBe(1);
    dest.insert(recordOf(table, [{ id: "after" }]));
    dest.close();
    expect(count(temp.path)).toBe(2);
  });
});

describe("a read-only file", () => {
  it("fails with a clear message and leaves the file as it was", () => {
    const setup = SqliteDestination.open({ path: temp.path });
    setup.migrateTable(table);
    setup.insert(recordOf(table, [{ id: "existing" }]));
    setup.close();
    const directory = path.dirname(temp.path);
    chmodSync(temp.path, 0o444);
    chmodSync(directory, 0o555);
    // root ignores file permissions: the attempt runs in a child process without the
    // capabilities that let root override them (setpriv, from util-linux), still as root so it
    // can read the checkout wherever it is.
    const root = process.getuid?.() === 0;
    const script = fileURLToPath(new URL("./test-support/try-write.ts", import.meta.url));
    const node = [process.execPath, "--import", "tsx", script, temp.path];
    const dropCapabilities = [
      "--inh-caps=-dac_override,-dac_read_search",
      "--bounding-set=-dac_override,-dac_read_search",
    ];
    const [command = "", ...args] = root ? ["setpriv", ...dropCapabilities, ...node] : node;
    const output = execFileSync(command, args, {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
    });
    const result = JSON.parse(output) as { reason?: string; message?: string };
    expect(result.reason).toBe("read-only");
    expect(result.message).toContain(`SQLite database ${temp.path} is read-only`);
    expect(result.message).toContain(`Make the file and its directory ${directory} writable`);
    chmodSync(directory, 0o700);
    chmodSync(temp.path, 0o644);
    expect(count(temp.path)).toBe(1);
  });
});
