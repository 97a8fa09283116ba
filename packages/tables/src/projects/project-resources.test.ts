import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectRows, ms } from "../test-support/expect-rows.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";

const tables = [
  "launchdarkly_project_context_kinds",
  "launchdarkly_project_experiments",
  "launchdarkly_project_layers",
  "launchdarkly_project_release_pipelines",
  "launchdarkly_project_metric_groups",
  "launchdarkly_project_ai_configs",
];

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

const sync = (spec: Record<string, unknown> = {}) =>
  runTableTest({
    tables: allTables(),
    simulator: sim,
    spec,
    syncOptions: { tables: ["launchdarkly_projects", ...tables] },
  });

describe("project children: context kinds, experiments, layers, release pipelines, metric groups, AI Configs", () => {
  it("sync every item of every project, linked to its project", async () => {
    sim.requests.clear();
    const result = await sync();
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;
    const keys = (p: (typeof truth)[number]) => ({
      project_id: p.project._id,
      project_key: p.project.key,
    });

    expectRows(
      result,
      "launchdarkly_project_context_kinds",
      truth.flatMap((p) =>
        p.contextKinds.map((k) => ({
          ...keys(p),
          key: k.key,
          name: k.name,
          created_from: k.createdFrom,
          creation_date: ms(k.creationDate),
          last_seen: ms(k.lastSeen),
        })),
      ),
    );
    expectRows(
      result,
      "launchdarkly_project_experiments",
      truth.flatMap((p) =>
        p.experiments.map((e) => ({
          ...keys(p),
          environment_key: e.environmentKey,
          key: e.key,
          id: e._id,
          maintainer_id: e._maintainerId,
          creation_date: ms(e._creationDate),
          draft_iteration: e.draftIteration,
          analysis_config: e.analysisConfig,
        })),
      ),
    );
    expectRows(
      result,
      "launchdarkly_project_layers",
      truth.flatMap((p) =>
        p.layers.map((l) => ({
          ...keys(p),
          key: l.key,
          environments: l.environments,
          created_at: ms(l.createdAt),
        })),
      ),
    );
    expectRows(
      result,
      "launchdarkly_project_release_pipelines",
      truth.flatMap((p) =>
        p.releasePipelines.map((r) => ({
          ...keys(p),
          key: r.key,
          phases: r.phases,
          created_at: new Date(r.createdAt),
          is_project_default: r.isProjectDefault,
        })),
      ),
    );
    expectRows(
      result,
      "launchdarkly_project_metric_groups",
      truth.flatMap((p) =>
        p.metricGroups.map((g) => ({
          ...keys(p),
          id: g._id,
          key: g.key,
          metrics: g.metrics,
          tags: g.tags,
        })),
      ),
    );
    expectRows(
      result,
      "launchdarkly_project_ai_configs",
      truth.flatMap((p) =>
        p.aiConfigs.map((a) => ({
          ...keys(p),
          key: a.key,
          variations: a.variations,
          updated_at: ms(a.updatedAt),
        })),
      ),
    );
    for (const table of tables) {
      expectTableInvariants(result, table);
      expectLinkedToParent(result, table, "launchdarkly_projects");
    }

    // Beta lists get the beta header; every list is read at its page-limit table's maximum, in the fewest requests.
    const perProject = truth.length;
    const pages = (count: number, size: number) =>
      perProject * Math.max(1, Math.ceil(count / size));
    const counts = sim.options.counts;
    expect(sim.requests.count({ route: "getExperimentsAnyEnv", status: 200 })).toBe(
      pages(counts.experimentsPerProject, 20),
    );
    expect(sim.requests.count({ route: "getAllReleasePipelines", status: 200 })).toBe(
      pages(counts.releasePipelinesPerProject, 20),
    );
    expect(sim.requests.count({ route: "getMetricGroups", status: 200 })).toBe(
      pages(counts.metricGroupsPerProject, 50),
    );
    expect(sim.requests.count({ route: "getAIConfigs", status: 200 })).toBe(
      pages(counts.aiConfigsPerProject, 20),
    );
    expect(sim.requests.count({ route: "getContextKindsByProjectKey" })).toBe(perProject);
    expect(sim.requests.count({ route: "getLayers" })).toBe(perProject);
    expect(sim.requests.count({ status: 403 })).toBe(0);
  });

  it("read only the projects listed in the spec", async () => {
    const [first] = sim.truth().projects;
    const result = await sync({ projects: [first?.project.key] });
    for (const table of tables) {
      expect(new Set(result.rows[table]?.map((row) => row.project_key)), table).toEqual(
        new Set([first?.project.key]),
      );
    }
  });
});
