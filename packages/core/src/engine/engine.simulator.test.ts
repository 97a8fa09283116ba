import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { testConnection } from "../test-connection.js";
import { simulatorTables } from "../test-support/simulator-tables.js";
import { runTableTest } from "../testing.js";

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator({ size: "tiny" });
});
afterAll(async () => {
  await simulator.stop();
});
afterEach(() => {
  for (const rule of simulator.faults.list()) simulator.faults.remove(rule.id);
  simulator.requests.clear();
});

function maxOverlap(entries: readonly { startedAt: number; durationMs: number }[]): number {
  const events = entries.flatMap((e) => [
    [e.startedAt, 1],
    [e.startedAt + e.durationMs, -1],
  ]);
  events.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta ?? 0;
    peak = Math.max(peak, current);
  }
  return peak;
}

describe("engine against the simulator", () => {
  it("syncs projects and environments and matches the simulator's truth", async () => {
    const result = await runTableTest({
      tables: simulatorTables(),
      simulator,
      syncOptions: { deterministicCQId: true },
    });
    const truth = simulator.truth();
    expect(result.summary.status).toBe("ok");
    expect(result.rows.sim_projects?.map((r) => r.key).sort()).toEqual(
      truth.projects.map((p) => p.project.key).sort(),
    );
    const expected = truth.projects
      .flatMap((p) => p.environments.map((e) => `${p.project.key}/${e.key}`))
      .sort();
    expect(
      result.rows.sim_project_environments
        ?.map((r) => `${String(r.project_key)}/${String(r.key)}`)
        .sort(),
    ).toEqual(expected);
    // Every request is attributed to the table whose resolver made it.
    const [projects, environments] = result.summary.tables;
    expect(projects?.requests).toBeGreaterThanOrEqual(1);
    expect(environments?.requests).toBeGreaterThanOrEqual(truth.projects.length);
    expect(result.summary.totals.requests).toBe(simulator.requests.total);
  });

  it("holds the concurrency bound, counted at the simulator", async () => {
    simulator.faults.add({ fault: { kind: "latency", ms: 25 } });
    const result = await runTableTest({
      tables: simulatorTables(),
      simulator,
      spec: { concurrency: 3 },
    });
    expect(result.summary.status).toBe("ok");
    const peak = maxOverlap(simulator.requests.entries);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThanOrEqual(2);
  });

  it("a 403 on one project's environments is one warning; other projects' rows arrive", async () => {
    const truth = simulator.truth();
    const [first, second] = truth.projects;
    for (const project of [first, second]) {
      simulator.faults.add({
        route: "/api/v2/projects/{projectKey}/environments",
        projectKey: project?.project.key,
        fault: { kind: "forbidden" },
      });
    }
    const result = await runTableTest({ tables: simulatorTables(), simulator });
    expect(result.summary.status).toBe("ok");
    const warnings = result.logs.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain("a role allowing `viewProject`");
    const envRows = result.rows.sim_project_environments ?? [];
    expect(envRows.some((r) => r.project_key === first?.project.key)).toBe(false);
    const others = truth.projects.slice(2).reduce((n, p) => n + p.environments.length, 0);
    expect(envRows).toHaveLength(others);
  });

  it("a 5xx that outlives the retries fails one resource; the rest goes on", async () => {
    const [first] = simulator.truth().projects;
    simulator.faults.add({
      route: "/api/v2/projects/{projectKey}/environments",
      projectKey: first?.project.key,
      fault: { kind: "server-error", status: 503 },
    });
    const result = await runTableTest({
      tables: simulatorTables(),
      simulator,
      spec: { max_retries: 1 },
    });
    expect(result.summary.status).toBe("ok");
    const environments = result.summary.tables[1];
    expect(environments).toMatchObject({ errors: 1 });
    expect(environments?.retries).toBeGreaterThanOrEqual(1);
    const error = result.logs.find((l) => l.level === "error");
    expect(error?.message).toContain(`sim_projects key=${first?.project.key}`);
  });

  it("a bad token is fatal with a clear message", async () => {
    const result = await runTableTest({
      tables: simulatorTables(),
      simulator: { url: simulator.url, accessToken: "api-wrong" },
    });
    expect(result.summary.status).toBe("failed");
    expect(result.summary.error?.message).toMatch(/401/);
    expect(result.summary.error?.message).not.toContain("api-wrong");
    expect(result.streamError).toBeDefined();
  });
});

describe("testConnection", () => {
  it("succeeds with the simulator's token and fails clearly with another", async () => {
    expect(
      await testConnection(
        JSON.stringify({ access_token: simulator.accessToken, base_url: simulator.url }),
      ),
    ).toEqual({ success: true });
    const bad = await testConnection(
      JSON.stringify({ access_token: "api-bad-token", base_url: simulator.url }),
    );
    expect(bad).toMatchObject({ success: false, failureCode: "INVALID_CREDENTIALS" });
    expect(bad.failureDescription).not.toContain("api-bad-token");
    expect(await testConnection("{}")).toMatchObject({
      success: false,
      failureCode: "INVALID_SPEC",
    });
  });
});
