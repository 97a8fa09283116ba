import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectCloudQueryStateBackend } from "@cq-launchdarkly/state";
import { stateContractSuite } from "@cq-launchdarkly/state/testing";

import type { PluginProcess } from "./test-support/plugin-process.js";
import { initPlugin, startPluginProcess } from "./test-support/plugin-process.js";

const mainJs = join(import.meta.dirname, "..", "dist", "main.js");
const TABLE = "cq_state_launchdarkly";

let plugin: PluginProcess;
let dir: string;
let databases = 0;

beforeAll(async () => {
  plugin = await startPluginProcess({ name: "sqlite", mainJs });
  dir = await mkdtemp(join(tmpdir(), "cq-state-sqlite-"));
});

afterAll(async () => {
  await plugin.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Points the running plugin at a fresh database file (Init closes the previous one). */
async function freshDatabase(): Promise<string> {
  const path = join(dir, `state-${++databases}.db`);
  await initPlugin(plugin, { connection_string: path });
  return path;
}

const connect = () =>
  connectCloudQueryStateBackend({ connection: plugin.address, tableName: TABLE });

stateContractSuite("the SQLite destination plugin as CloudQuery state backend", async () => {
  await freshDatabase();
  return { open: connect };
});

describe("the SQLite destination plugin as state backend", () => {
  it("keeps the cursor as a key/value row in the database file", async () => {
    const path = await freshDatabase();
    const state = await connect();
    await state.setKey("launchdarkly_auditlog_entries", '{"date":1}');
    await state.flush();
    await state.close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare(`SELECT key, value FROM ${TABLE}`).all()).toEqual([
        { key: "launchdarkly_auditlog_entries", value: '{"date":1}' },
      ]);
    } finally {
      db.close();
    }
  });
});
