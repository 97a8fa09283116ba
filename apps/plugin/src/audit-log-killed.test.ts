import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { arrowSchemaOf, createTablesForSdk } from "@cq-launchdarkly/core";
import { SqliteDestination, SqliteStateClient } from "@cq-launchdarkly/destination-sqlite";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { allTables } from "@cq-launchdarkly/tables";

import { appDir } from "./test-support/plugin-process.js";

const TABLE = "launchdarkly_auditlog_entries";
const child = join(appDir, "src", "test-support", "audit-log-sync-child.ts");

let sim: Simulator;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny", counts: { auditEntries: 200 } });
  // Slow pages, so kills land in the middle of walks.
  sim.faults.add({ route: "getAuditLogEntries", fault: { kind: "latency", ms: 20 } });
  dir = await mkdtemp(join(tmpdir(), "cq-ld-killed-"));
});
afterAll(async () => {
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

/** mulberry32: a small seeded PRNG, so the kill schedule is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChildRun {
  process: ChildProcess;
  /** Exit code, or null when killed by a signal. */
  exited: Promise<number | null>;
}

/**
 * Starts a sync in a child process. With `killAfterRows`, SIGKILLs it `extraMs` after it reported
 * that many rows committed (so the kill lands inside the walk however slow the machine is).
 */
function startChild(db: string, kill?: { afterRows: number; extraMs: number }): ChildRun {
  const proc = spawn(process.execPath, ["--import", "tsx", child, sim.url, sim.accessToken, db], {
    cwd: appDir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let armed = kill !== undefined;
  proc.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  proc.stdout?.on("data", (chunk: Buffer) => {
    const counts = [...chunk.toString().matchAll(/rows (\d+)/g)].map((m) => Number(m[1]));
    if (armed && kill && Math.max(0, ...counts) >= kill.afterRows) {
      armed = false;
      setTimeout(() => proc.kill("SIGKILL"), kill.extraMs);
    }
  });
  if (kill?.afterRows === 0) {
    armed = false;
    setTimeout(() => proc.kill("SIGKILL"), 300 + kill.extraMs);
  }
  const exited = new Promise<number | null>((resolve) => {
    proc.on("exit", (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(stderr);
      resolve(signal === null ? code : null);
    });
  });
  return { process: proc, exited };
}

function storedIds(db: string): string[] {
  const table = createTablesForSdk(allTables()).find((t) => t.name === TABLE);
  if (!table) throw new Error(`${TABLE} is not registered`);
  const destination = SqliteDestination.open({ path: db, writeMode: "overwrite" });
  try {
    const ids: string[] = [];
    for (const batch of destination.read(arrowSchemaOf(table))) {
      const column = batch.getChild("id");
      for (let row = 0; row < batch.numRows; row++) ids.push(String(column?.get(row)));
    }
    return ids;
  } finally {
    destination.close();
  }
}

async function storedCursor(db: string): Promise<unknown> {
  const state = await SqliteStateClient.open({ path: db, sourceName: "launchdarkly" });
  try {
    return JSON.parse((await state.getKey(TABLE)) ?? "null") as unknown;
  } finally {
    await state.close();
  }
}

function truthCursor() {
  const truth = sim.truth().auditLog;
  const date = truth[0]?.date;
  const ids = truth.filter((entry) => entry.date === date).map((entry) => entry._id);
  return { v: 1, date, ids: ids.sort() };
}

describe("launchdarkly_auditlog_entries when the sync process is killed", () => {
  it("ends with exactly the truth in SQLite after random SIGKILLs and one complete sync", async () => {
    const db = join(dir, "killed.db");
    const random = seeded(6);
    let interruptedMidWalk = 0;
    let rowsBefore = 0;
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      if (round > 0) {
        const newest = sim.truth().auditLog[0]?.date ?? 0;
        sim.appendAuditEntries([{ date: newest }]); // in the cursor's millisecond
        sim.appendAuditEntries(20 + Math.floor(random() * 60));
        const top = sim.truth().auditLog[0]?.date ?? 0;
        sim.appendAuditEntries([{ date: top }, { date: top }]);
      }
      const fresh = sim.truth().auditLog.length - rowsBefore;
      const afterRows = Math.floor(random() * (fresh + 15));
      const extraMs = Math.floor(random() * 15);
      // Round 2 runs to the end, so later rounds are cut short while walking from a saved cursor.
      const run = startChild(db, round === 2 ? undefined : { afterRows, extraMs });
      const code = await run.exited;
      const killed = code === null;
      if (!killed) {
        expect(code).toBe(0);
        expect(await storedCursor(db)).toEqual(truthCursor());
      }
      const rows = storedIds(db).length;
      if (killed && rows > rowsBefore && rows < sim.truth().auditLog.length) {
        expect(await storedCursor(db)).not.toEqual(truthCursor());
        interruptedMidWalk += 1;
      }
      rowsBefore = rows;
      outcomes.push(killed ? `killed after ${afterRows} rows` : "finished");
    }
    // The schedule must really cut walks short, not only kill idle or finished processes.
    expect(interruptedMidWalk, outcomes.join(", ")).toBeGreaterThanOrEqual(2);
    expect(outcomes).toContain("finished");

    const final = startChild(db);
    expect(await final.exited).toBe(0);
    const ids = storedIds(db);
    expect(new Set(ids).size, "no entry twice").toBe(ids.length);
    expect([...ids].sort()).toEqual(
      sim
        .truth()
        .auditLog.map((entry) => entry._id)
        .sort(),
    );
    expect(await storedCursor(db)).toEqual(truthCursor());
  }, 60_000);
});
