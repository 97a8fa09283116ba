import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { startSimulator } from "@cq-launchdarkly/simulator";

import type { ChaosProfile } from "../profile.js";
import type { ScenarioResult } from "../scenario-result.js";
import type { Scenario } from "../scenarios.js";
import type { PluginProcess } from "./grpc-plugins.js";
import { compareWithTruth } from "../compare-with-truth.js";
import { jsonLogLines, summaryFigures } from "../sync-summary.js";
import { tokenHits } from "../token-scan.js";
import { expectedRows, unservedRows } from "../truth-keys.js";
import { cloudquerySync, startSourcePlugin } from "./grpc-plugins.js";

const STATE_TABLE = "cq_state_launchdarkly";
const WRONG_TOKEN = "api-00000000-0000-4000-8000-0000000bad00";

/** The source and destination processes a gRPC scenario runs between (the source may be replaced). */
export interface GrpcPlugins {
  source: PluginProcess;
  readonly destination: PluginProcess;
}

/** One `cloudquery sync`: 0 when the streams ended cleanly, 1 with the error otherwise. */
async function syncOnce(
  plugins: GrpcPlugins,
  sim: Simulator,
  token: string,
  database: string,
  scenario: Scenario,
): Promise<{ code: number; error?: string }> {
  try {
    await cloudquerySync({
      source: plugins.source,
      sourceSpec: { access_token: token, base_url: sim.url, ...scenario.plugin },
      destinations: [
        {
          plugin: plugins.destination,
          spec: { connection_string: database, ...scenario.destination },
        },
      ],
      backend: { connection: plugins.destination.address, tableName: STATE_TABLE },
    });
    return { code: 0 };
  } catch (error) {
    return { code: 1, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs one scenario through the gRPC source plugin and the gRPC SQLite destination (also the
 * state backend), as `cloudquery sync` does, and compares the file with the truth. For
 * `kill-resume` the source process is SIGKILLed mid-sync and replaced before the second sync.
 */
export async function runGrpcScenario(
  scenario: Scenario,
  profile: ChaosProfile,
  plugins: GrpcPlugins,
): Promise<ScenarioResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "cq-chaos-grpc-"));
  const sim = await startSimulator({ counts: profile.counts, seed: 9 });
  const outputs: string[] = [];
  let sourceFrom = plugins.source.output().length;
  const destinationFrom = plugins.destination.output().length;
  try {
    const database = path.join(dir, "launchdarkly.db");
    scenario.arrange?.(sim, profile);
    const started = Date.now();
    const token = scenario.kind === "invalid-token" ? WRONG_TOKEN : sim.accessToken;
    let figuresFrom = sourceFrom;
    if (scenario.kind === "kill-resume") {
      sim.faults.add({ fault: { kind: "latency", ms: profile.killLatencyMs } });
      const killed = syncOnce(plugins, sim, token, database, scenario);
      while (sim.requests.total < profile.killAfterRequests) {
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      plugins.source.process.kill("SIGKILL");
      await killed;
      outputs.push(plugins.source.output().slice(sourceFrom));
      await plugins.source.stop();
      plugins.source = await startSourcePlugin();
      sourceFrom = 0;
      figuresFrom = 0;
      sim.faults.clear();
    }
    const run = await syncOnce(plugins, sim, token, database, scenario);
    const durationMs = Date.now() - started;
    sim.faults.clear();
    sim.faults.setRateLimit({});
    const sourceOutput = plugins.source.output().slice(figuresFrom);
    outputs.push(sourceOutput, plugins.destination.output().slice(destinationFrom));
    if (run.error) outputs.push(run.error);
    const truth = sim.truth();
    const unserved = scenario.unserved?.(sim) ?? {};
    const expected =
      scenario.kind === "invalid-token"
        ? Object.fromEntries(
            Object.entries(expectedRows(truth)).map(([t, e]) => [t, { ...e, keys: [] }]),
          )
        : expectedRows(truth, unserved);
    const comparison = existsSync(database)
      ? compareWithTruth(database, expected)
      : { tables: [], expected: 0, synced: 0, lost: 0, duplicated: 0, extra: 0 };
    const figures = summaryFigures(jsonLogLines(sourceOutput));
    const output = outputs.join("\n");
    return {
      scenario: scenario.name,
      path: "grpc",
      exitCode: run.code,
      comparison,
      unrecoverable: unservedRows(truth, unserved),
      requests: sim.requests.total,
      retries: figures.retries,
      rateLimited: sim.requests.count({ status: 429 }),
      warningTables: figures.warningTables,
      errorTables: figures.errorTables,
      tokenHits:
        tokenHits(sim.accessToken, { output, database }) +
        (scenario.kind === "invalid-token" ? tokenHits(WRONG_TOKEN, { output, database }) : 0),
      durationMs,
      output,
    };
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
