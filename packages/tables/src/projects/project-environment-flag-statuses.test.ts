import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import type { FlagStatus } from "./project-environment-flag-statuses.js";
import { allTables } from "../all-tables.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";
import { flagKeyOfStatus } from "./project-environment-flag-statuses.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

const status = (href: string | undefined): FlagStatus => ({
  name: "active",
  _links: href === undefined ? {} : { parent: { href } },
});

describe("launchdarkly_project_environment_flag_statuses", () => {
  it("syncs each flag's status in each environment, keyed by the flag key from _links.parent", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables: ["launchdarkly_project_environment_flag_statuses"] },
    });
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;
    const rows = result.rows.launchdarkly_project_environment_flag_statuses ?? [];
    const expected = truth.flatMap((p) =>
      Object.entries(p.flagStatuses).flatMap(([environmentKey, statuses]) =>
        statuses.map((s) => ({ p, environmentKey, s })),
      ),
    );
    expect(rows.length).toBe(expected.length);
    expect(rows.length).toBe(truth.reduce((n, p) => n + p.flags.length * p.environments.length, 0));
    for (const { p, environmentKey, s } of expected.filter((_, index) => index % 5 === 0)) {
      const flagKey = s._links.parent?.href?.split("/").pop();
      const row = rows.find(
        (r) =>
          r.project_id === p.project._id &&
          r.environment_key === environmentKey &&
          r.flag_key === flagKey,
      );
      expect(row).toMatchObject({
        project_key: p.project.key,
        name: s.name,
        last_requested: s.lastRequested ? new Date(s.lastRequested) : null,
        default: s.default ?? null,
      });
    }
    expect(rows.some((row) => row.last_requested === null)).toBe(true);
    expectTableInvariants(result, "launchdarkly_project_environment_flag_statuses");
    expectLinkedToParent(
      result,
      "launchdarkly_project_environment_flag_statuses",
      "launchdarkly_project_environments",
    );
    expect(sim.requests.count({ route: "getFeatureFlagStatuses" })).toBe(
      truth.reduce((n, p) => n + p.environments.length, 0),
    );
  });

  it("parses the flag key from relative and absolute parent links", () => {
    expect(flagKeyOfStatus(status("/api/v2/flags/proj/my-flag"))).toBe("my-flag");
    expect(flagKeyOfStatus(status("https://app.launchdarkly.com/api/v2/flags/p/a%2Fb"))).toBe(
      "a/b",
    );
    expect(flagKeyOfStatus(status("/api/v2/projects/proj"))).toBeUndefined();
    expect(flagKeyOfStatus(status(undefined))).toBeUndefined();
  });
});
