import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Schemas } from "@cq-launchdarkly/api";

import type { Simulator } from "../server.js";
import type { Collection } from "../test-support/http.js";
import { startSimulator } from "../server.js";
import { get, walk } from "../test-support/http.js";

type Flags = Collection<Schemas["FeatureFlag"]>;

describe("flags", () => {
  let sim: Simulator;
  let live: string[];
  let archived: string[];
  beforeAll(async () => {
    sim = await startSimulator({
      counts: { projects: 1, environmentsPerProject: 5, flagsPerProject: 230 },
    });
    const flags = sim.truth().projects[0]?.flags ?? [];
    live = flags.filter((flag) => !flag.archived).map((flag) => flag.key);
    archived = flags.filter((flag) => flag.archived).map((flag) => flag.key);
  });
  afterAll(() => sim.stop());

  it("pages 20 by default, at most 100 (400 above), live flags only", async () => {
    const first = await get<Flags>(sim, "/api/v2/flags/default");
    expect(first.body.items).toHaveLength(20);
    expect(first.body.totalCount).toBe(live.length);
    expect((await get(sim, "/api/v2/flags/default?limit=101")).body).toMatchObject({
      code: "invalid_request",
    });
    const pages = await walk<Schemas["FeatureFlag"]>(sim, "/api/v2/flags/default?limit=100");
    expect(pages.map((page) => page.items.length)).toEqual([100, 100, live.length - 200]);
    expect(pages.flatMap((page) => page.items.map((flag) => flag.key))).toEqual(live);
  });

  it("lists archived flags only with filter=state:archived", async () => {
    expect(archived.length).toBeGreaterThan(0);
    const pages = await walk<Schemas["FeatureFlag"]>(
      sim,
      "/api/v2/flags/default?filter=state:archived&limit=100",
    );
    const keys = pages.flatMap((page) => page.items.map((flag) => flag.key));
    expect(keys).toEqual(archived);
    expect(pages[0]?.items.every((flag) => flag.archived)).toBe(true);
  });

  it("returns per-environment configuration only for the env values asked, summarised by default", async () => {
    const none = await get<Flags>(sim, "/api/v2/flags/default?limit=5");
    expect(none.body.items[0]).not.toHaveProperty("environments");
    const two = await get<Flags>(sim, "/api/v2/flags/default?limit=5&env=production&env=staging");
    const config = two.body.items[0]?.environments;
    expect(Object.keys(config ?? {})).toEqual(["production", "staging"]);
    expect(config?.production).not.toHaveProperty("rules");
    expect(config?.production).toHaveProperty("_summary");
    const unexpanded = await get<Flags>(sim, "/api/v2/flags/default?env=production&summary=0");
    expect(unexpanded.body.items[3]?.environments?.production).not.toHaveProperty("evaluation");
    const full = await get<Flags>(
      sim,
      "/api/v2/flags/default?limit=100&env=production&summary=0&expand=evaluation,migrationSettings",
    );
    expect(
      full.body.items.every((flag) => Array.isArray(flag.environments?.production?.rules)),
    ).toBe(true);
    const truth = sim
      .truth()
      .projects[0]?.flags.find((flag) => flag.key === full.body.items[3]?.key);
    expect(full.body.items[3]?.environments?.production).toEqual(truth?.environments.production);
  });

  it("applies the 3-environment limit as configured", async () => {
    const four =
      "/api/v2/flags/default?limit=2&env=production&env=staging&env=development&env=test";
    expect((await get(sim, four)).body).toMatchObject({ code: "invalid_request" });
    expect((await get(sim, four.replace("&env=test", ""))).status).toBe(200);
    sim.setSemantics({ flagEnvironmentLimitMode: "truncate" });
    try {
      const truncated = await get<Flags>(sim, four);
      expect(Object.keys(truncated.body.items[0]?.environments ?? {})).toEqual([
        "production",
        "staging",
        "development",
      ]);
      sim.setSemantics({ flagEnvironmentLimitMode: "ignore" });
      const all = await get<Flags>(sim, four);
      expect(Object.keys(all.body.items[0]?.environments ?? {})).toHaveLength(4);
    } finally {
      sim.setSemantics({ flagEnvironmentLimitMode: "error" });
    }
    // Older API versions have no limit and return every environment when none is asked.
    const old = await get<Flags>(sim, "/api/v2/flags/default?limit=1", {
      "LD-API-Version": "20220603",
    });
    expect(Object.keys(old.body.items[0]?.environments ?? {})).toHaveLength(5);
  });

  it("serves one flag with every environment's full configuration, or those asked", async () => {
    const key = archived[0] ?? "";
    const flag = await get<Schemas["FeatureFlag"]>(sim, `/api/v2/flags/default/${key}`);
    expect(flag.body.archived).toBe(true);
    expect(Object.keys(flag.body.environments ?? {})).toHaveLength(5);
    expect(flag.body.environments?.production).toHaveProperty("rules");
    const narrowed = await get<Schemas["FeatureFlag"]>(
      sim,
      `/api/v2/flags/default/${key}?env=test`,
    );
    expect(Object.keys(narrowed.body.environments ?? {})).toEqual(["test"]);
    expect((await get(sim, "/api/v2/flags/default/no-such-flag")).status).toBe(404);
  });
});
