/**
 * `pnpm bench:sqlite`: rows/s of a simulator-to-SQLite sync against a baseline measured in the
 * same run (the same rows inserted with plain better-sqlite3 prepared statements in one
 * transaction), with the ratio and peak RSS, at two sizes. Each size runs in its own process so
 * its peak RSS is its own. Not a test: it prints figures and never fails on them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

import type { SyncResponse } from "@cq-launchdarkly/core";
import { parseSpec, runSync, silentLogger } from "@cq-launchdarkly/core";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { createMemoryStateClient } from "@cq-launchdarkly/state";
import { allTables } from "@cq-launchdarkly/tables";

import { SqliteDestination } from "../src/sqlite-destination.js";

/** Simulator counts per size: rows are projects + projects × environments. */
const SIZES = {
  small: { projects: 100, environmentsPerProject: 20 },
  large: { projects: 1_000, environmentsPerProject: 50 },
} as const;
type Size = keyof typeof SIZES;

interface Figures {
  size: Size;
  rows: number;
  syncSeconds: number;
  writeSeconds: number;
  baselineSeconds: number;
  peakRssMb: number;
}

const mb = (kb: number) => Math.round(kb / 1024);

/** A Writable that applies each sync message to `destination` (what `Write` does) and/or records it. */
function destinationStream(
  destination: SqliteDestination | undefined,
  record?: SyncResponse[],
): Writable {
  return new Writable({
    objectMode: true,
    highWaterMark: 64,
    write(message: SyncResponse, _encoding, callback) {
      try {
        record?.push(message);
        if (message.has_migrate_table) destination?.migrateTable(message.migrate_table.table);
        else if (message.has_insert) destination?.insert(message.insert.record);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

async function syncInto(
  destination: SqliteDestination | undefined,
  sim: { url: string; accessToken: string },
  record?: SyncResponse[],
) {
  const stream = destinationStream(destination, record);
  const closed = new Promise<void>((resolve) => stream.on("close", () => resolve()));
  const summary = await runSync({
    spec: parseSpec({ access_token: sim.accessToken, base_url: sim.url, concurrency: 16 }),
    tables: allTables(),
    stream,
    logger: silentLogger,
    stateClient: createMemoryStateClient(),
    syncOptions: {
      tables: ["launchdarkly_projects", "launchdarkly_project_environments"],
      skipDependentTables: true,
    },
  });
  if (summary.status !== "ok") throw summary.error ?? new Error("the sync failed");
  await closed;
}

/** Runs one size and returns its figures (in a child process). */
async function runSize(size: Size): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "cq-bench-sqlite-"));
  const sim = await startSimulator({ size: "tiny", counts: SIZES[size] });
  try {
    // 1. End to end, in process: simulator -> engine -> destination.
    const synced = SqliteDestination.open({
      path: join(dir, "sync.db"),
      sourceName: "launchdarkly",
    });
    const started = performance.now();
    await syncInto(synced, sim);
    synced.close();
    const syncSeconds = (performance.now() - started) / 1000;

    // 2. The destination alone, as in its own plugin process: the messages of a second sync are
    // recorded, the simulator is stopped and its heap collected, then the messages are applied.
    const messages: SyncResponse[] = [];
    await syncInto(undefined, sim, messages);
    await sim.stop();
    (globalThis as { gc?: () => void }).gc?.();
    // One untimed pass first (JIT warm-up), then the timed one; the baseline does the same.
    const apply = (file: string) => {
      const destination = SqliteDestination.open({
        path: join(dir, file),
        sourceName: "launchdarkly",
      });
      const begin = performance.now();
      for (const message of messages) {
        if (message.has_migrate_table) destination.migrateTable(message.migrate_table.table);
        else if (message.has_insert) destination.insert(message.insert.record);
      }
      destination.flush();
      const seconds = (performance.now() - begin) / 1000;
      // Closing checkpoints the WAL into the file; outside the timing, as for the baseline.
      destination.close();
      return seconds;
    };
    apply("warm-up.db");
    const writeSeconds = apply("write.db");
    messages.length = 0;

    // 3. Baseline: the same stored rows, plain prepared INSERTs in one transaction, same pragmas.
    const source = new Database(join(dir, "write.db"), { readonly: true });
    const tables = source
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string; sql: string }[];
    const data = tables.map((table) => ({
      ...table,
      rows: source.prepare(`SELECT * FROM "${table.name}"`).raw(true).all() as unknown[][],
    }));
    source.close();
    const rows = data.reduce((sum, table) => sum + table.rows.length, 0);
    const insertBaseline = (file: string) => {
      const baseline = new Database(join(dir, file));
      baseline.pragma("journal_mode = WAL");
      baseline.pragma("synchronous = NORMAL");
      for (const table of data) baseline.exec(table.sql);
      const begin = performance.now();
      baseline.transaction(() => {
        for (const table of data) {
          const width = table.rows[0]?.length ?? 0;
          if (width === 0) continue;
          const insert = baseline.prepare(
            `INSERT INTO "${table.name}" VALUES (${Array.from({ length: width }, () => "?").join(", ")})`,
          );
          for (const row of table.rows) insert.run(row);
        }
      })();
      const seconds = (performance.now() - begin) / 1000;
      baseline.close();
      return seconds;
    };
    insertBaseline("baseline-warm-up.db");
    const baselineSeconds = insertBaseline("baseline.db");

    return {
      size,
      rows,
      syncSeconds,
      writeSeconds,
      baselineSeconds,
      peakRssMb: mb(process.resourceUsage().maxRSS),
    };
  } finally {
    await sim.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

const child = process.argv.indexOf("--size");
if (child >= 0) {
  const size = process.argv[child + 1] as Size;
  process.stdout.write(JSON.stringify(await runSize(size)) + "\n");
} else {
  const rate = (rows: number, seconds: number) => Math.round(rows / seconds);
  const pct = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;
  const results: string[] = [];
  for (const size of Object.keys(SIZES) as Size[]) {
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, "--expose-gc", fileURLToPath(import.meta.url), "--size", size],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    if (run.status !== 0) throw new Error(`the ${size} run failed (exit ${String(run.status)})`);
    const figures = JSON.parse(run.stdout.trim().split("\n").pop() ?? "") as Figures;
    const base = rate(figures.rows, figures.baselineSeconds);
    const write = rate(figures.rows, figures.writeSeconds);
    const sync = rate(figures.rows, figures.syncSeconds);
    results.push(
      `| ${size} | ${figures.rows.toLocaleString("en")} | ${base.toLocaleString("en")} | ` +
        `${write.toLocaleString("en")} (${pct(write, base)}) | ${sync.toLocaleString("en")} ` +
        `(${pct(sync, base)}) | ${figures.peakRssMb} MB |`,
    );
  }
  process.stdout.write(
    [
      `SQLite destination benchmark (Node ${process.version}, ${process.platform}/${process.arch})`,
      "",
      "| size | rows | baseline rows/s | destination rows/s (ratio) | end-to-end sync rows/s (ratio) | peak RSS |",
      "| ---- | ---: | ---: | ---: | ---: | ---: |",
      ...results,
      "",
      "baseline: the stored rows inserted with one prepared INSERT per table in one transaction;",
      "destination: the sync's recorded Arrow messages applied to SqliteDestination (decode, convert, upsert, commit);",
      "end-to-end: simulator -> core engine -> SqliteDestination in one process (HTTP included). Target: destination >= 50% of baseline.",
      "",
    ].join("\n"),
  );
}
