import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { TableTestResult } from "@cq-launchdarkly/core/testing";
import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { SqliteStateClient } from "@cq-launchdarkly/destination-sqlite";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { allTables } from "@cq-launchdarkly/tables";

const TABLE = "launchdarkly_auditlog_entries";

let dir: string;
const running: Simulator[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "cq-ld-audit-sqlite-"));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.stop()));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One sync with a SQLite state client opened for it and closed after, as across restarts. */
async function sync(sim: Simulator, db: string): Promise<TableTestResult> {
  const state = await SqliteStateClient.open({ path: db, sourceName: "launchdarkly" });
  try {
    return await runTableTest({
      tables: allTables(),
      simulator: sim,
      stateClient: state,
      syncOptions: { tables: [TABLE] },
    });
  } finally {
    await state.close();
  }
}

async function stored(db: string): Promise<string | undefined> {
  const state = await SqliteStateClient.open({ path: db, sourceName: "launchdarkly" });
  try {
    return await state.getKey(TABLE);
  } finally {
    await state.close();
  }
}

const idsOf = (result: TableTestResult) =>
  (result.rows[TABLE] ?? []).map((row) => String(row.id)).sort();

describe.each(["exclusive", "inclusive"] as const)(
  "launchdarkly_auditlog_entries with the SQLite state client, `before` %s",
  (auditBefore) => {
    it("sync, append, sync, append, sync: every entry exactly once", async () => {
      const sim = await startSimulator({ size: "tiny", semantics: { auditBefore } });
      running.push(sim);
      const db = join(dir, `sequence-${auditBefore}.db`);
      const seen: string[] = [];
      seen.push(...idsOf(await sync(sim, db)));
      for (const count of [23, 5]) {
        const newest = sim.truth().auditLog[0]?.date ?? 0;
        const appended = [
          ...sim.appendAuditEntries([{ date: newest }, { date: newest }]),
          ...sim.appendAuditEntries(count),
        ];
        const top = sim.truth().auditLog[0]?.date ?? 0;
        appended.push(...sim.appendAuditEntries([{ date: top }]));
        const result = await sync(sim, db);
        expect(result.summary.status).toBe("ok");
        expect(idsOf(result)).toEqual(appended.map((entry) => entry._id).sort());
        seen.push(...idsOf(result));
      }
      const truth = sim.truth().auditLog;
      expect(seen.sort()).toEqual(truth.map((entry) => entry._id).sort());
      const date = truth[0]?.date;
      expect(JSON.parse((await stored(db)) ?? "null")).toEqual({
        v: 1,
        date,
        ids: truth
          .filter((entry) => entry.date === date)
          .map((entry) => entry._id)
          .sort(),
      });
    });
  },
);

describe("a corrupt cursor in the SQLite state table", () => {
  it("is an error naming the key and the table; the value stays", async () => {
    const sim = await startSimulator({ size: "tiny" });
    running.push(sim);
    const db = join(dir, "corrupt.db");
    const state = await SqliteStateClient.open({ path: db, sourceName: "launchdarkly" });
    await state.setKey(TABLE, "12:00 yesterday");
    await state.flush();
    await state.close();
    const result = await sync(sim, db);
    expect(result.rows[TABLE] ?? []).toEqual([]);
    expect(result.logs.map((log) => log.message).join("\n")).toMatch(
      /state key "launchdarkly_auditlog_entries" in state table "cq_state_launchdarkly" is not valid/,
    );
    expect(await stored(db)).toBe("12:00 yesterday");
  });
});
