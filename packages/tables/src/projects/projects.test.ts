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

const sync = (spec: Record<string, unknown> = {}) =>
  runTableTest({
    tables: allTables(),
    simulator: sim,
    spec,
    syncOptions: { tables: ["launchdarkly_projects", "launchdarkly_project_environments"] },
  });

describe("launchdarkly_projects and launchdarkly_project_environments", () => {
  it("sync every project and environment the simulator holds", async () => {
    const result = await sync({ include_secrets: true });
    expect(result.summary.status).toBe("ok");
    const truth = sim.truth().projects;

    const projects = result.rows.launchdarkly_projects ?? [];
    expect(projects.map((row) => row.id).sort()).toEqual(truth.map((p) => p.project._id).sort());
    const sample = truth[0]?.project;
    expect(projects.find((row) => row.id === sample?._id)).toMatchObject({
      key: sample?.key,
      name: sample?.name,
      tags: sample?.tags,
      include_in_snippet_by_default: sample?.includeInSnippetByDefault,
    });
    expectTableInvariants(result, "launchdarkly_projects");

    const environments = result.rows.launchdarkly_project_environments ?? [];
    const expected = truth.flatMap((p) =>
      p.environments.map((e) => ({
        project_id: p.project._id,
        project_key: p.project.key,
        id: e._id,
        key: e.key,
        api_key: e.apiKey,
        mobile_key: e.mobileKey,
      })),
    );
    expect(environments.length).toBe(expected.length);
    for (const want of expected) {
      expect(environments).toContainEqual(expect.objectContaining(want));
    }
    expectTableInvariants(result, "launchdarkly_project_environments");
    expectLinkedToParent(result, "launchdarkly_project_environments", "launchdarkly_projects");
  });

  it("leave secrets NULL unless include_secrets is set", async () => {
    const result = await sync();
    const environments = result.rows.launchdarkly_project_environments ?? [];
    expect(environments.length).toBeGreaterThan(0);
    for (const row of environments) {
      expect(row.api_key).toBeNull();
      expect(row.mobile_key).toBeNull();
    }
    const secrets = sim
      .truth()
      .projects.flatMap((p) => p.environments.flatMap((e) => [e.apiKey, e.mobileKey]));
    const everything = JSON.stringify(result.rows);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it("sync only the projects listed in the spec, and warn about unknown keys", async () => {
    const [first] = sim.truth().projects;
    const result = await sync({ projects: [first?.project.key, "no-such-project"] });
    expect(result.rows.launchdarkly_projects?.map((row) => row.key)).toEqual([first?.project.key]);
    expect(
      new Set(result.rows.launchdarkly_project_environments?.map((row) => row.project_key)),
    ).toEqual(new Set([first?.project.key]));
    expect(
      result.logs.some((log) => log.level === "warn" && log.message.includes('"no-such-project"')),
    ).toBe(true);
  });
});
