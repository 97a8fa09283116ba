import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { pageSizeFor } from "@cq-launchdarkly/api";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

describe("launchdarkly_project_environment_segments", () => {
  it("syncs every segment of every environment, every page", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables: ["launchdarkly_project_environment_segments"] },
    });
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;
    const rows = result.rows.launchdarkly_project_environment_segments ?? [];
    const expected = truth.flatMap((p) =>
      Object.entries(p.segments).flatMap(([environmentKey, segments]) =>
        segments.map((segment) => ({ p, environmentKey, segment })),
      ),
    );
    expect(rows.length).toBe(expected.length);
    for (const { p, environmentKey, segment } of expected.filter((_, index) => index % 6 === 0)) {
      const row = rows.find(
        (r) =>
          r.project_id === p.project._id &&
          r.environment_key === environmentKey &&
          r.key === segment.key,
      );
      expect(row).toMatchObject({
        project_key: p.project.key,
        name: segment.name,
        tags: segment.tags,
        creation_date: new Date(segment.creationDate),
        last_modified_date: new Date(segment.lastModifiedDate),
        included: segment.included,
        excluded: segment.excluded,
        rules: segment.rules,
        version: segment.version,
        unbounded: segment.unbounded,
        generation: segment.generation,
      });
    }
    expectTableInvariants(result, "launchdarkly_project_environment_segments");
    expectLinkedToParent(
      result,
      "launchdarkly_project_environment_segments",
      "launchdarkly_project_environments",
    );
    const pageSize = pageSizeFor("getSegments") ?? 20;
    const pages = truth.reduce(
      (n, p) =>
        n +
        Object.values(p.segments).reduce(
          (m, list) => m + Math.max(1, Math.ceil(list.length / pageSize)),
          0,
        ),
      0,
    );
    expect(pages).toBeGreaterThan(truth.length * 4);
    expect(sim.requests.count({ route: "getSegments" })).toBe(pages);
  });
});
