import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";
import { embeddedEnvironments } from "./project-environment-list.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

const projectTables = ["launchdarkly_projects", "launchdarkly_project_environments"];
const sync = (spec: Record<string, unknown> = {}) =>
  runTableTest({
    tables: allTables(),
    simulator: sim,
    spec,
    syncOptions: { tables: projectTables },
  });

describe("launchdarkly_projects and launchdarkly_project_environments", () => {
  it("sync every project and environment the simulator holds", async () => {
    sim.requests.clear();
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

    // One page of projects with their environments embedded (4 each, complete): no environment
    // list is requested, and the embedded list is no column of the projects table.
    expect(sim.requests.count({ route: "getProjects" })).toBe(1);
    expect(sim.requests.count({ route: "getEnvironmentsByProject" })).toBe(0);
    const [request] = sim.requests.entries.filter((r) => r.operationId === "getProjects");
    expect(new URLSearchParams(request?.query).get("expand")).toBe("environments");
    for (const row of projects) expect(row).not.toHaveProperty("environments");
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

describe("a project whose embedded environment list is truncated", () => {
  let big: Simulator;
  beforeAll(async () => {
    // 25 environments: expand=environments embeds only the first page (20), like the real API.
    big = await startSimulator({
      counts: { projects: 2, environmentsPerProject: 25, flagsPerProject: 3 },
    });
  });
  afterAll(() => big.stop());

  it("walks the project's environment list instead, secrets still NULL", async () => {
    big.requests.clear();
    // Without the dependent tables: the flags table would walk the list too (see below).
    const result = await runTableTest({
      tables: allTables(),
      simulator: big,
      syncOptions: { tables: projectTables, skipDependentTables: true },
    });
    expect(result.summary.status).toBe("ok");
    const truth = big.truth().projects;
    const environments = result.rows.launchdarkly_project_environments ?? [];
    expect(
      environments.map((row) => `${String(row.project_key)}/${String(row.key)}`).sort(),
    ).toEqual(truth.flatMap((p) => p.environments.map((e) => `${p.project.key}/${e.key}`)).sort());
    for (const row of environments) {
      expect(row.api_key).toBeNull();
      expect(row.mobile_key).toBeNull();
    }
    // Per project: 25 environments at 20 a page.
    expect(big.requests.count({ route: "getEnvironmentsByProject" })).toBe(truth.length * 2);
  });

  it("walks it for the flags table's environment keys too", async () => {
    big.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: big,
      syncOptions: { tables: ["launchdarkly_project_flags"] },
    });
    expect(result.summary.status).toBe("ok");
    const truth = big.truth().projects;
    for (const row of result.rows.launchdarkly_project_flags ?? []) {
      expect(Object.keys(row.environments as object)).toHaveLength(25);
    }
    expect(big.requests.count({ route: "getEnvironmentsByProject" })).toBe(truth.length * 2);
  });
});

describe("embeddedEnvironments", () => {
  const env = { key: "production" } as never;
  const project = (environments: unknown) => ({ key: "p", environments }) as never;

  it("uses the embedded list only when it is complete", () => {
    expect(embeddedEnvironments(project({ items: [env], totalCount: 1 }))).toEqual([env]);
    expect(embeddedEnvironments(project({ items: [env], totalCount: 2 }))).toBeUndefined();
    expect(embeddedEnvironments(project({ items: [env] }))).toEqual([env]);
    expect(
      embeddedEnvironments(project({ items: [env], _links: { next: { href: "/next" } } })),
    ).toBeUndefined();
    expect(embeddedEnvironments(project(undefined))).toBeUndefined();
    expect(embeddedEnvironments(undefined)).toBeUndefined();
  });
});
