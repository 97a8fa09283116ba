import {
  Binary,
  Bool,
  DateDay,
  Decimal,
  Field,
  FixedSizeBinary,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  LargeBinary,
  LargeUtf8,
  List,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import { createColumn } from "@cloudquery/plugin-sdk-javascript/schema/column";
import { createTable, encodeTable } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { JSONType } from "@cloudquery/plugin-sdk-javascript/types/json";
import { UUIDType } from "@cloudquery/plugin-sdk-javascript/types/uuid";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { FlushEvent } from "./sqlite-destination.js";
import type { TempDatabase } from "./testing.js";
import { SqliteDestinationError } from "./sqlite-destination-error.js";
import { SqliteDestination } from "./sqlite-destination.js";
import { recordBytesOf, recordOf, rowsOf } from "./test-support/records.js";
import { createTempDatabase } from "./testing.js";

const MICROS = 1_796_416_093_123_456n; // 2026-12-04T20:28:13.123456Z

const allTypes = createTable({
  name: "all_types",
  isIncremental: false,
  columns: [
    createColumn({ name: "id", type: new Int64(), primaryKey: true }),
    createColumn({ name: "i8", type: new Int8() }),
    createColumn({ name: "i16", type: new Int16() }),
    createColumn({ name: "i32", type: new Int32() }),
    createColumn({ name: "i64", type: new Int64() }),
    createColumn({ name: "u8", type: new Uint8() }),
    createColumn({ name: "u16", type: new Uint16() }),
    createColumn({ name: "u32", type: new Uint32() }),
    createColumn({ name: "u64", type: new Uint64() }),
    createColumn({ name: "f32", type: new Float32() }),
    createColumn({ name: "f64", type: new Float64() }),
    createColumn({ name: "flag", type: new Bool() }),
    createColumn({ name: "text", type: new Utf8() }),
    createColumn({ name: "large_text", type: new LargeUtf8() }),
    createColumn({ name: "bytes", type: new Binary() }),
    createColumn({ name: "large_bytes", type: new LargeBinary() }),
    createColumn({ name: "fixed_bytes", type: new FixedSizeBinary(4) }),
    createColumn({ name: "json", type: new JSONType() }),
    createColumn({ name: "uuid", type: new UUIDType() }),
    createColumn({ name: "ts_us", type: new TimestampMicrosecond("UTC") }),
    createColumn({ name: "ts_ms", type: new TimestampMillisecond("UTC") }),
    createColumn({ name: "ts_ns", type: new TimestampNanosecond("UTC") }),
    createColumn({ name: "ts_s", type: new TimestampSecond("UTC") }),
    createColumn({ name: "day", type: new DateDay() }),
    createColumn({ name: "tags", type: new List(new Field("item", new Utf8(), true)) }),
  ],
});

const fullRow = {
  id: 1n,
  i8: -128,
  i16: -32768,
  i32: -2147483648,
  i64: 2n ** 62n + 7n,
  u8: 255,
  u16: 65535,
  u32: 4294967295,
  u64: 2n ** 64n - 1n,
  f32: 1.5,
  f64: Math.PI,
  flag: true,
  text: "héllo 'quoted' \"text\" 🚀",
  large_text: "x".repeat(1000),
  bytes: new Uint8Array([0, 1, 2, 255]),
  large_bytes: new Uint8Array([9, 8, 7]),
  fixed_bytes: new Uint8Array([1, 2, 3, 4]),
  json: { nested: { a: [1, 2, { b: null }] }, s: "42" },
  uuid: "0f8fad5b-d9cb-469f-a165-70867728950e",
  ts_us: MICROS,
  ts_ms: MICROS - (MICROS % 1000n),
  ts_ns: MICROS,
  ts_s: MICROS - (MICROS % 1_000_000n),
  day: new Date("2026-12-04T00:00:00Z"),
  tags: ["a", "b", ""],
};

function keyValue(name: string, options: { extra?: boolean; incremental?: boolean } = {}) {
  return createTable({
    name,
    isIncremental: options.incremental ?? false,
    columns: [
      createColumn({ name: "org", type: new Utf8(), primaryKey: true }),
      createColumn({ name: "key", type: new Utf8(), primaryKey: true }),
      createColumn({ name: "value", type: new Utf8() }),
      ...(options.extra ? [createColumn({ name: "extra", type: new Int64() })] : []),
    ],
  });
}

function tableRows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).safeIntegers(true).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

let temp: TempDatabase;
let open: SqliteDestination[] = [];

function destination(options: Partial<Parameters<typeof SqliteDestination.open>[0]> = {}) {
  const dest = SqliteDestination.open({ path: temp.path, ...options });
  open.push(dest);
  return dest;
}

beforeEach(() => {
  temp = createTempDatabase();
  open = [];
});

afterEach(() => {
  for (const dest of open) {
    try {
      dest.close();
    } catch {
      // the test already asserted the failure
    }
  }
  temp.cleanup();
});

describe("types", () => {
  it("round-trips every supported type through IPC bytes, SQLite and read()", () => {
    const dest = destination();
    dest.migrateTable(encodeTable(allTypes));
    dest.insert(recordBytesOf(allTypes, [fullRow, { id: 2n }]));
    dest.flush();

    const [stored] = tableRows(temp.path, "SELECT * FROM all_types WHERE id = 1");
    expect(stored).toMatchObject({
      i64: 2n ** 62n + 7n,
      u64: -1n,
      flag: 1n,
      json: JSON.stringify(fullRow.json),
      uuid: "0f8fad5b-d9cb-469f-a165-70867728950e",
      ts_us: "2026-12-04T20:28:13.123456Z",
      ts_ms: "2026-12-04T20:28:13.123000Z",
      ts_ns: "2026-12-04T20:28:13.123456Z",
      ts_s: "2026-12-04T20:28:13.000000Z",
      day: "2026-12-04",
      tags: '["a","b",""]',
    });
    expect(stored?.bytes).toEqual(Buffer.from([0, 1, 2, 255]));
    const declared = tableRows(temp.path, "SELECT name, type FROM pragma_table_info('all_types')");
    expect(Object.fromEntries(declared.map((c) => [c.name, c.type]))).toMatchObject({
      id: "INTEGER",
      f64: "REAL",
      flag: "BOOLEAN",
      json: "TEXT",
      uuid: "TEXT",
      ts_us: "TIMESTAMP",
      day: "DATE",
      bytes: "BLOB",
      tags: "TEXT",
    });

    const [full, empty] = rowsOf(dest.read(encodeTable(allTypes)));
    expect(full).toMatchObject({
      id: 1n,
      i8: -128,
      i16: -32768,
      i32: -2147483648,
      i64: 2n ** 62n + 7n,
      u8: 255,
      u16: 65535,
      u32: 4294967295,
      u64: 2n ** 64n - 1n,
      f32: 1.5,
      f64: Math.PI,
      flag: true,
      text: fullRow.text,
      large_text: fullRow.large_text,
      day: Date.UTC(2026, 11, 4),
    });
    expect(full?.bytes).toEqual(fullRow.bytes);
    expect(full?.large_bytes).toEqual(fullRow.large_bytes);
    expect(full?.fixed_bytes).toEqual(fullRow.fixed_bytes);
    expect(JSON.parse(new TextDecoder().decode(full?.json as Uint8Array))).toEqual(fullRow.json);
    expect(Buffer.from(full?.uuid as Uint8Array).toString("hex")).toBe(
      "0f8fad5bd9cb469fa16570867728950e",
    );
    expect(JSON.parse(JSON.stringify(full?.tags))).toEqual(["a", "b", ""]);
    // Timestamps keep their microseconds: check the raw 64-bit values of the read record.
    const [batch] = [...dest.read(encodeTable(allTypes))];
    const raw = (name: string) => (batch?.getChild(name)?.data[0]?.values as BigInt64Array)[0];
    expect(raw("ts_us")).toBe(MICROS);
    expect(raw("ts_ns")).toBe(MICROS * 1000n);
    expect(raw("ts_s")).toBe(MICROS / 1_000_000n);
    expect(
      batch?.schema.fields.find((f) => f.name === "json")?.metadata.get("ARROW:extension:name"),
    ).toBe("json");

    const nulls = Object.entries(empty ?? {}).filter(([name]) => name !== "id");
    expect(nulls.every(([, value]) => value === null)).toBe(true);
  });

  it("stores text and string lists of many rows exactly (non-ASCII, surrogate pairs, nulls)", () => {
    const texts = createTable({
      name: "texts",
      isIncremental: false,
      columns: [
        createColumn({ name: "id", type: new Int64(), primaryKey: true }),
        createColumn({ name: "text", type: new Utf8() }),
        createColumn({ name: "large_text", type: new LargeUtf8() }),
        createColumn({ name: "tags", type: new List(new Field("item", new Utf8(), true)) }),
        createColumn({ name: "empty", type: new Utf8() }),
      ],
    });
    const values = ["plain", "", "héllo", "🚀 rocket 🚀", "日本語", null, "a\u0000b", "ß"];
    const rows = values.map((text, index) => ({
      id: BigInt(index),
      text,
      large_text: text === null ? null : `${text}|${text}`,
      tags: index === 5 ? null : index === 1 ? [] : [text, null, "é", "x"],
      empty: null,
    }));
    const dest = destination();
    dest.migrateTable(texts);
    dest.insert(recordBytesOf(texts, rows));
    dest.flush();
    expect(tableRows(temp.path, "SELECT * FROM texts ORDER BY id")).toEqual(
      rows.map((row) => ({
        ...row,
        tags: row.tags === null ? null : JSON.stringify(row.tags),
      })),
    );
  });

  it("refuses an Arrow type without a faithful mapping, naming table and column", () => {
    const dest = destination();
    const table = createTable({
      name: "odd",
      columns: [createColumn({ name: "amount", type: new Decimal(2, 10, 128) })],
    });
    expect(() => dest.migrateTable(table)).toThrow(
      /Column "amount" of table "odd" has Arrow type Decimal/,
    );
  });
});

describe("write modes", () => {
  const table = keyValue("settings");

  it("upserts on the composite primary key in overwrite modes", () => {
    const dest = destination();
    dest.migrateTable(table);
    dest.insert(
      recordOf(table, [
        { org: "a", key: "k1", value: "v1" },
        { org: "a", key: "k2", value: "v2" },
        { org: "b", key: "k1", value: "v3" },
      ]),
    );
    dest.flush();
    dest.insert(
      recordOf(table, [
        { org: "a", key: "k2", value: "changed" },
        { org: "a", key: "k2", value: "changed twice" },
        { org: "c", key: "k1", value: null },
      ]),
    );
    dest.flush();
    expect(tableRows(temp.path, "SELECT org, key, value FROM settings ORDER BY org, key")).toEqual([
      { org: "a", key: "k1", value: "v1" },
      { org: "a", key: "k2", value: "changed twice" },
      { org: "b", key: "k1", value: "v3" },
      { org: "c", key: "k1", value: null },
    ]);
    const keys = tableRows(
      temp.path,
      "SELECT name FROM pragma_table_info('settings') WHERE pk > 0 ORDER BY pk",
    );
    expect(keys.map((row) => row.name)).toEqual(["org", "key"]);
  });

  it("appends without a primary key in append mode", () => {
    const dest = destination({ writeMode: "append" });
    dest.migrateTable(table);
    const rows = [{ org: "a", key: "k1", value: "v1" }];
    dest.insert(recordOf(table, rows));
    dest.insert(recordOf(table, rows));
    dest.flush();
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM settings")).toEqual([{ n: 2n }]);
    expect(
      tableRows(temp.path, "SELECT count(*) AS n FROM pragma_table_info('settings') WHERE pk > 0"),
    ).toEqual([{ n: 0n }]);
  });

  it("applies a write() message stream in order and flushes at the end", async () => {
    const dest = destination({ batchSize: 1000 });
    await dest.write(
      (async function* () {
        await Promise.resolve();
        yield { type: "migrate_table" as const, table: encodeTable(table) };
        yield {
          type: "insert" as const,
          record: recordBytesOf(table, [{ org: "a", key: "k", value: "1" }]),
        };
      })(),
    );
    expect(tableRows(temp.path, "SELECT value FROM settings")).toEqual([{ value: "1" }]);
  });

  it("migrates a table on its first insert when no migrate message came", () => {
    const dest = destination();
    dest.insert(recordOf(table, [{ org: "a", key: "k", value: "1" }]));
    dest.flush();
    expect(tableRows(temp.path, "SELECT org, key, value FROM settings")).toEqual([
      { org: "a", key: "k", value: "1" },
    ]);
  });
});

describe("migrations", () => {
  it("adds a nullable column in safe mode and keeps the rows", () => {
    const dest = destination();
    dest.migrateTable(keyValue("t"));
    dest.insert(recordOf(keyValue("t"), [{ org: "a", key: "k", value: "v" }]));
    dest.migrateTable(keyValue("t", { extra: true }));
    dest.insert(
      recordOf(keyValue("t", { extra: true }), [{ org: "b", key: "k", value: "w", extra: 5n }]),
    );
    dest.flush();
    expect(tableRows(temp.path, "SELECT org, extra FROM t ORDER BY org")).toEqual([
      { org: "a", extra: null },
      { org: "b", extra: 5n },
    ]);
    // Dropping the nullable column again is tolerated: it stays and is written as NULL.
    dest.migrateTable(keyValue("t"));
    dest.insert(recordOf(keyValue("t"), [{ org: "c", key: "k", value: "x" }]));
    dest.flush();
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM t")).toEqual([{ n: 3n }]);
  });

  it("refuses a type change in safe mode, naming table and column, and leaves the table alone", () => {
    const dest = destination();
    dest.migrateTable(keyValue("t"));
    dest.insert(recordOf(keyValue("t"), [{ org: "a", key: "k", value: "v" }]));
    const changed = createTable({
      name: "t",
      columns: [
        createColumn({ name: "org", type: new Utf8(), primaryKey: true }),
        createColumn({ name: "key", type: new Utf8(), primaryKey: true }),
        createColumn({ name: "value", type: new Int64() }),
      ],
    });
    let error: unknown;
    try {
      dest.migrateTable(changed);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SqliteDestinationError);
    expect((error as SqliteDestinationError).reason).toBe("migration-refused");
    expect((error as Error).message).toMatch(
      /Can't migrate table "t" in .*test\.db in safe mode: column "value" changes type from TEXT to INTEGER\. .*migrate_mode: forced/,
    );
    expect(tableRows(temp.path, "SELECT org, value FROM t")).toEqual([{ org: "a", value: "v" }]);
  });

  it("refuses a primary key change and a removed NOT NULL column in safe mode", () => {
    const dest = destination();
    dest.migrateTable(keyValue("t"));
    const onlyOrg = createTable({
      name: "t",
      columns: [
        createColumn({ name: "org", type: new Utf8(), primaryKey: true }),
        createColumn({ name: "value", type: new Utf8() }),
      ],
    });
    expect(() => dest.migrateTable(onlyOrg)).toThrow(
      /column "key" was removed but the table declares it part of the primary key; primary key changes from \(org, key\) to \(org\)/,
    );
  });

  it("recreates the table in forced mode when a change is destructive", () => {
    const dest = destination();
    dest.migrateTable(keyValue("t"));
    dest.insert(recordOf(keyValue("t"), [{ org: "a", key: "k", value: "v" }]));
    dest.flush();
    const changed = createTable({
      name: "t",
      columns: [createColumn({ name: "id", type: new Int64(), primaryKey: true })],
    });
    dest.migrateTable(changed, { force: true });
    dest.insert(recordOf(changed, [{ id: 7n }]));
    dest.flush();
    expect(tableRows(temp.path, "SELECT * FROM t")).toEqual([{ id: 7n }]);
    // Forced mode without destructive changes keeps the rows.
    dest.migrateTable(changed, { force: true });
    expect(tableRows(temp.path, "SELECT * FROM t")).toEqual([{ id: 7n }]);
  });
});

describe("delete stale", () => {
  const t1 = 1_796_416_093_000_100n; // two syncs within the same second, 1 µs … 100 µs apart
  const t2 = 1_796_416_093_000_101n;

  it("deletes rows of this source older than the sync time, exactly to the microsecond", () => {
    const table = keyValue("items");
    const first = destination({ sourceName: "ld", syncTime: t1 });
    first.migrateTable(table);
    first.insert(
      recordOf(table, [
        { org: "a", key: "stays", value: "1" },
        { org: "a", key: "goes", value: "1" },
      ]),
    );
    first.close();
    const other = destination({ sourceName: "other", syncTime: t1 - 5_000_000n });
    other.migrateTable(table);
    other.insert(recordOf(table, [{ org: "z", key: "other-source", value: "1" }]));
    other.close();

    const second = destination({ sourceName: "ld", syncTime: t2 });
    second.migrateTable(table);
    second.insert(recordOf(table, [{ org: "a", key: "stays", value: "2" }]));
    expect(second.deleteStale({ tableName: "items", sourceName: "ld", syncTime: t2 })).toBe(1);
    expect(
      tableRows(
        temp.path,
        "SELECT key, value, _cq_source_name, _cq_sync_time FROM items ORDER BY key",
      ),
    ).toEqual([
      {
        key: "other-source",
        value: "1",
        _cq_source_name: "other",
        _cq_sync_time: "2026-12-04T20:28:08.000100Z",
      },
      {
        key: "stays",
        value: "2",
        _cq_source_name: "ld",
        _cq_sync_time: "2026-12-04T20:28:13.000101Z",
      },
    ]);
    // The internal columns come first, as the CloudQuery CLI adds them.
    const columns = tableRows(temp.path, "SELECT name FROM pragma_table_info('items')");
    expect(columns.map((c) => c.name)).toEqual([
      "_cq_sync_time",
      "_cq_source_name",
      "org",
      "key",
      "value",
    ]);
  });

  it("keeps rows that carry their own _cq_sync_time equal to the sync time", () => {
    const table = createTable({
      name: "own",
      columns: [
        createColumn({ name: "_cq_source_name", type: new Utf8() }),
        createColumn({ name: "_cq_sync_time", type: new TimestampMicrosecond("UTC") }),
        createColumn({ name: "id", type: new Int64(), primaryKey: true }),
      ],
    });
    const dest = destination();
    dest.migrateTable(table);
    dest.insert(
      recordOf(table, [
        { _cq_source_name: "s", _cq_sync_time: t1, id: 1n },
        { _cq_source_name: "s", _cq_sync_time: t2, id: 2n },
      ]),
    );
    expect(dest.deleteStale({ tableName: "own", sourceName: "s", syncTime: t2 })).toBe(1);
    expect(dest.deleteStale({ tableName: "own", sourceName: "s", syncTime: t2 })).toBe(0);
    expect(tableRows(temp.path, "SELECT id FROM own")).toEqual([{ id: 2n }]);
  });

  it("skips incremental tables, other write modes and tables it does not know", () => {
    const incremental = keyValue("audit", { incremental: true });
    const dest = destination({ sourceName: "ld", syncTime: t1 });
    dest.migrateTable(incremental);
    dest.insert(recordOf(incremental, [{ org: "a", key: "k", value: "v" }]));
    expect(dest.deleteStale({ tableName: "audit", sourceName: "ld", syncTime: t2 })).toBe(0);
    expect(dest.deleteStale({ tableName: "missing", sourceName: "ld", syncTime: t2 })).toBe(0);
    dest.close();
    const overwrite = destination({ writeMode: "overwrite" });
    overwrite.migrateTable(keyValue("plain"));
    expect(overwrite.deleteStale({ tableName: "audit", sourceName: "ld", syncTime: t2 })).toBe(0);
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM audit")).toEqual([{ n: 1n }]);
  });
});

describe("batching", () => {
  const table = keyValue("batched");
  const rows = Array.from({ length: 10 }, (_, i) => ({
    org: "o",
    key: `k${i}`,
    value: "v".repeat(10),
  }));

  it("flushes every batch_size rows, one transaction each", () => {
    const events: FlushEvent[] = [];
    const dest = destination({ batchSize: 3, onFlush: (event) => events.push(event) });
    dest.migrateTable(table);
    dest.insert(recordOf(table, rows));
    expect(events.map((event) => event.rows)).toEqual([3, 3, 3]);
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM batched")).toEqual([{ n: 9n }]);
    dest.flush();
    expect(events.map((event) => event.rows)).toEqual([3, 3, 3, 1]);
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM batched")).toEqual([{ n: 10n }]);
  });

  it("flushes when batch_size_bytes is reached", () => {
    const events: FlushEvent[] = [];
    // Each row is about 1 + 2 + 10 characters: 13 bytes, so 30 bytes flush every third row.
    const dest = destination({ batchSizeBytes: 30, onFlush: (event) => events.push(event) });
    dest.migrateTable(table);
    dest.insert(recordOf(table, rows));
    expect(events.map((event) => event.rows)).toEqual([3, 3, 3]);
    expect(events.every((event) => event.bytes >= 30)).toBe(true);
    dest.close();
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM batched")).toEqual([{ n: 10n }]);
  });

  it("rolls back the whole batch when one row fails", () => {
    const strict = createTable({
      name: "strict",
      columns: [
        createColumn({ name: "id", type: new Int64(), primaryKey: true }),
        createColumn({ name: "name", type: new Utf8(), notNull: true }),
      ],
    });
    const dest = destination();
    dest.migrateTable(strict);
    const loose = createTable({
      name: "strict",
      columns: [
        createColumn({ name: "id", type: new Int64(), primaryKey: true }),
        createColumn({ name: "name", type: new Utf8() }),
      ],
    });
    dest.insert(
      recordOf(loose, [
        { id: 1n, name: "a" },
        { id: 2n, name: null },
        { id: 3n, name: "c" },
      ]),
    );
    expect(() => dest.flush()).toThrow(
      /Cannot write 3 rows to table "strict" in SQLite database .*test\.db: NOT NULL constraint failed: strict\.name\. The batch was rolled back\./,
    );
    expect(tableRows(temp.path, "SELECT count(*) AS n FROM strict")).toEqual([{ n: 0n }]);
  });
});

describe("read", () => {
  it("reads nothing from a missing table and nulls for columns the file lacks", () => {
    const dest = destination();
    expect([...dest.read(keyValue("nothing"))]).toEqual([]);
    dest.migrateTable(keyValue("t"));
    dest.insert(recordOf(keyValue("t"), [{ org: "a", key: "k", value: "v" }]));
    expect(rowsOf(dest.read(keyValue("t", { extra: true })))).toEqual([
      { org: "a", key: "k", value: "v", extra: null },
    ]);
  });

  it("splits large tables into batches of batchRows", () => {
    const dest = destination();
    const table = keyValue("many");
    dest.insert(
      recordOf(
        table,
        Array.from({ length: 25 }, (_, i) => ({ org: "o", key: `${i}`, value: "v" })),
      ),
    );
    expect([...dest.read(table, { batchRows: 10 })].map((batch) => batch.numRows)).toEqual([
      10, 10, 5,
    ]);
  });
});
