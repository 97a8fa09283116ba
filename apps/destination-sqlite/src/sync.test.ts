import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { formatTimestampMicros } from "@cq-launchdarkly/destination-sqlite";
import { startSimulator } from "@cq-launchdarkly/simulator";

import type { CloudQuerySyncOptions } from "./test-support/cloudquery-cli.js";
import type { PluginProcess } from "./test-support/plugin-process.js";
import { cloudquerySync } from "./test-support/cloudquery-cli.js";
import { startPluginProcess } from "./test-support/plugin-process.js";

const sourceMainJs = join(
  dirname(createRequire(import.meta.url).resolve("@cq-launchdarkly/plugin")),
  "main.js",
);
const destinationMainJs = join(import.meta.dirname, "..", "dist", "main.js");
const STATE_TABLE = "cq_state_launchdarkly";

let sim: Simulator;
let source: PluginProcess;
let destination: PluginProcess;
let dir: string;
let dbPath: string;

beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
  dir = await mkdtemp(join(tmpdir(), "cq-sync-sqlite-"));
  dbPath = join(dir, "launchdarkly.db");
  [source, destination] = await Promise.all([
    startPluginProcess({ name: "launchdarkly", mainJs: sourceMainJs }),
    startPluginProcess({ name: "sqlite", mainJs: destinationMainJs }),
  ]);
});

afterAll(async () => {
  await Promise.all([source.stop(), destination.stop()]);
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

/** `cloudquery sync` of the simulator into the SQLite file, the destination as state backend. */
function sync(overrides: Partial<CloudQuerySyncOptions> = {}) {
  return cloudquerySync({
    source,
    sourceName: "launchdarkly",
    sourceSpec: { access_token: sim.accessToken, base_url: sim.url },
    destinations: [{ plugin: destination, spec: { connection_string: dbPath } }],
    backend: { connection: destination.address, tableName: STATE_TABLE },
    ...overrides,
  });
}

/**
 * What the simulator holds, per table the tests know how to count: table name -> primary keys
 * (JSON of the key columns, in key order). Tables added later without an entry here are still
 * checked for existence and the internal columns.
 */
function expectedKeys(): Record<string, { columns: string[]; keys: string[] }> {
  const projects = sim.truth().projects;
  return {
    launchdarkly_projects: {
      columns: ["id"],
      keys: projects.map((p) => JSON.stringify([p.project._id])),
    },
    launchdarkly_project_environments: {
      columns: ["project_id", "id"],
      keys: projects.flatMap((p) =>
        p.environments.map((e) => JSON.stringify([p.project._id, e._id])),
      ),
    },
  };
}

function withDatabase<T>(use: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
}

/**
 * Checks the file after a sync: every migrated table exists; every row of a non-incremental
 * table carries this sync's source name and time (older rows were deleted as stale); the tables
 * the tests can count hold exactly the simulator's rows.
 */
function expectFileMatchesTruth({
  migrated,
  incremental,
  syncTimeMicros,
}: {
  migrated: string[];
  incremental: string[];
  syncTimeMicros: bigint;
}) {
  const expected = expectedKeys();
  withDatabase((db) => {
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    for (const name of Object.keys(expected)) expect(migrated).toContain(name);
    for (const table of migrated) {
      expect(tables.has(table), `${table} exists in the file`).toBe(true);
      const internal = db
        .prepare(`SELECT DISTINCT _cq_source_name AS source, _cq_sync_time AS time FROM "${table}"`)
        .all();
      if (!incremental.includes(table)) {
        expect(internal.length, `${table}: rows of one sync at most`).toBeLessThanOrEqual(1);
        for (const row of internal) {
          expect(row, `${table}: every row comes from this sync`).toEqual({
            source: "launchdarkly",
            time: formatTimestampMicros(syncTimeMicros),
          });
        }
      }
      const want = expected[table];
      if (!want) continue;
      expect(internal.length, `${table} has rows`).toBe(1);
      const columns = want.columns.map((column) => `"${column}"`).join(", ");
      const keys = (
        db.prepare(`SELECT json_array(${columns}) AS key FROM "${table}"`).all() as {
          key: string;
        }[]
      ).map((row) => row.key);
      expect(keys.sort(), `${table}: the simulator's rows`).toEqual([...want.keys].sort());
    }
    expect(tables.has(STATE_TABLE), "the state backend's table lives in the same file").toBe(true);
  });
}

describe("a CloudQuery sync of the simulator through the source and SQLite destination plugins", () => {
  it("ends with tables equal to the simulator's truth", async () => {
    const result = await sync();
    expect(result.resources).toBeGreaterThan(0);
    // Delete-stale goes to every table except incremental ones, since a state backend is set.
    expect(result.deleteStale.sort()).toEqual(
      result.migrated.filter((table) => !result.incremental.includes(table)).sort(),
    );
    expectFileMatchesTruth(result);
    const counts = withDatabase((db) =>
      Object.fromEntries(
        result.migrated.map((table) => [
          table,
          (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n,
        ]),
      ),
    );
    expect(counts).toEqual(result.rowsPerTable);
  });

  it("removes a deleted project and its environments on the next sync (delete stale)", async () => {
    const [gone, ...kept] = sim.truth().projects;
    if (!gone) throw new Error("the simulator has no project");
    expect(sim.deleteResource("project", gone.project.key)).toBe(true);

    const result = await sync();
    expectFileMatchesTruth(result);
    withDatabase((db) => {
      expect(
        db
          .prepare("SELECT count(*) AS n FROM launchdarkly_projects WHERE id = ?")
          .get(gone.project._id),
      ).toEqual({ n: 0 });
      expect(
        db
          .prepare(
            "SELECT count(*) AS n FROM launchdarkly_project_environments WHERE project_id = ?",
          )
          .get(gone.project._id),
      ).toEqual({ n: 0 });
      expect(
        (db.prepare("SELECT count(*) AS n FROM launchdarkly_projects").get() as { n: number }).n,
      ).toBe(kept.length);
    });
  });

  it("never crashed either plugin", () => {
    expect(source.process.exitCode).toBeNull();
    expect(destination.process.exitCode).toBeNull();
    expect(destination.output()).not.toMatch(/"level":"error"/);
  });
});
