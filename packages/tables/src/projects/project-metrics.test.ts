import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";

let sim: Simulator;
beforeAll(async () => {
  // 60 metrics a project: two pages at the maximum of 50.
  sim = await startSimulator({ size: "tiny", counts: { metricsPerProject: 60 } });
});
afterAll(() => sim.stop());

describe("launchdarkly_project_metrics", () => {
  it("syncs every metric of every page, 50 a page, with the experiment count", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables: ["launchdarkly_project_metrics"] },
    });
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;
    const rows = result.rows.launchdarkly_project_metrics ?? [];
    const expected = truth.flatMap((p) => p.metrics.map((metric) => ({ p, metric })));
    expect(rows.length).toBe(expected.length);
    for (const { p, metric } of expected.filter((_, index) => index % 9 === 0)) {
      expect(
        rows.find((row) => row.project_id === p.project._id && row.id === metric._id),
      ).toMatchObject({
        project_key: p.project.key,
        key: metric.key,
        name: metric.name,
        kind: metric.kind,
        experiment_count: metric.experimentCount,
        attached_flag_count: metric._attachedFlagCount,
        creation_date: new Date(metric._creationDate),
        last_modified: metric.lastModified,
        maintainer_id: metric.maintainerId,
        tags: metric.tags,
      });
    }
    expectTableInvariants(result, "launchdarkly_project_metrics");
    expectLinkedToParent(result, "launchdarkly_project_metrics", "launchdarkly_projects");

    const requests = sim.requests.entries.filter((r) => r.operationId === "getMetrics");
    expect(requests.length).toBe(truth.length * 2);
    for (const request of requests) {
      const query = new URLSearchParams(request.query);
      expect(query.get("limit")).toBe("50");
      expect(query.get("expand")).toBe("experimentCount");
    }
  });
});
