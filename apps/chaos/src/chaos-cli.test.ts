import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CliScenarioOutcome } from "./cli-scenario.js";
import type { Scenario } from "./scenarios.js";
import { runCliScenario } from "./cli-scenario.js";
import { describeDifferences } from "./compare-with-truth.js";
import { chaosProfile } from "./profile.js";
import { printLine } from "./report-printer.js";
import { formatResult, resultHeader } from "./scenario-result.js";
import { scenarios } from "./scenarios.js";

const profile = chaosProfile();
const lines: string[] = [];

beforeAll(() => {
  printLine(`chaos suite through the CLI, profile ${profile.name}`);
});
afterAll(() => {
  printLine();
  printLine(`chaos suite through the CLI (profile ${profile.name})`);
  printLine(resultHeader());
  for (const line of lines) printLine(line);
});

function context(result: CliScenarioOutcome): string {
  return `${describeDifferences(result.comparison)}\n--- output ---\n${result.output.slice(-4000)}`;
}

/** Nothing the API serves lost, nothing doubled, nothing invented; exit code and warnings as expected. */
function expectRecovered(scenario: Scenario, result: CliScenarioOutcome): void {
  const c = result.comparison;
  expect(result.exitCode, context(result)).toBe(scenario.expect.exitCode);
  expect(c.lost, context(result)).toBe(0);
  expect(c.duplicated, context(result)).toBe(0);
  if (!scenario.expect.allowExtra) expect(c.extra, context(result)).toBe(0);
  if (scenario.expect.retried) expect(result.retries).toBeGreaterThan(0);
}

describe.sequential(`fault injection through the CLI (${profile.name})`, () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const result = await runCliScenario(scenario, profile);
      const line = formatResult(result);
      lines.push(line);
      printLine(line);
      expect(result.tokenHits, "access token in logs, rows, state or file").toBe(0);

      if (scenario.kind === "invalid-token") {
        expect(result.exitCode).toBe(scenario.expect.exitCode);
        expect(result.output).toMatch(/rejected the access token \(401/);
        expect(result.comparison.synced, "nothing written").toBe(0);
        expect(result.rateLimited).toBe(0);
        expect(result.retries, "a 401 is not retried").toBe(0);
        expect(result.durationMs, "fails fast").toBeLessThan(15_000);
        return;
      }
      expectRecovered(scenario, result);
      if (scenario.kind === "kill-resume") {
        expect(result.rowsAfterKill, "the kill landed after rows were written").toBeGreaterThan(0);
        expect(result.rowsAfterKill, "the kill landed mid-sync").toBeLessThan(
          result.comparison.expected,
        );
      }
      for (const table of scenario.expect.warningTables ?? [])
        expect(result.warningTables).toContain(table);
      if (!scenario.expect.warningTables) expect(result.warningTables).toEqual([]);
      expect(result.errorTables).toEqual([]);
      // Anything the API refused shows as a warning.
      if (result.unrecoverable > 0) expect(result.warningTables.length).toBeGreaterThan(0);
    });
  }
});
