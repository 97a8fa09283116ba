import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { startSimulator } from "@cq-launchdarkly/simulator";

import type { CliRun } from "./cli-sync.js";
import type { ChaosProfile } from "./profile.js";
import type { ScenarioResult } from "./scenario-result.js";
import type { Scenario } from "./scenarios.js";
import { startCliSync, writeSpecFile } from "./cli-sync.js";
import { compareWithTruth } from "./compare-with-truth.js";
import { summaryFigures } from "./sync-summary.js";
import { tokenHits } from "./token-scan.js";
import { expectedRows, unservedRows } from "./truth-keys.js";

/** A CLI scenario's result plus what the assertions need beyond the figures. */
export interface CliScenarioOutcome extends ScenarioResult {
  /** Standard error of the (last) run: where the CLI puts its error messages. */
  readonly stderr: string;
  /** Whether the database file exists after the run. */
  readonly databaseExists: boolean;
  /** Rows in the file after the killed run (kill-resume only). */
  readonly rowsAfterKill?: number;
}

const WRONG_TOKEN = "api-00000000-0000-4000-8000-0000000bad00";

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Kills the CLI with SIGKILL once the simulator has answered `afterRequests` requests. */
async function killMidSync(
  specFile: string,
  sim: Simulator,
  afterRequests: number,
): Promise<CliRun> {
  const sync = startCliSync(specFile, sim.accessToken);
  const deadline = Date.now() + 60_000;
  while (sim.requests.total < afterRequests && Date.now() < deadline) {
    if (sync.child.exitCode !== null) break;
    await wait(2);
  }
  sync.child.kill("SIGKILL");
  return sync.done;
}

/**
 * Runs one scenario through the CLI against a fresh simulator and compares the SQLite file with
 * the simulator's truth afterwards (faults cleared first, so the truth is what the API serves).
 */
export async function runCliScenario(
  scenario: Scenario,
  profile: ChaosProfile,
): Promise<CliScenarioOutcome> {
  const dir = mkdtempSync(path.join(tmpdir(), "cq-chaos-cli-"));
  const sim = await startSimulator({ counts: profile.counts, seed: 9 });
  try {
    const database = path.join(dir, "launchdarkly.db");
    const specFile = writeSpecFile(path.join(dir, "spec.yml"), {
      baseUrl: sim.url,
      database,
      ...(scenario.plugin ? { plugin: scenario.plugin } : {}),
      ...(scenario.destination ? { destination: scenario.destination } : {}),
    });
    scenario.arrange?.(sim, profile);
    const started = Date.now();
    const runs: CliRun[] = [];
    let rowsAfterKill: number | undefined;
    if (scenario.kind === "kill-resume") {
      sim.faults.add({ fault: { kind: "latency", ms: profile.killLatencyMs } });
      runs.push(await killMidSync(specFile, sim, profile.killAfterRequests));
      rowsAfterKill = existsSync(database)
        ? compareWithTruth(database, expectedRows(sim.truth())).synced
        : 0;
      sim.faults.clear();
      runs.push(await startCliSync(specFile, sim.accessToken, scenario.args).done);
    } else {
      const token = scenario.kind === "invalid-token" ? WRONG_TOKEN : sim.accessToken;
      runs.push(await startCliSync(specFile, token, scenario.args).done);
    }
    const durationMs = Date.now() - started;
    sim.faults.clear();
    sim.faults.setRateLimit({});
    const truth = sim.truth();
    const unserved = scenario.unserved?.(sim) ?? {};
    const last = runs[runs.length - 1];
    if (!last) throw new Error("no run");
    const databaseExists = existsSync(database);
    const expected =
      scenario.kind === "invalid-token"
        ? Object.fromEntries(
            Object.entries(expectedRows(truth)).map(([t, e]) => [t, { ...e, keys: [] }]),
          )
        : expectedRows(truth, unserved);
    const comparison = databaseExists
      ? compareWithTruth(database, expected)
      : { tables: [], expected: 0, synced: 0, lost: 0, duplicated: 0, extra: 0 };
    const figures = runs.map((run) => summaryFigures(run.events));
    const output = runs.map((run) => run.stdout + run.stderr).join("\n");
    return {
      scenario: scenario.name,
      path: "cli",
      exitCode: last.code,
      comparison,
      unrecoverable: unservedRows(truth, unserved),
      requests: sim.requests.total,
      retries: figures.reduce((n, f) => n + f.retries, 0),
      rateLimited: sim.requests.count({ status: 429 }),
      warningTables: figures.at(-1)?.warningTables ?? [],
      errorTables: figures.at(-1)?.errorTables ?? [],
      tokenHits:
        tokenHits(sim.accessToken, { output, database }) +
        (scenario.kind === "invalid-token" ? tokenHits(WRONG_TOKEN, { output, database }) : 0),
      durationMs,
      output,
      stderr: last.stderr,
      databaseExists,
      ...(rowsAfterKill !== undefined ? { rowsAfterKill } : {}),
    };
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
