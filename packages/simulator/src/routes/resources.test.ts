import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Schemas } from "@cq-launchdarkly/api";

import type { Simulator } from "../server.js";
import type { Collection } from "../test-support/http.js";
import { startSimulator } from "../server.js";
import { get, walk } from "../test-support/http.js";

describe("metrics, flag defaults, flag statuses and caller identity", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      counts: { projects: 1, metricsPerProject: 120, flagsPerProject: 150 },
    });
  });
  afterAll(() => sim.stop());

  it("pages metrics with a maximum of 50", async () => {
    expect((await get<Collection>(sim, "/api/v2/metrics/default")).body.items).toHaveLength(20);
    expect((await get(sim, "/api/v2/metrics/default?limit=51")).status).toBe(400);
    const pages = await walk(sim, "/api/v2/metrics/default?limit=50");
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 20]);
  });

  it("returns unpaginated lists whole", async () => {
    const statuses = await get<Schemas["FeatureFlagStatuses"]>(
      sim,
      "/api/v2/flag-statuses/default/production",
    );
    expect(statuses.body.items).toHaveLength(150);
    expect(statuses.body.items?.[0]?._links.parent?.href).toMatch(/^\/api\/v2\/flags\/default\//);
    expect(statuses.body).toEqual({
      ...statuses.body,
      items: sim.truth().projects[0]?.flagStatuses.production,
    });
    expect((await get(sim, "/api/v2/flag-statuses/default/nope")).status).toBe(404);
    const defaults = await get(sim, "/api/v2/projects/default/flag-defaults");
    expect(defaults.body).toEqual(sim.truth().projects[0]?.flagDefaults);
  });

  it("names the caller", async () => {
    const identity = await get<Schemas["CallerIdentityRep"]>(sim, "/api/v2/caller-identity");
    expect(identity.body).toMatchObject({ authKind: "token", serviceToken: false });
    expect(identity.body.accountId).toMatch(/^[0-9a-f]{24}$/);
  });
});
