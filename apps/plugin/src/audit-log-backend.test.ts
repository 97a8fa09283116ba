import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import type { TableStore } from "@cq-launchdarkly/state/testing";
import { decodeRecord } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { startStateDestination } from "@cq-launchdarkly/state/testing";

import { appDir, pb, startPluginProcess, unary } from "./test-support/plugin-process.js";

const TABLE = "launchdarkly_auditlog_entries";
const STATE_TABLE = "cq_state_launchdarkly";
const mainJs = join(appDir, "dist", "main.js");

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
  dir = await mkdtemp(join(tmpdir(), "cq-ld-backend-"));
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

/**
 * One `cloudquery sync` as the CLI runs it: start the backend destination (on the same socket,
 * with the data of earlier runs) and a fresh plugin process, Init, Sync with `backend` options,
 * read the stream to EOF, then stop both.
 */
async function syncOnce(store: TableStore): Promise<string[]> {
  const backend = await startStateDestination({
    store,
    address: `unix://${join(dir, "backend.sock")}`,
  });
  const socket = join(dir, `plugin-${String(Date.now())}.sock`);
  const plugin = await startPluginProcess(
    process.execPath,
    [mainJs, "serve", "--address", `unix://${socket}`],
    socket,
  );
  try {
    const spec = new TextEncoder().encode(
      JSON.stringify({ access_token: sim.accessToken, base_url: sim.url }),
    );
    await unary(plugin.plugin.Init.bind(plugin.plugin), new pb.Init.Request({ spec }));
    const call = plugin.plugin.Sync(
      new pb.Sync.Request({
        tables: [TABLE],
        skip_tables: [],
        backend: new pb.Sync.BackendOptions({
          table_name: STATE_TABLE,
          connection: backend.connection,
        }),
      }),
    );
    const ids: string[] = [];
    for await (const message of call as AsyncIterable<InstanceType<typeof pb.Sync.Response>>) {
      if (message.has_insert) {
        ids.push(...decodeRecord(message.insert.record).rows.map((row) => String(row.id)));
      }
    }
    return ids.sort();
  } finally {
    plugin.stop();
    await backend.stop();
  }
}

describe("launchdarkly_auditlog_entries through the plugin's gRPC Sync with a state backend", () => {
  it("keeps the cursor across restarts of the plugin and the backend", async () => {
    const store: TableStore = new Map();
    const requests = () => sim.requests.count({ route: "getAuditLogEntries" });

    const first = await syncOnce(store);
    const truth = () => sim.truth().auditLog;
    expect(first).toEqual(
      truth()
        .map((entry) => entry._id)
        .sort(),
    );
    const cursorRow = () => store.get(STATE_TABLE)?.rows.get(JSON.stringify([TABLE]));
    const newest = truth()[0]?.date;
    expect(JSON.parse(String(cursorRow()?.value))).toMatchObject({ v: 1, date: newest });

    const appended = [
      ...sim.appendAuditEntries([{ date: newest ?? 0 }]),
      ...sim.appendAuditEntries(4),
    ];
    const before = requests();
    const second = await syncOnce(store);
    expect(second).toEqual(appended.map((entry) => entry._id).sort());
    expect(requests() - before).toBe(1);
    expect(JSON.parse(String(cursorRow()?.value))).toMatchObject({ v: 1, date: truth()[0]?.date });

    const third = await syncOnce(store);
    expect(third).toEqual([]);
  }, 30_000);
});
