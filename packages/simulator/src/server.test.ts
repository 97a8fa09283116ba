import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "./server.js";
import { startSimulator } from "./server.js";
import { get } from "./test-support/http.js";

describe("startSimulator", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ accessToken: "api-test-token" });
  });
  afterAll(() => sim.stop());

  it("listens on 127.0.0.1 with an ephemeral port", () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.accessToken).toBe("api-test-token");
  });

  it("answers 401 JSON without the raw token (Bearer included)", async () => {
    for (const authorization of [undefined, "wrong", "Bearer api-test-token"]) {
      const response = await fetch(`${sim.url}/api/v2/projects`, {
        headers: authorization === undefined ? {} : { Authorization: authorization },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(await response.json()).toMatchObject({
        code: "unauthorized",
        message: expect.any(String) as string,
      });
    }
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);
  });

  it("answers 403 on beta operations without LD-API-Version: beta", async () => {
    const withoutBeta = await get(sim, "/api/v2/applications");
    expect(withoutBeta.status).toBe(403);
    expect(withoutBeta.body).toMatchObject({ code: "forbidden" });
    expect((await get(sim, "/api/v2/applications", { "LD-API-Version": "beta" })).status).toBe(200);
    // With the header an operation is allowed; the simulator does not serve views yet.
    const views = await get(sim, "/api/v2/projects/default/views", { "LD-API-Version": "beta" });
    expect(views.status).toBe(404);
    expect((await get(sim, "/api/v2/projects", { "LD-API-Version": "beta" })).status).toBe(200);
  });

  it("rejects unknown API versions and undocumented paths", async () => {
    expect((await get(sim, "/api/v2/projects", { "LD-API-Version": "2099" })).body).toMatchObject({
      code: "invalid_request",
    });
    expect((await get(sim, "/api/v2/no-such-thing")).body).toMatchObject({ code: "not_found" });
  });

  it("logs requests and counts them per route and status", async () => {
    sim.requests.clear();
    await get(sim, "/api/v2/projects?limit=1");
    await get(sim, "/api/v2/projects?limit=1&offset=1");
    await get(sim, "/api/v2/flags/default/nope");
    await get(sim, "/api/v2/projects", { Authorization: "wrong" });
    expect(sim.requests.total).toBe(4);
    expect(sim.requests.count({ route: "getProjects" })).toBe(3);
    expect(sim.requests.count({ route: "/api/v2/projects", status: 200 })).toBe(2);
    expect(sim.requests.byRoute()).toEqual({
      getProjects: { total: 3, byStatus: { "200": 2, "401": 1 } },
      getFeatureFlag: { total: 1, byStatus: { "404": 1 } },
    });
    expect(sim.requests.entries[1]).toMatchObject({
      method: "GET",
      path: "/api/v2/projects",
      query: "limit=1&offset=1",
      apiVersion: "20240415",
    });
  });

  it("starts the large profile quickly by generating lazily", async () => {
    const started = performance.now();
    const large = await startSimulator({ size: "large" });
    const startMs = performance.now() - started;
    try {
      const pageStarted = performance.now();
      const flags = await get<{ items: unknown[]; totalCount: number }>(
        large,
        "/api/v2/flags/default?limit=100&env=production&summary=0",
      );
      const firstFlagsMs = performance.now() - pageStarted;
      const auditStarted = performance.now();
      const audit = await get<{ items: unknown[] }>(
        large,
        `/api/v2/auditlog?limit=20&before=${large.options.now - 30 * 86_400_000}`,
      );
      const auditMs = performance.now() - auditStarted;
      process.stdout.write(
        `large profile: start ${startMs.toFixed(1)} ms, first flags page (generates 1,000 flags) ${firstFlagsMs.toFixed(1)} ms, audit page ${auditMs.toFixed(1)} ms\n`,
      );
      expect(flags.body.items).toHaveLength(100);
      expect(audit.body.items).toHaveLength(20);
      expect(startMs).toBeLessThan(5_000);
    } finally {
      await large.stop();
    }
  });
});
