import { tableFromIPC } from "@cloudquery/plugin-sdk-javascript/arrow";
import { encodeTable, flattenTables } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { describe, expect, it } from "vitest";

import { columnTypes } from "./column-type.js";
import { isoTimestamp, msEpochTimestamp, parentColumn, path } from "./resolvers.js";
import { arrowSchemaOf, createTablesForSdk } from "./sdk-tables.js";
import { defineTable } from "./table-definition.js";

const child = defineTable<{ id: string }>({
  name: "t_parent_children",
  description: "children https://example.com/c",
  columns: [
    { name: "parent_key", type: "utf8", primaryKey: true, resolve: parentColumn("key") },
    { name: "id", type: "utf8", primaryKey: true, resolve: path("id") },
  ],
  resolve: async function* () {
    // yields nothing: only the schema matters here
  },
});

const parent = defineTable<Record<string, unknown>>({
  name: "t_parents",
  title: "Parents",
  description: "parents https://example.com/p",
  isIncremental: true,
  columns: columnTypes.map((type, index) => ({
    name: `c_${type.replace(/\W/g, "_")}`,
    type,
    primaryKey: index === 0,
    incrementalKey: type === "timestamp",
    description: `a ${type}`,
    resolve: path(type),
  })),
  children: [child],
  resolve: async function* () {
    // yields nothing: only the schema matters here
  },
});

const typeName = (type: { toString(): string }) => type.toString();

describe("createTablesForSdk", () => {
  const [sdkParent] = createTablesForSdk([parent]);
  const flat = flattenTables(createTablesForSdk([parent]));
  const first = flat[0] ?? createTablesForSdk([])[0];
  if (!first) throw new Error("no tables");

  it("puts _cq_id first (uuid, not null, unique) and _cq_parent_id second", () => {
    const schema = arrowSchemaOf(sdkParent ?? first);
    const [id, parentId] = schema.fields;
    expect(id?.name).toBe("_cq_id");
    expect(id?.nullable).toBe(false);
    expect(id?.metadata.get("cq:extension:unique")).toBe("true");
    expect(id?.metadata.get("ARROW:extension:name")).toBe("uuid");
    expect(parentId?.name).toBe("_cq_parent_id");
    expect(parentId?.nullable).toBe(true);
    expect(schema.fields.slice(2).every((field) => field.nullable)).toBe(true);
  });

  it("writes the table metadata the SDK writes", () => {
    const [p, c] = flat;
    if (!p || !c) throw new Error("expected two tables");
    const parentSchema = tableFromIPC(encodeTable(p)).schema;
    expect(Object.fromEntries(parentSchema.metadata)).toMatchObject({
      "cq:table_name": "t_parents",
      "cq:table_title": "Parents",
      "cq:table_description": "parents https://example.com/p",
      "cq:extension:incremental": "true",
    });
    expect(parentSchema.metadata.has("cq:table_depends_on")).toBe(false);
    const childSchema = tableFromIPC(encodeTable(c)).schema;
    expect(childSchema.metadata.get("cq:table_depends_on")).toBe("t_parents");
    expect(childSchema.metadata.has("cq:extension:incremental")).toBe(false);
    const pks = childSchema.fields.filter(
      (f) => f.metadata.get("cq:extension:primary_key") === "true",
    );
    expect(pks.map((f) => f.name)).toEqual(["parent_key", "id"]);
  });

  it("maps column types to the safe Arrow subset", () => {
    const types = Object.fromEntries(first.columns.map((c) => [c.name, typeName(c.type)]));
    expect(types).toEqual({
      _cq_id: "uuid",
      _cq_parent_id: "uuid",
      c_utf8: "Utf8",
      c_int64: "Int64",
      c_float64: "Float64",
      c_bool: "Bool",
      c_timestamp: "Timestamp<MICROSECOND, UTC>",
      c_json: "json",
      c_uuid: "uuid",
      c_list_utf8_: "List<Utf8>",
    });
    const timestamp = first.columns.find((c) => c.name === "c_timestamp");
    expect(timestamp?.incrementalKey).toBe(true);
    expect(timestamp?.description).toBe("a timestamp");
  });

  it("gives the SDK a relations tree with parents set", () => {
    expect(sdkParent?.relations.map((t) => t.name)).toEqual(["t_parent_children"]);
    expect(sdkParent?.relations[0]?.parent?.name).toBe("t_parents");
  });
});

describe("column resolvers", () => {
  it("convert ms epochs and ISO strings to dates", () => {
    expect(msEpochTimestamp("a.b")({ a: { b: 0 } })?.toISOString()).toBe(
      "1970-01-01T00:00:00.000Z",
    );
    expect(msEpochTimestamp("a")({ a: "x" })).toBeNull();
    expect(isoTimestamp("t")({ t: "2024-01-01T00:00:00Z" })?.getTime()).toBe(Date.UTC(2024, 0, 1));
    expect(isoTimestamp("t")({ t: "nope" })).toBeNull();
    expect(path("a.b.c")({ a: { b: null } })).toBeUndefined();
  });
});

describe("SDK scheduler compatibility", () => {
  it("runs the converted tables under the SDK's own scheduler (benchmark baseline)", async () => {
    const { sync } = await import("@cloudquery/plugin-sdk-javascript/scheduler");
    const { createMemoryStateClient } = await import("@cq-launchdarkly/state");
    const { silentLogger } = await import("../logger.js");
    const { decodeRecord } = await import("../engine/decode-record.js");
    const parents = defineTable<{ key: string; created: number }>({
      name: "s_parents",
      description: "p",
      columns: [
        { name: "key", type: "utf8", primaryKey: true, resolve: path("key") },
        { name: "created", type: "timestamp", resolve: msEpochTimestamp("created") },
      ],
      children: [
        defineTable<{ id: string }>({
          name: "s_children",
          description: "c",
          columns: [
            { name: "parent_key", type: "utf8", resolve: parentColumn("key") },
            { name: "id", type: "utf8", primaryKey: true, resolve: path("id") },
          ],
          async *resolve(_ctx, parent) {
            await Promise.resolve();
            yield [{ id: `${String(parent?.row.key)}-1` }];
          },
        }),
      ],
      async *resolve(ctx) {
        expect(ctx.table).toBe("s_parents");
        await Promise.resolve();
        yield [
          { key: "a", created: 0 },
          { key: "b", created: 1000 },
        ];
      },
    });
    const messages: { has_insert: boolean; insert: { record: Uint8Array } }[] = [];
    const stream = {
      write: (m: (typeof messages)[number]) => messages.push(m),
      end: () => undefined,
      emit: () => true,
    };
    const meta = {
      id: () => "test",
      client: {} as never,
      spec: {} as never,
      logger: silentLogger,
      state: createMemoryStateClient(),
      signal: new AbortController().signal,
    };
    await sync({
      logger: { info: () => undefined, debug: () => undefined, error: () => undefined } as never,
      client: meta,
      tables: createTablesForSdk([parents]),
      stream: stream as never,
      concurrency: 1,
      deterministicCQId: true,
    });
    const rows = messages
      .filter((m) => m.has_insert)
      .flatMap((m) => decodeRecord(m.insert.record).rows);
    expect(rows).toHaveLength(4);
    const child = rows.find((row) => row.id === "a-1");
    const parentRow = rows.find((row) => row.key === "a");
    expect(child?._cq_parent_id).toBe(parentRow?._cq_id);
    expect(child?.parent_key).toBe("a");
  });
});
