import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "../server.js";
import type { Collection } from "../test-support/http.js";
import { startSimulator } from "../server.js";
import { get, walk } from "../test-support/http.js";

describe("projects and environments", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      counts: { projects: 45, environmentsPerProject: 23, flagsPerProject: 2 },
    });
  });
  afterAll(() => sim.stop());

  it("pages projects 20 at a time by default with root-relative links and totalCount", async () => {
    const first = await get<Collection>(sim, "/api/v2/projects");
    expect(first.body.items).toHaveLength(20);
    expect(first.body.totalCount).toBe(45);
    expect(first.body._links.next?.href).toBe("/api/v2/projects?limit=20&offset=20");
    expect(first.body._links.last?.href).toBe("/api/v2/projects?limit=20&offset=40");
    expect(first.body._links.prev).toBeUndefined();
    expect(first.body.items[0]).not.toHaveProperty("environments");
    const pages = await walk(sim, "/api/v2/projects?limit=7&sort=createdOn");
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 7, 7, 7, 7, 3]);
    expect(pages.flatMap((page) => page.items.map((item) => item.key))).toEqual(
      sim.truth().projects.map((p) => p.project.key),
    );
    expect(pages[1]?._links.prev?.href).toBe("/api/v2/projects?sort=createdOn&limit=7&offset=0");
  });

  it("has no maximum where none is known, and rejects a bad limit or offset", async () => {
    expect((await get<Collection>(sim, "/api/v2/projects?limit=1000")).body.items).toHaveLength(45);
    expect((await get(sim, "/api/v2/projects?limit=0")).status).toBe(400);
    expect((await get(sim, "/api/v2/projects?limit=abc")).body).toMatchObject({
      code: "invalid_request",
    });
    expect((await get(sim, "/api/v2/projects?offset=-1")).status).toBe(400);
  });

  it("filters projects by key list, query and tags", async () => {
    const keys = sim
      .truth()
      .projects.slice(0, 3)
      .map((p) => p.project.key);
    const byKeys = await get<Collection>(
      sim,
      `/api/v2/projects?filter=${encodeURIComponent(`keys:${keys.join("|")}`)}`,
    );
    expect(byKeys.body.items.map((item) => item.key)).toEqual(keys);
    const byQuery = await get<Collection>(sim, "/api/v2/projects?filter=query:DEFAULT");
    expect(byQuery.body.items.map((item) => item.key)).toEqual(["default"]);
  });

  it("embeds the first page of environments with expand=environments", async () => {
    const response = await get<Collection<{ environments: Collection }>>(
      sim,
      "/api/v2/projects?limit=2&expand=environments",
    );
    const environments = response.body.items[0]?.environments;
    expect(environments?.totalCount).toBe(23);
    expect(environments?.items).toHaveLength(20);
    expect(environments?._links.next?.href).toBe(
      "/api/v2/projects/default/environments?limit=20&offset=20",
    );
    const single = await get<{ environments?: Collection }>(
      sim,
      "/api/v2/projects/default?expand=environments",
    );
    expect(single.body.environments?.items).toHaveLength(20);
    expect((await get(sim, "/api/v2/projects/default")).body).not.toHaveProperty("environments");
  });

  it("pages environments and serves one, with their SDK keys", async () => {
    const pages = await walk(sim, "/api/v2/projects/default/environments?limit=10");
    expect(pages.map((page) => page.items.length)).toEqual([10, 10, 3]);
    const production = await get<{ apiKey: string; mobileKey: string }>(
      sim,
      "/api/v2/projects/default/environments/production",
    );
    expect(production.body.apiKey).toMatch(/^sdk-/);
    expect((await get(sim, "/api/v2/projects/nope/environments")).status).toBe(404);
    expect((await get(sim, "/api/v2/projects/nope")).body).toMatchObject({ code: "not_found" });
  });
});
