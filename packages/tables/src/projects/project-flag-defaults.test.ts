import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

describe("launchdarkly_project_flag_defaults", () => {
  it("syncs one row per project, equal to the simulator's flag defaults", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables: ["launchdarkly_project_flag_defaults"] },
    });
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;
    const rows = result.rows.launchdarkly_project_flag_defaults ?? [];
    expect(rows.length).toBe(truth.length);
    for (const p of truth) {
      expect(rows.find((row) => row.project_id === p.project._id)).toMatchObject({
        project_key: p.project.key,
        key: p.flagDefaults.key,
        tags: p.flagDefaults.tags,
        temporary: p.flagDefaults.temporary,
        default_client_side_availability: p.flagDefaults.defaultClientSideAvailability,
        boolean_defaults: p.flagDefaults.booleanDefaults,
      });
    }
    expectTableInvariants(result, "launchdarkly_project_flag_defaults");
    expectLinkedToParent(result, "launchdarkly_project_flag_defaults", "launchdarkly_projects");
    expect(sim.requests.count({ route: "getFlagDefaultsByProject" })).toBe(truth.length);
  });
});
