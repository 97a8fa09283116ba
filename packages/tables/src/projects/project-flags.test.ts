import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";
import { batchesOf } from "./project-flags.js";

const tables = ["launchdarkly_project_flags", "launchdarkly_project_flag_environments"];

describe("launchdarkly_project_flags and launchdarkly_project_flag_environments", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ size: "tiny" });
  });
  afterAll(() => sim.stop());

  it("sync every flag, archived ones included, with every environment's configuration", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables },
    });
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;

    const flags = result.rows.launchdarkly_project_flags ?? [];
    const expected = truth.flatMap((p) => p.flags.map((flag) => ({ p, flag })));
    expect(flags.length).toBe(expected.length);
    expect(flags.some((row) => row.archived === true)).toBe(true);
    for (const { p, flag } of expected.filter((_, index) => index % 7 === 0)) {
      const row = flags.find((r) => r.project_id === p.project._id && r.key === flag.key);
      expect(row).toMatchObject({
        project_key: p.project.key,
        name: flag.name,
        kind: flag.kind,
        version: flag._version,
        creation_date: new Date(flag.creationDate),
        archived: flag.archived,
        tags: flag.tags,
        variations: flag.variations,
        environments: flag.environments,
      });
    }
    const migration = expected.find(({ flag }) => flag._purpose === "migration");
    expect(
      flags.find((r) => r.key === migration?.flag.key && r.project_key === migration?.p.project.key)
        ?.migration_settings,
    ).toEqual(migration?.flag.migrationSettings);
    expectTableInvariants(result, "launchdarkly_project_flags");
    expectLinkedToParent(result, "launchdarkly_project_flags", "launchdarkly_projects");

    const configs = result.rows.launchdarkly_project_flag_environments ?? [];
    const expectedConfigs = expected.flatMap(({ p, flag }) =>
      Object.entries(flag.environments).map(([environmentKey, config]) => ({
        p,
        flag,
        environmentKey,
        config,
      })),
    );
    expect(configs.length).toBe(expectedConfigs.length);
    expect(configs.length).toBe(expected.length * 4);
    for (const { p, flag, environmentKey, config } of expectedConfigs.filter(
      (_, i) => i % 11 === 0,
    )) {
      const row = configs.find(
        (r) =>
          r.project_id === p.project._id &&
          r.flag_key === flag.key &&
          r.environment_key === environmentKey,
      );
      expect(row).toMatchObject({
        project_key: p.project.key,
        on: config.on,
        archived: config.archived,
        version: config.version,
        last_modified: new Date(config.lastModified),
        targets: config.targets,
        context_targets: config.contextTargets,
        rules: config.rules,
        fallthrough: config.fallthrough,
        off_variation: config.offVariation,
        prerequisites: config.prerequisites,
        environment_name: config._environmentName,
        salt: config.salt,
        summary: config._summary,
      });
    }
    expectTableInvariants(result, "launchdarkly_project_flag_environments");
    expectLinkedToParent(
      result,
      "launchdarkly_project_flag_environments",
      "launchdarkly_project_flags",
    );

    // 4 environments = 2 batches of <= 3; each batch walks live and archived flags (1 page each).
    const batches = batchesOf(truth[0]?.environments ?? [], 3).length;
    expect(batches).toBe(2);
    expect(sim.requests.count({ route: "getFeatureFlags" })).toBe(truth.length * batches * 2);
    // The environment keys come from the projects list's embedded (complete) environments.
    expect(sim.requests.count({ route: "getEnvironmentsByProject" })).toBe(0);
    expect(sim.requests.count({ route: "getProjects" })).toBe(1);
    const flagRequests = sim.requests.entries.filter((r) => r.operationId === "getFeatureFlags");
    for (const request of flagRequests) {
      const query = new URLSearchParams(request.query);
      expect(query.getAll("env").length).toBeLessThanOrEqual(3);
      expect(query.get("limit")).toBe("100");
      expect(query.get("summary")).toBe("false");
    }
  });

  it("batch environments by 3 and emit one empty batch without environments", () => {
    expect(batchesOf(["a", "b", "c", "d", "e", "f", "g"], 3)).toEqual([
      ["a", "b", "c"],
      ["d", "e", "f"],
      ["g"],
    ]);
    expect(batchesOf([], 3)).toEqual([[]]);
  });
});

describe("a flag archived between two pages", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      counts: { projects: 1, environmentsPerProject: 4, flagsPerProject: 250 },
    });
  });
  afterAll(() => sim.stop());

  it("loses no row: the live walk is repeated when totalCount changes under it", async () => {
    const before = sim.truth().projects[0]?.flags ?? [];
    const live = before.filter((flag) => !flag.archived).length;
    expect(live).toBeGreaterThan(200);
    sim.requests.clear();
    // After the first page is served its first flag is archived: the second page starts one flag late.
    sim.faults.add({ route: "getFeatureFlags", fault: { kind: "mutate", action: "archive" } });
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables },
    });
    expect(result.summary.status).toBe("ok");
    expect(sim.requests.count({ fault: "mutate" })).toBe(1);

    const truth = sim.truth().projects[0]?.flags ?? [];
    const rows = result.rows.launchdarkly_project_flags ?? [];
    expect(rows.map((row) => row.key).sort()).toEqual(truth.map((flag) => flag.key).sort());
    const archivedNow = truth.filter((flag) => flag.archived).length;
    expect(archivedNow).toBe(before.length - live + 1);
    expect(rows.filter((row) => row.archived === true).length).toBe(archivedNow);
    // Every flag has all 4 environments, from both batches.
    const environmentKeys = (sim.truth().projects[0]?.environments ?? []).map((env) => env.key);
    for (const row of rows) {
      expect(Object.keys(row.environments as object).sort()).toEqual(environmentKeys.sort());
    }
    expect((result.rows.launchdarkly_project_flag_environments ?? []).length).toBe(
      truth.length * 4,
    );
    // Batch 1: 3 live pages, then 3 again (the walk is repeated), 1 archived page; batch 2: 3 + 1.
    expect(sim.requests.count({ route: "getFeatureFlags" })).toBe(3 + 3 + 1 + 3 + 1);
  });
});
