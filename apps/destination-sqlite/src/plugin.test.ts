import type { Data, DataType } from "@cloudquery/plugin-sdk-javascript/arrow";
import type { ServiceError } from "@grpc/grpc-js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discovery1, pluginV3 } from "@cloudquery/plugin-pb-javascript";
import {
  Table as ArrowTable,
  Bool,
  Int64,
  makeData,
  RecordBatch,
  Struct,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from "@cloudquery/plugin-sdk-javascript/arrow";
import { createColumn } from "@cloudquery/plugin-sdk-javascript/schema/column";
import { createTable, toArrowSchema } from "@cloudquery/plugin-sdk-javascript/schema/table";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { decodeRecord } from "@cq-launchdarkly/core/testing";

import type { PluginProcess } from "./test-support/plugin-process.js";
import { RecordTransformer } from "./test-support/cloudquery-cli.js";
import {
  closePlugin,
  initPlugin,
  startPluginProcess,
  unary,
} from "./test-support/plugin-process.js";

const pb = pluginV3.cloudquery.plugin.v3;
const mainJs = join(import.meta.dirname, "..", "dist", "main.js");
type WriteRequest = InstanceType<typeof pb.Write.Request>;

let plugin: PluginProcess;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  plugin = await startPluginProcess({ name: "sqlite", mainJs, logLevel: "debug" });
  dir = await mkdtemp(join(tmpdir(), "cq-dest-sqlite-"));
  dbPath = join(dir, "plugin.db");
});

afterAll(async () => {
  await plugin.stop();
  await rm(dir, { recursive: true, force: true });
});

/** An `items` table: `id` (Int64, PK), `name` and `active`, or `name` as `nameType`. */
function itemsTable(nameType: DataType = new Utf8()) {
  return createTable({
    name: "items",
    columns: [
      createColumn({ name: "id", type: new Int64(), primaryKey: true }),
      createColumn({ name: "name", type: nameType }),
      createColumn({ name: "active", type: new Bool() }),
    ],
  });
}

/** The CLI's transformer for a sync of source `ld` at `micros`. */
const transformer = (micros: bigint) =>
  new RecordTransformer({ sourceName: "ld", syncTimeMicros: micros, removePrimaryKeys: false });

function migrate(micros: bigint, force = false, nameType?: DataType): WriteRequest {
  const schema = transformer(micros).transformSchema(toArrowSchema(itemsTable(nameType)));
  return new pb.Write.Request({
    migrate_table: new pb.Write.MessageMigrateTable({
      table: tableToIPC(new ArrowTable(schema)),
      migrate_force: force,
    }),
  });
}

function insert(micros: bigint, rows: { id: number; name: string; active: boolean }[]) {
  const schema = toArrowSchema(itemsTable());
  const children = [
    vectorFromArray(
      rows.map((row) => BigInt(row.id)),
      new Int64(),
    ),
    vectorFromArray(
      rows.map((row) => row.name),
      new Utf8(),
    ),
    vectorFromArray(
      rows.map((row) => row.active),
      new Bool(),
    ),
  ].map((vector) => vector.data[0] as Data);
  const batch = new RecordBatch(
    schema,
    makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }),
  );
  const transformed = transformer(micros).transformRecord(batch);
  return new pb.Write.Request({
    insert: new pb.Write.MessageInsert({
      record: tableToIPC(new ArrowTable(transformed.schema, [transformed]), "stream"),
    }),
  });
}

function deleteStale(micros: bigint): WriteRequest {
  return new pb.Write.Request({
    delete: pb.Write.MessageDeleteStale.fromObject({
      source_name: "ld",
      table_name: "items",
      sync_time: {
        seconds: Number(micros / 1_000_000n),
        nanos: Number(micros % 1_000_000n) * 1000,
      },
    }),
  });
}

/** One Write stream carrying `requests`; resolves when the destination answers. */
function write(requests: WriteRequest[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = plugin.client.Write((error) => (error ? reject(error) : resolve()));
    for (const request of requests) call.write(request);
    call.end();
  });
}

/** Read of `items` (the table's own schema), decoded. */
async function read(table = itemsTable()) {
  const schemaBytes = tableToIPC(
    new ArrowTable(transformer(0n).transformSchema(toArrowSchema(table))),
  );
  const rows: Record<string, unknown>[] = [];
  await new Promise<void>((resolve, reject) => {
    const call = plugin.client.Read(new pb.Read.Request({ table: schemaBytes }));
    call.on("data", (response: InstanceType<typeof pb.Read.Response>) => {
      rows.push(...decodeRecord(response.record).rows);
    });
    call.on("error", reject);
    call.on("end", () => resolve());
  });
  return rows;
}

async function failure(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "the call fails").toBeInstanceOf(Error);
  return error as ServiceError;
}

const T1 = BigInt(Date.parse("2026-12-04T20:28:13Z")) * 1000n + 100n; // …13.000100Z
const T2 = T1 + 1n; // one microsecond later, within the same second

describe("the SQLite destination plugin over gRPC, as the CloudQuery CLI drives it", () => {
  it("answers Read before Init with an error instead of hanging", async () => {
    const error = await failure(read());
    expect(error.details).toMatch(/not initialised: call Init/);
  });

  it("answers discovery and identity calls", async () => {
    const versions = await unary(
      plugin.discovery.GetVersions.bind(plugin.discovery),
      new discovery1.cloudquery.discovery.v1.GetVersions.Request(),
    );
    expect(versions.versions).toEqual([3]);
    const name = await unary(plugin.client.GetName.bind(plugin.client), new pb.GetName.Request());
    expect(name.name).toBe("sqlite");
    const version = await unary(
      plugin.client.GetVersion.bind(plugin.client),
      new pb.GetVersion.Request(),
    );
    expect(version.version).toMatch(/^\d+\.\d+\.\d+/);
    const schema = JSON.parse(
      (await unary(plugin.client.GetSpecSchema.bind(plugin.client), new pb.GetSpecSchema.Request()))
        .json_schema,
    ) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
    };
    expect(schema.required).toEqual(["connection_string"]);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual([
      "batch_size",
      "batch_size_bytes",
      "busy_timeout_ms",
      "connection_string",
    ]);
    for (const [key, property] of Object.entries(schema.properties)) {
      expect(property.description, `${key} has a description`).toBeTruthy();
    }
  });

  it("rejects bad specs at Init with messages naming the fields", async () => {
    expect((await failure(initPlugin(plugin, {}))).details).toMatch(
      /connection_string is required/,
    );
    expect((await failure(initPlugin(plugin, ""))).details).toMatch(/connection_string/);
    const several = await failure(
      initPlugin(plugin, { connection_string: dbPath, batch_size: 0, colour: "blue" }),
    );
    expect(several.details).toMatch(/batch_size must be an integer >= 1/);
    expect(several.details).toMatch(/unknown field colour/);
    expect(
      (await failure(initPlugin(plugin, { connection_string: dbPath, write_mode: "append" })))
        .details,
    ).toMatch(/write_mode is not a plugin setting: set it on the destination itself/);
    expect(
      (await failure(initPlugin(plugin, { connection_string: join(dir, "missing", "x.db") })))
        .details,
    ).toContain(join(dir, "missing"));
  });

  it("initialises with a good spec", async () => {
    await initPlugin(plugin, { connection_string: dbPath, batch_size: 2 });
  });

  it("migrates, upserts and deletes stale rows of an earlier sync in the same second", async () => {
    await write([
      migrate(T1),
      insert(T1, [
        { id: 1, name: "one", active: true },
        { id: 2, name: "two", active: false },
        { id: 3, name: "three", active: true },
      ]),
      deleteStale(T1),
    ]);
    expect((await read()).map((row) => row.id)).toEqual([1, 2, 3]);

    await write([
      migrate(T2),
      insert(T2, [
        { id: 2, name: "two again", active: true },
        { id: 4, name: "four", active: false },
      ]),
      deleteStale(T2),
    ]);
    const rows = await read();
    expect(rows.map(({ id, name, active }) => ({ id, name, active }))).toEqual([
      { id: 2, name: "two again", active: true },
      { id: 4, name: "four", active: false },
    ]);
    expect(rows.map((row) => row._cq_source_name)).toEqual(["ld", "ld"]);

    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare("SELECT DISTINCT _cq_sync_time AS t FROM items").all()).toEqual([
        { t: "2026-12-04T20:28:13.000101Z" },
      ]);
      expect(
        (db.prepare("SELECT name FROM pragma_table_info('items')").all() as { name: string }[]).map(
          (column) => column.name,
        ),
      ).toEqual(["_cq_sync_time", "_cq_source_name", "id", "name", "active"]);
    } finally {
      db.close();
    }
  });

  it("refuses a destructive migration without migrate_force and stays up", async () => {
    const error = await failure(write([migrate(T2, false, new Int64())]));
    expect(error.details).toMatch(/Can't migrate table "items".*column "name".*TEXT to INTEGER/);
    expect((await read()).length).toBe(2);
    const name = await unary(plugin.client.GetName.bind(plugin.client), new pb.GetName.Request());
    expect(name.name).toBe("sqlite");
  });

  it("refuses delete_record with a clear message", async () => {
    const error = await failure(
      write([
        new pb.Write.Request({
          delete_record: new pb.Write.MessageDeleteRecord({ table_name: "items" }),
        }),
      ]),
    );
    expect(error.details).toMatch(/does not support delete_record.*"items"/);
  });

  it("recreates the table with migrate_force", async () => {
    await write([migrate(T2, true, new Int64())]);
    expect(await read(itemsTable(new Int64()))).toEqual([]);
  });

  it("reads a table that does not exist as no records", async () => {
    const missing = createTable({
      name: "nothing_here",
      columns: [createColumn({ name: "id", type: new Int64() })],
    });
    expect(await read(missing)).toEqual([]);
  });

  it("closes the database on Close, and refuses writes afterwards", async () => {
    await closePlugin(plugin);
    const error = await failure(write([migrate(T2)]));
    expect(error.details).toMatch(/closed/);
    // The file is released: another connection can take the write lock at once.
    const db = new Database(dbPath, { timeout: 0 });
    db.exec("BEGIN IMMEDIATE; ROLLBACK;");
    db.close();
  });

  it("never crashed and logged as JSON lines", () => {
    expect(plugin.process.exitCode).toBeNull();
    const lines = plugin
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty("level");
    expect(plugin.output()).not.toMatch(/unhandled/i);
  });
});
