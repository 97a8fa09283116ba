import type { AddressInfo, Socket } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataType } from "@cloudquery/plugin-sdk-javascript/arrow";
import { decodeRecord, decodeTable } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { afterEach, describe, expect, it } from "vitest";

import type { StateDestinationOptions, TableStore } from "./test-support/state-destination.js";
import { connectCloudQueryStateBackend } from "./cloudquery-state-backend.js";
import { StateBackendError } from "./state-backend-error.js";
import { stateContractSuite } from "./state-contract-suite.js";
import { stateRowsOf } from "./state-table.js";
import { startStateDestination } from "./test-support/state-destination.js";

const TABLE = "cq_state_launchdarkly";

/** A harness factory over a fresh fake destination started with `options()`. */
function destinationHarness(
  options: () => Promise<StateDestinationOptions> | StateDestinationOptions,
) {
  return async () => {
    const destination = await startStateDestination(await options());
    return {
      open: () =>
        connectCloudQueryStateBackend({ connection: destination.connection, tableName: TABLE }),
      cleanup: () => destination.stop(),
    };
  };
}

async function tempSocket(): Promise<{ address: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "cq-state-"));
  return {
    address: `unix://${join(dir, "backend.sock")}`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A TCP port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<StateBackendError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StateBackendError);
  return error as StateBackendError;
}

stateContractSuite(
  "CloudQuery backend over TCP",
  destinationHarness(() => ({})),
);

const sockets: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of sockets.splice(0)) await cleanup();
});

stateContractSuite(
  "CloudQuery backend over a unix socket",
  destinationHarness(async () => {
    const socket = await tempSocket();
    sockets.push(socket.cleanup);
    return { address: socket.address };
  }),
);

stateContractSuite(
  "CloudQuery backend in append mode, 3 rows per read message (last row wins)",
  destinationHarness(() => ({ mode: "append", rowsPerRecord: 3 })),
);

describe("connectCloudQueryStateBackend", () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  async function destination(options: StateDestinationOptions = {}) {
    const started = await startStateDestination(options);
    stops.push(() => started.stop());
    return started;
  }

  it("speaks protocol v3 like the Go SDK: versions, migrate_table, read, one insert per flush", async () => {
    const backend = await destination();
    const client = await connectCloudQueryStateBackend({
      connection: backend.connection,
      tableName: TABLE,
    });

    expect(backend.calls.versions).toBe(1);
    expect(backend.calls.writes).toHaveLength(1);
    const [migrate] = backend.calls.writes[0] ?? [];
    expect(migrate?.message).toBe("migrate_table");
    expect(migrate?.migrate_table.migrate_force).toBe(false);
    const table = decodeTable(migrate?.migrate_table.table ?? new Uint8Array());
    expect(table.name).toBe(TABLE);
    expect(
      table.columns.map((column) => [column.name, DataType.isUtf8(column.type), column.primaryKey]),
    ).toEqual([
      ["key", true, true],
      ["value", true, false],
    ]);
    expect(backend.calls.reads.map((read) => read.name)).toEqual([TABLE]);

    await client.flush();
    expect(backend.calls.writes).toHaveLength(1);

    await client.setKey("a", "1");
    await client.setKey("b", "2");
    await client.setKey("a", "3");
    await client.flush();
    expect(backend.calls.writes).toHaveLength(2);
    const [insert, ...rest] = backend.calls.writes[1] ?? [];
    expect(rest).toEqual([]);
    expect(insert?.message).toBe("insert");
    const [tableName, batches] = decodeRecord(insert?.insert.record ?? new Uint8Array());
    expect(tableName).toBe(TABLE);
    expect([...stateRowsOf(batches)]).toEqual([
      ["a", "3"],
      ["b", "2"],
    ]);
    expect(batches[0]?.schema.fields[0]?.metadata.get("cq:extension:primary_key")).toBe("true");

    // Only keys changed since the last flush are sent; an unchanged value is not a change.
    await client.setKey("b", "2");
    await client.flush();
    expect(backend.calls.writes).toHaveLength(2);
    await client.setKey("c", "4");
    await client.flush();
    const [, lastBatches] = decodeRecord(
      backend.calls.writes[2]?.[0]?.insert.record ?? new Uint8Array(),
    );
    expect([...stateRowsOf(lastBatches)]).toEqual([["c", "4"]]);

    expect(backend.rows(TABLE)).toEqual([
      { key: "a", value: "3" },
      { key: "b", value: "2" },
      { key: "c", value: "4" },
    ]);
    await client.close();
  });

  it("keeps the cursor when the backend restarts between syncs (TCP, same port)", async () => {
    const store: TableStore = new Map();
    const first = await destination({ store });
    const sync1 = await connectCloudQueryStateBackend({
      connection: first.connection,
      tableName: TABLE,
    });
    expect(await sync1.getKey("launchdarkly_auditlog_entries")).toBeUndefined();
    await sync1.setKey("launchdarkly_auditlog_entries", '{"v":1,"date":1,"ids":["a"]}');
    await sync1.flush();
    await sync1.close();
    await first.stop();

    const second = await destination({ store, address: first.connection });
    const sync2 = await connectCloudQueryStateBackend({
      connection: second.connection,
      tableName: TABLE,
    });
    expect(await sync2.getKey("launchdarkly_auditlog_entries")).toBe(
      '{"v":1,"date":1,"ids":["a"]}',
    );
    await sync2.setKey("launchdarkly_auditlog_entries", '{"v":1,"date":2,"ids":["b"]}');
    await sync2.flush();
    await sync2.close();
    await second.stop();

    const third = await destination({ store, address: first.connection });
    const sync3 = await connectCloudQueryStateBackend({
      connection: third.connection,
      tableName: TABLE,
    });
    expect(await sync3.getKey("launchdarkly_auditlog_entries")).toBe(
      '{"v":1,"date":2,"ids":["b"]}',
    );
    await sync3.close();
  });

  it("keeps the cursor when the backend restarts between syncs (unix socket)", async () => {
    const socket = await tempSocket();
    sockets.push(socket.cleanup);
    const store: TableStore = new Map();
    for (let sync = 1; sync <= 3; sync++) {
      const backend = await destination({ store, address: socket.address });
      const client = await connectCloudQueryStateBackend({
        connection: backend.connection,
        tableName: TABLE,
      });
      expect(await client.getKey("cursor")).toBe(sync === 1 ? undefined : `${sync - 1}`);
      await client.setKey("cursor", `${sync}`);
      await client.flush();
      await client.close();
      await backend.stop();
    }
  });

  it("keeps tables apart: another table name sees none of these keys", async () => {
    const backend = await destination();
    const one = await connectCloudQueryStateBackend({
      connection: backend.connection,
      tableName: "state_one",
    });
    await one.setKey("cursor", "1");
    await one.flush();
    await one.close();
    const two = await connectCloudQueryStateBackend({
      connection: backend.connection,
      tableName: "state_two",
    });
    expect(await two.getKey("cursor")).toBeUndefined();
    await two.close();
  });

  it("fails fast and clearly when nothing listens on the port", async () => {
    const connection = `127.0.0.1:${String(await closedPort())}`;
    const started = Date.now();
    const error = await rejection(connectCloudQueryStateBackend({ connection, tableName: TABLE }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.reason).toBe("unreachable");
    expect(error.message).toContain(`Cannot reach the state backend at "${connection}"`);
    expect(error.message).toContain("backend_options.connection");
    expect(error.message).toMatch(/UNAVAILABLE: .*ECONNREFUSED/);
    expect(error.message).not.toContain("Resolution note");
    expect(error.message).toMatch(/running/);
  });

  it("fails fast and clearly when the unix socket does not exist", async () => {
    const socket = await tempSocket();
    sockets.push(socket.cleanup);
    const started = Date.now();
    const error = await rejection(
      connectCloudQueryStateBackend({ connection: socket.address, tableName: TABLE }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.reason).toBe("unreachable");
    expect(error.message).toContain(socket.address);
  });

  it("gives up after connectTimeoutMs when the backend accepts but never answers", async () => {
    const accepted: Socket[] = [];
    const silent = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of accepted) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    const error = await rejection(
      connectCloudQueryStateBackend({
        connection: `127.0.0.1:${String(port)}`,
        tableName: TABLE,
        connectTimeoutMs: 300,
      }),
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.reason).toBe("unreachable");
    expect(error.message).toContain("no answer within 300 ms");
  });

  it("refuses a backend without protocol v3", async () => {
    const backend = await destination({ versions: [1, 2] });
    const error = await rejection(
      connectCloudQueryStateBackend({ connection: backend.connection, tableName: TABLE }),
    );
    expect(error.reason).toBe("protocol");
    expect(error.message).toMatch(/versions \[1, 2\].*version 3.*upgrade/);
    expect(backend.calls.writes).toEqual([]);
  });

  it("names the table when the backend rejects migrate_table", async () => {
    const backend = await destination({
      onWrite: (request) => {
        if (request.message === "migrate_table") throw new Error("migrations are disabled");
      },
    });
    const error = await rejection(
      connectCloudQueryStateBackend({ connection: backend.connection, tableName: TABLE }),
    );
    expect(error.reason).toBe("migrate");
    expect(error.message).toContain(`state table "${TABLE}"`);
    expect(error.message).toContain("migrations are disabled");
  });

  it("names the table when the backend cannot read it", async () => {
    const backend = await destination({
      onRead: () => {
        throw new Error("read is not supported");
      },
    });
    const error = await rejection(
      connectCloudQueryStateBackend({ connection: backend.connection, tableName: TABLE }),
    );
    expect(error.reason).toBe("read");
    expect(error.message).toContain(`Cannot read the state table "${TABLE}"`);
    expect(error.message).toContain("INTERNAL: read is not supported");
  });

  it("keeps unsaved keys dirty when a flush fails, and saves them on the next flush", async () => {
    let failInserts = true;
    const backend = await destination({
      onWrite: (request) => {
        if (request.message === "insert" && failInserts) throw new Error("disk full");
      },
    });
    const client = await connectCloudQueryStateBackend({
      connection: backend.connection,
      tableName: TABLE,
    });
    await client.setKey("cursor", "1");
    const error = await rejection(client.flush());
    expect(error.reason).toBe("write");
    expect(error.message).toMatch(/Cannot save 1 state key\(s\) to the state table/);
    expect(error.message).toContain("disk full");
    expect(backend.rows(TABLE)).toEqual([]);

    failInserts = false;
    await client.flush();
    expect(backend.rows(TABLE)).toEqual([{ key: "cursor", value: "1" }]);
    await client.close();
  });

  it("rejects use after close, naming the table", async () => {
    const backend = await destination();
    const client = await connectCloudQueryStateBackend({
      connection: backend.connection,
      tableName: TABLE,
    });
    await client.close();
    const error = await rejection(client.flush());
    expect(error.reason).toBe("closed");
    expect(error.message).toContain(TABLE);
    await expect(client.setKey("k", "v")).rejects.toThrow(/after close/);
  });

  it("serializes concurrent flushes so the latest value is stored last", async () => {
    const backend = await destination();
    const client = await connectCloudQueryStateBackend({
      connection: backend.connection,
      tableName: TABLE,
    });
    const flushes: Promise<void>[] = [];
    for (let value = 1; value <= 20; value++) {
      await client.setKey("cursor", `${value}`);
      flushes.push(client.flush());
    }
    await Promise.all(flushes);
    expect(backend.rows(TABLE)).toEqual([{ key: "cursor", value: "20" }]);
    await client.close();
  });

  it("rejects an empty connection or table name", async () => {
    expect(
      (await rejection(connectCloudQueryStateBackend({ connection: "", tableName: TABLE }))).reason,
    ).toBe("config");
    expect(
      (await rejection(connectCloudQueryStateBackend({ connection: "x:1", tableName: "" }))).reason,
    ).toBe("config");
  });
});
