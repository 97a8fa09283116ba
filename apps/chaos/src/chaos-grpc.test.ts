import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { GrpcPlugins } from "./grpc/grpc-scenario.js";
import type { ScenarioResult } from "./scenario-result.js";
import { describeDifferences } from "./compare-with-truth.js";
import { startDestinationPlugin, startSourcePlugin } from "./grpc/grpc-plugins.js";
import { runGrpcScenario } from "./grpc/grpc-scenario.js";
import { chaosProfile } from "./profile.js";
import { printLine } from "./report-printer.js";
import { formatResult, resultHeader } from "./scenario-result.js";
import { scenarios } from "./scenarios.js";

const profile = chaosProfile();
const selected = scenarios.filter(
  (s) => profile.grpcScenarios === "all" || profile.grpcScenarios.includes(s.name),
);
const lines: string[] = [];
let plugins: GrpcPlugins;

beforeAll(async () => {
  const [source, destination] = await Promise.all([startSourcePlugin(), startDestinationPlugin()]);
  plugins = { source, destination };
});
afterAll(async () => {
  await Promise.all([plugins.source.stop(), plugins.destination.stop()]);
  printLine();
  printLine(
    `chaos suite through gRPC: plugin + SQLite destination/state backend (profile ${profile.name})`,
  );
  printLine(resultHeader());
  for (const line of lines) printLine(line);
});

function context(result: ScenarioResult): string {
  return `${describeDifferences(result.comparison)}\n--- output ---\n${result.output.slice(-4000)}`;
}

describe.sequential(`fault injection through gRPC (${profile.name})`, () => {
  for (const scenario of selected) {
    it(scenario.name, async () => {
      const result = await runGrpcScenario(scenario, profile, plugins);
      const line = formatResult(result);
      lines.push(line);
      printLine(line);
      expect(result.tokenHits, "access token in logs, rows, state or file").toBe(0);
      if (scenario.kind === "invalid-token") {
        expect(result.exitCode).toBe(1);
        expect(result.output).toMatch(/401/);
        expect(result.comparison.synced, "nothing written").toBe(0);
        expect(result.retries).toBe(0);
        return;
      }
      // The gRPC protocol has no exit code: warnings and errors end up in the plugin's log.
      expect(result.exitCode, context(result)).toBe(0);
      expect(result.comparison.lost, context(result)).toBe(0);
      expect(result.comparison.duplicated, context(result)).toBe(0);
      if (!scenario.expect.allowExtra) expect(result.comparison.extra, context(result)).toBe(0);
      if (scenario.expect.retried) expect(result.retries).toBeGreaterThan(0);
      for (const table of scenario.expect.warningTables ?? [])
        expect(result.warningTables).toContain(table);
      expect(result.errorTables).toEqual([]);
    });
  }
});
