import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

import { stateContractSuite } from "@cq-launchdarkly/state/testing";

import { SqliteDestination } from "./sqlite-destination.js";
import { SqliteStateClient, stateTableSchema } from "./sqlite-state-client.js";
import { rowsOf } from "./test-support/records.js";
import { createTempDatabase } from "./testing.js";

stateContractSuite("sqlite", () => {
  const temp = createTempDatabase();
  return {
    open: () => SqliteStateClient.open({ path: temp.path, sourceName: "launchdarkly" }),
    cleanup: () => temp.cleanup(),
  };
});

describe("SqliteStateClient", () => {
  it("keeps cq_state_<source>(key, value) beside synced tables, readable through the destination", async () => {
    const temp = createTempDatabase();
    try {
      const client = await SqliteStateClient.open({ path: temp.path, sourceName: "ld" });
      expect(client.tableName).toBe("cq_state_ld");
      await client.setKey("launchdarkly_audit_log_entries", '{"date":1700000000000}');
      await client.setKey("unflushed", "lost");
      await client.flush();
      await client.setKey("unflushed-2", "lost");
      await client.close();
      await expect(client.getKey("x")).rejects.toThrow(/after close\(\): flush before closing/);

      const db = new Database(temp.path, { readonly: true });
      expect(
        db.prepare("SELECT name, type, pk FROM pragma_table_info('cq_state_ld')").all(),
      ).toEqual([
        { name: "key", type: "TEXT", pk: 1 },
        { name: "value", type: "TEXT", pk: 0 },
      ]);
      db.close();

      const dest = SqliteDestination.open({ path: temp.path });
      expect(rowsOf(dest.read(stateTableSchema("cq_state_ld")))).toEqual([
        { key: "launchdarkly_audit_log_entries", value: '{"date":1700000000000}' },
        { key: "unflushed", value: "lost" },
      ]);
      dest.close();
    } finally {
      temp.cleanup();
    }
  });

  it("needs a table or source name", async () => {
    await expect(SqliteStateClient.open({ path: ":memory:" })).rejects.toThrow(
      /tableName or a sourceName/,
    );
  });
});
