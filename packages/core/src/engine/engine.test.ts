import { describe, expect, it } from "vitest";

import type { LaunchDarklyClient } from "../api-client.js";
import { apiError, fakeTables, InFlight } from "../test-support/fake-tables.js";
import { runTableTest } from "../testing.js";

const client = {} as LaunchDarklyClient;

describe("runEngine", () => {
  it("writes migrate messages first, then every row of parents and children", async () => {
    const { all } = fakeTables({ parents: 10, childrenPerParent: 3 });
    const result = await runTableTest({ tables: all, client });

    expect(result.migrated).toEqual(["fake_parents", "fake_parent_children"]);
    expect(result.summary.status).toBe("ok");
    expect(result.ended).toBe(true);
    expect(result.rows.fake_parents).toHaveLength(10);
    expect(result.rows.fake_parent_children).toHaveLength(30);
    const parents = new Map(result.rows.fake_parents?.map((row) => [row.key, row]));
    for (const row of result.rows.fake_parent_children ?? []) {
      expect(row._cq_parent_id).toBe(parents.get(row.parent_key)?._cq_id);
    }
    expect(result.rows.fake_parents?.[0]).toMatchObject({ key: "p0", n: 0, _cq_parent_id: null });
    // The stream's own 'close' after the end is not mistaken for a failure.
    expect(result.logs.filter((log) => log.level === "error" || log.level === "warn")).toEqual([]);
    expect(result.summary.tables.map((t) => [t.table, t.rows, t.errors])).toEqual([
      ["fake_parents", 10, 0],
      ["fake_parent_children", 30, 0],
    ]);
  });

  it("batches rows: multi-row records limited by batch_size", async () => {
    const { all } = fakeTables({ parents: 25, pageSize: 25, childrenPerParent: 0 });
    const result = await runTableTest({ tables: all, client, spec: { batch_size: 10 } });
    const sizes = result.batches.filter((b) => b.table === "fake_parents").map((b) => b.rows);
    expect(sizes).toEqual([10, 10, 5]);
  });

  it("batches rows: limited by batch_size_bytes", async () => {
    const { all } = fakeTables({ parents: 1, childrenPerParent: 40, payload: 200 });
    const result = await runTableTest({
      tables: all,
      client,
      spec: { batch_size: 1000, batch_size_bytes: 2048 },
    });
    const sizes = result.batches
      .filter((b) => b.table === "fake_parent_children")
      .map((b) => b.rows);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(40);
    expect(sizes.length).toBeGreaterThan(3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
  });

  it("flushes a partial batch on the timer, before the table is done", async () => {
    const { parent } = fakeTables();
    let secondPageAt = 0;
    const table = {
      ...parent,
      children: [],
      resolve: async function* () {
        yield [{ key: "a", n: 1 }];
        await new Promise((resolve) => setTimeout(resolve, 300));
        secondPageAt = Date.now();
        yield [{ key: "b", n: 2 }];
      },
    };
    const inserts: number[] = [];
    await runTableTest({
      tables: [table],
      client,
      flushIntervalMs: 50,
      onMessage: (message) => {
        if (message.has_insert) inserts.push(Date.now());
      },
    });
    expect(inserts).toHaveLength(2);
    expect(inserts[0]).toBeLessThan(secondPageAt);
  });

  it("sends a table's first rows within a tick, without waiting a whole flush interval", async () => {
    const { parent } = fakeTables();
    const table = {
      ...parent,
      children: [],
      resolve: async function* () {
        yield [{ key: "a", n: 1 }];
        await new Promise((resolve) => setTimeout(resolve, 1500));
        yield [{ key: "b", n: 2 }];
      },
    };
    const started = Date.now();
    const inserts: number[] = [];
    await runTableTest({
      tables: [table],
      client,
      flushIntervalMs: 5000,
      onMessage: (message) => {
        if (message.has_insert) inserts.push(Date.now() - started);
      },
    });
    expect(inserts).toHaveLength(2);
    expect(inserts[0]).toBeLessThan(1000);
  });

  it("holds the concurrency bound across parents and children", async () => {
    const inFlight = new InFlight();
    const { all } = fakeTables({ parents: 40, pageSize: 5, latencyMs: 5, inFlight });
    const result = await runTableTest({ tables: all, client, spec: { concurrency: 3 } });
    expect(result.rows.fake_parent_children).toHaveLength(80);
    expect(inFlight.peak).toBeLessThanOrEqual(3);
    expect(inFlight.peak).toBe(3);
    expect(result.limiter?.peak).toBe(3);
  });

  it("respects backpressure from a slow stream", async () => {
    const { all } = fakeTables({ parents: 60, pageSize: 20, childrenPerParent: 1, latencyMs: 0 });
    const result = await runTableTest({
      tables: all,
      client,
      spec: { batch_size: 1 },
      stream: { highWaterMark: 2, delayMs: 2 },
    });
    expect(result.rows.fake_parents).toHaveLength(60);
    expect(result.rows.fake_parent_children).toHaveLength(60);
    // write() said "full" many times, and the engine never queued more than one message past it.
    expect(result.streamStats.fullWrites).toBeGreaterThan(10);
    expect(result.streamStats.maxBuffered).toBeLessThanOrEqual(3);
  });

  it("a failing child resource does not lose its siblings' rows; errors are counted", async () => {
    const { all } = fakeTables({
      parents: 6,
      childrenPerParent: 2,
      failChildOf: { p2: apiError(404, "/api/v2/children/p2"), p4: new Error("boom") },
    });
    const result = await runTableTest({ tables: all, client });
    expect(result.summary.status).toBe("ok");
    expect(result.rows.fake_parents).toHaveLength(6);
    expect(result.rows.fake_parent_children).toHaveLength(8);
    const child = result.summary.tables.find((t) => t.table === "fake_parent_children");
    expect(child).toMatchObject({ rows: 8, errors: 2, warnings: 0 });
    const errors = result.logs.filter((l) => l.level === "error").map((l) => l.message);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining("fake_parent_children: failed to resolve for fake_parents key=p2"),
        expect.stringContaining("boom"),
      ]),
    );
  });

  it("rows already sent stay sent when a parent resolver fails mid-table", async () => {
    const { all } = fakeTables({
      parents: 9,
      pageSize: 3,
      failParentAfterFirstPage: apiError(500),
    });
    const result = await runTableTest({ tables: all, client });
    expect(result.summary.status).toBe("ok");
    expect(result.rows.fake_parents).toHaveLength(3);
    expect(result.rows.fake_parent_children).toHaveLength(6);
    expect(result.summary.tables[0]).toMatchObject({ table: "fake_parents", errors: 1 });
  });

  it("a 403 is one warning per table naming the permission", async () => {
    const forbidden = apiError(403, "/api/v2/children");
    const { all } = fakeTables({
      parents: 5,
      failChildOf: { p0: forbidden, p1: forbidden, p2: forbidden },
    });
    const result = await runTableTest({ tables: all, client });
    expect(result.summary.status).toBe("ok");
    const warnings = result.logs.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain("fake_parent_children: skipped");
    expect(warnings[0]?.message).toContain("the `viewChildren` action");
    expect(result.summary.tables[1]).toMatchObject({ warnings: 1, errors: 0, rows: 4 });
    expect(result.summary.totals).toMatchObject({ warnings: 1, errors: 0 });
  });

  it("a 401 is fatal: the sync stops at once and the stream ends with an error", async () => {
    const { all } = fakeTables({
      parents: 200,
      pageSize: 5,
      latencyMs: 2,
      failChildOf: { p1: apiError(401, "/api/v2/children") },
    });
    const state = (await import("@cq-launchdarkly/state")).createMemoryStateClient();
    await state.setKey("cursor", "old");
    const result = await runTableTest({
      tables: all,
      client,
      stateClient: state,
      spec: { concurrency: 2 },
    });
    expect(result.summary.status).toBe("failed");
    expect(result.summary.error?.message).toContain("401");
    expect(result.ended).toBe(false);
    expect(result.streamError?.message).toContain("401");
    expect(result.rows.fake_parents?.length ?? 0).toBeLessThan(200);
  });

  it("abort mid-sync ends cleanly: sent rows stay, the stream ends with an error, state is not flushed", async () => {
    const { all } = fakeTables({ parents: 500, pageSize: 5, latencyMs: 2 });
    const controller = new AbortController();
    let flushed = 0;
    const state = (await import("@cq-launchdarkly/state")).createMemoryStateClient();
    const stateClient = {
      ...state,
      getKey: (key: string) => state.getKey(key),
      setKey: (key: string, value: string) => state.setKey(key, value),
      flush: () => {
        flushed += 1;
        return state.flush();
      },
      close: () => state.close(),
    };
    const result = await runTableTest({
      tables: all,
      client,
      stateClient,
      signal: controller.signal,
      spec: { batch_size: 5 },
      onMessage: (message) => {
        if (message.has_insert) controller.abort(new Error("SIGTERM"));
      },
    });
    expect(result.summary.status).toBe("aborted");
    expect(result.summary.error?.message).toBe("SIGTERM");
    expect(result.rows.fake_parents?.length ?? 0).toBeGreaterThan(0);
    expect(result.rows.fake_parents?.length ?? 0).toBeLessThan(500);
    expect(flushed).toBe(0);
    expect(result.ended).toBe(false);
  });

  it("drops rows without a primary key and counts them", async () => {
    const { parent } = fakeTables({ parents: 3, childrenPerParent: 0 });
    const table = {
      ...parent,
      children: [],
      resolve: async function* () {
        await Promise.resolve();
        yield [{ key: "a", n: 1 }, { n: 2 }, { key: "c", n: "not a number" }];
      },
    };
    const result = await runTableTest({ tables: [table], client });
    expect(result.rows.fake_parents?.map((r) => r.key)).toEqual(["a"]);
    expect(result.summary.tables[0]?.errors).toBe(2);
  });

  it("deterministic _cq_id: equal primary keys give equal ids across syncs", async () => {
    const { all } = fakeTables({ parents: 3 });
    const first = await runTableTest({
      tables: all,
      client,
      syncOptions: { deterministicCQId: true },
    });
    const second = await runTableTest({
      tables: all,
      client,
      syncOptions: { deterministicCQId: true },
    });
    const random = await runTableTest({ tables: all, client });
    const ids = (r: typeof first) => r.rows.fake_parents?.map((row) => row._cq_id).sort();
    expect(ids(first)).toEqual(ids(second));
    expect(ids(first)).not.toEqual(ids(random));
  });

  it("a bad selection fails the sync with a clear message and never rejects", async () => {
    const { all } = fakeTables();
    const result = await runTableTest({ tables: all, client, syncOptions: { tables: ["nope_*"] } });
    expect(result.summary.status).toBe("failed");
    expect(result.summary.error?.message).toContain('pattern "nope_*" matches no table');
    expect(result.streamError?.message).toContain("nope_*");
  });
});

describe("encoding", () => {
  it("round-trips every column type through multi-row Arrow records", async () => {
    const { defineTable } = await import("../model/table-definition.js");
    const { path } = await import("../model/resolvers.js");
    const items = [
      {
        k: "a",
        i: 1,
        f: 1.5,
        b: true,
        t: 1_700_000_000_123,
        j: { x: [1, 2] },
        u: "123e4567-e89b-12d3-a456-426614174000",
        l: ["x", "y"],
      },
      { k: "b", i: null, f: null, b: false, t: "2024-01-01T00:00:00Z", j: "text", u: null, l: [] },
    ];
    const table = defineTable<(typeof items)[number]>({
      name: "t_types",
      description: "types",
      columns: [
        { name: "k", type: "utf8", primaryKey: true, resolve: path("k") },
        { name: "i", type: "int64", resolve: path("i") },
        { name: "f", type: "float64", resolve: path("f") },
        { name: "b", type: "bool", resolve: path("b") },
        { name: "t", type: "timestamp", resolve: path("t") },
        { name: "j", type: "json", resolve: path("j") },
        { name: "u", type: "uuid", resolve: path("u") },
        { name: "l", type: "list<utf8>", resolve: path("l") },
      ],
      async *resolve() {
        await Promise.resolve();
        yield items;
      },
    });
    const result = await runTableTest({ tables: [table], client });
    expect(result.batches).toEqual([{ table: "t_types", rows: 2 }]);
    const [a, b] = result.rows.t_types ?? [];
    expect(a).toMatchObject({
      k: "a",
      i: 1,
      f: 1.5,
      b: true,
      j: { x: [1, 2] },
      u: items[0]?.u,
      l: ["x", "y"],
    });
    expect((a?.t as Date).toISOString()).toBe("2023-11-14T22:13:20.123Z");
    expect(b).toMatchObject({ k: "b", i: null, f: null, b: false, j: "text", u: null, l: [] });
    expect((b?.t as Date).toISOString()).toBe("2024-01-01T00:00:00.000Z");
  });
});

describe("a stream that goes away", () => {
  it("ends the sync as failed without hanging or rejecting", async () => {
    const { Writable } = await import("node:stream");
    const { runEngine } = await import("./engine.js");
    const { createMemoryStateClient } = await import("@cq-launchdarkly/state");
    const { silentLogger } = await import("../logger.js");
    const { parseSpec } = await import("../spec.js");
    const { all } = fakeTables({ parents: 300, pageSize: 5, latencyMs: 1 });
    let writes = 0;
    const stream = new Writable({
      objectMode: true,
      write(_message, _encoding, callback) {
        writes += 1;
        if (writes === 4) stream.destroy();
        callback();
      },
    });
    stream.on("error", () => undefined);
    const summary = await runEngine({
      tables: all,
      context: {
        client,
        spec: parseSpec({ access_token: "t" }),
        logger: silentLogger,
        state: createMemoryStateClient(),
      },
      stream,
      concurrency: 4,
      batchSize: 5,
      batchSizeBytes: 1 << 20,
    });
    expect(summary.status).toBe("failed");
    expect(summary.error?.message).toMatch(/sync stream/);
    expect(summary.totals.rows).toBeLessThan(300);
  });
});

describe("a stream that refuses the last write", () => {
  it("fails the sync, so incremental state is not flushed", async () => {
    const { all } = fakeTables({ parents: 3, pageSize: 5, latencyMs: 0 });
    const state = (await import("@cq-launchdarkly/state")).createMemoryStateClient();
    let flushed = 0;
    const stateClient = {
      ...state,
      getKey: (key: string) => state.getKey(key),
      setKey: (key: string, value: string) => state.setKey(key, value),
      flush: () => {
        flushed += 1;
        return state.flush();
      },
      close: () => state.close(),
    };
    let inserts = 0;
    const result = await runTableTest({
      tables: all,
      client,
      stateClient,
      flushIntervalMs: 60_000,
      onMessage: (message) => {
        // The rows arrive in the final flush; the destination refuses the last batch.
        if (message.has_insert && ++inserts === 2) throw new Error("destination gone");
      },
    });
    expect(inserts).toBeGreaterThanOrEqual(2);
    expect(result.summary.status).toBe("failed");
    expect(flushed).toBe(0);
  });
});
