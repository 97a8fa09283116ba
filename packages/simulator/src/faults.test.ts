import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Schemas } from "@cq-launchdarkly/api";

import type { Simulator } from "./server.js";
import type { Collection } from "./test-support/http.js";
import { startSimulator } from "./server.js";
import { get, walk } from "./test-support/http.js";

/** GETs with node:http to see what arrives before a connection dies. */
function rawGet(
  sim: Simulator,
  path: string,
): Promise<{ status: number; received: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request(
      `${sim.url}${path}`,
      { headers: { Authorization: sim.accessToken } },
      (res) => {
        let received = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (received += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, received }));
        res.on("error", (err) =>
          resolve({ status: res.statusCode ?? 0, received, error: err.message }),
        );
      },
    );
    req.on("error", (err) => resolve({ status: 0, received: "", error: err.message }));
    req.end();
  });
}

describe("fault injection", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ counts: { projects: 2, flagsPerProject: 60 } });
  });
  afterEach(() => {
    sim.faults.clear();
    sim.requests.clear();
  });
  afterAll(() => sim.stop());

  it("adds fixed and seeded random latency", async () => {
    sim.faults.add({ route: "getProjects", fault: { kind: "latency", ms: 150 } });
    let started = performance.now();
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await get(sim, "/api/v2/caller-identity");
    // Another route is not slowed down (read from the request log, not the clock, which a
    // loaded machine stretches).
    expect(sim.requests.entries.at(-1)?.faults).toEqual([]);
    sim.faults.set([{ fault: { kind: "latency", minMs: 20, maxMs: 60 } }]);
    started = performance.now();
    await get(sim, "/api/v2/caller-identity");
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(sim.requests.count({ fault: "latency" })).toBe(2);
  });

  it("answers 429 with Retry-After, with X-Ratelimit-Reset, or with no header", async () => {
    sim.faults.add({
      route: "getProjects",
      times: 1,
      fault: { kind: "rate-limited", retryAfterSeconds: 2 },
    });
    const retryAfter = await get(sim, "/api/v2/projects");
    expect(retryAfter.status).toBe(429);
    expect(retryAfter.body).toEqual({
      code: "rate_limited",
      message: "You've exceeded the API rate limit. Try again later.",
    });
    expect(retryAfter.headers.get("retry-after")).toBe("2");
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);

    sim.faults.add({
      times: 1,
      fault: { kind: "rate-limited", header: "ratelimit-reset", resetAfterMs: 5_000 },
    });
    const reset = await get(sim, "/api/v2/projects");
    const resetAt = Number(reset.headers.get("x-ratelimit-reset"));
    expect(resetAt).toBeGreaterThan(Date.now() + 4_000);
    expect(resetAt).toBeLessThan(Date.now() + 6_000);
    expect(reset.headers.get("retry-after")).toBeNull();

    sim.faults.add({ times: 1, fault: { kind: "rate-limited", header: "none" } });
    const bare = await get(sim, "/api/v2/projects");
    expect(bare.status).toBe(429);
    expect(bare.headers.get("retry-after")).toBeNull();
    expect(bare.headers.get("x-ratelimit-reset")).toBeNull();
    expect(sim.requests.count({ status: 429, fault: "rate-limited" })).toBe(3);
  });

  it("enforces a true rate limit per window, global and per route, with X-Ratelimit headers", async () => {
    sim.faults.setRateLimit({ global: 5, routes: { getProjects: 2 }, windowMs: 1_000 });
    const first = await get(sim, "/api/v2/projects");
    expect(first.headers.get("x-ratelimit-route-remaining")).toBe("1");
    expect(first.headers.get("x-ratelimit-global-remaining")).toBe("4");
    const reset = Number(first.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThan(Date.now() - 1);
    expect(reset).toBeLessThanOrEqual(Date.now() + 1_000);
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);
    const limited = await get(sim, "/api/v2/projects");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("x-ratelimit-route-remaining")).toBe("0");
    // Other routes still have global budget: 3 left.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(sim, "/api/v2/caller-identity")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(sim.requests.count({ fault: "rate-limit" })).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reset - Date.now()) + 20));
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);
  });

  it("sends bursts of 5xx for the next N requests, then recovers", async () => {
    sim.faults.add({
      route: "/api/v2/flags/{projectKey}",
      times: 3,
      fault: { kind: "server-error", status: 502 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(sim, "/api/v2/flags/default")).status);
    expect(statuses).toEqual([502, 502, 502, 200]);
    sim.faults.add({ skip: 1, times: 1, fault: { kind: "server-error" } });
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);
    expect((await get(sim, "/api/v2/projects")).status).toBe(503);
    expect(sim.faults.list()[0]).toMatchObject({ seen: 4, applied: 3 });
  });

  it("forbids one project or one resource", async () => {
    const other = sim.truth().projects[1]?.project.key ?? "";
    sim.faults.add({ projectKey: "default", fault: { kind: "forbidden" } });
    expect((await get(sim, "/api/v2/flags/default")).body).toMatchObject({ code: "forbidden" });
    expect((await get(sim, "/api/v2/projects/default/environments")).status).toBe(403);
    expect((await get(sim, `/api/v2/flags/${other}`)).status).toBe(200);
    sim.faults.clear();
    const flag = sim.truth().projects[0]?.flags[0]?.key ?? "";
    sim.faults.add({ resourceKey: flag, fault: { kind: "forbidden" } });
    expect((await get(sim, `/api/v2/flags/default/${flag}`)).status).toBe(403);
    expect((await get(sim, "/api/v2/flags/default")).status).toBe(200);
  });

  it("sends malformed JSON", async () => {
    sim.faults.add({ route: "getProjects", times: 1, fault: { kind: "malformed-json" } });
    const response = await fetch(`${sim.url}/api/v2/projects`, {
      headers: { Authorization: sim.accessToken },
    });
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("resets the connection mid-body", async () => {
    sim.faults.add({ route: "getProjects", times: 1, fault: { kind: "connection-reset" } });
    const result = await rawGet(sim, "/api/v2/projects");
    expect(result.status).toBe(200);
    expect(result.error).toBeDefined();
    await expect(
      fetch(`${sim.url}/api/v2/projects`, { headers: { Authorization: sim.accessToken } }).then(
        (r) => r.json(),
      ),
    ).resolves.toBeDefined();
    sim.faults.add({ times: 1, fault: { kind: "connection-reset" } });
    await expect(
      fetch(`${sim.url}/api/v2/projects`, { headers: { Authorization: sim.accessToken } }).then(
        (r) => r.text(),
      ),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sim.requests.count({ fault: "connection-reset" })).toBe(2);
  });

  it("answers slower than a client timeout", async () => {
    sim.faults.add({ route: "getProjects", times: 1, fault: { kind: "slow-body", ms: 1_000 } });
    const slow = fetch(`${sim.url}/api/v2/projects`, {
      headers: { Authorization: sim.accessToken },
      signal: AbortSignal.timeout(200),
    }).then((r) => r.text());
    await expect(slow).rejects.toThrow(/abort|timeout/i);
    sim.faults.add({ route: "getProjects", times: 1, fault: { kind: "latency", ms: 1_000 } });
    const late = fetch(`${sim.url}/api/v2/projects`, {
      headers: { Authorization: sim.accessToken },
      signal: AbortSignal.timeout(200),
    });
    await expect(late).rejects.toThrow(/abort|timeout/i);
  });

  it("archives or deletes an item between two pages, shifting offsets", async () => {
    const live = (sim.truth().projects[0]?.flags ?? [])
      .filter((flag) => !flag.archived)
      .map((flag) => flag.key);
    sim.faults.add({ route: "getFeatureFlags", fault: { kind: "mutate", action: "archive" } });
    const pages = await walk<Schemas["FeatureFlag"]>(sim, "/api/v2/flags/default?limit=10");
    const seen = pages.flatMap((page) => page.items.map((flag) => flag.key));
    // The first flag of page 1 was archived after page 1 was served: page 2 starts one later, so one flag is skipped.
    expect(seen).toHaveLength(live.length - 1);
    expect(live.filter((key) => !seen.includes(key))).toEqual([live[10]]);
    expect(sim.truth().projects[0]?.flags.find((flag) => flag.key === live[0])?.archived).toBe(
      true,
    );

    const other = sim.truth().projects[1]?.project.key ?? "";
    sim.faults.add({ route: "getMetrics", fault: { kind: "mutate", action: "delete" } });
    const before = (sim.truth().projects[1]?.metrics ?? []).map((metric) => metric.key);
    const metrics = await walk(sim, `/api/v2/metrics/${other}?limit=2`);
    // 6 metrics; the first is deleted after page 1, so the third is never seen.
    expect(metrics.flatMap((page) => page.items.map((item) => item.key))).toEqual(
      before.filter((_, i) => i !== 2),
    );
    expect(sim.truth().projects[1]?.metrics.map((metric) => metric.key)).toEqual(before.slice(1));
    expect(sim.requests.count({ fault: "mutate" })).toBe(2);
  });

  it("counts faults in the request log and can be changed at run time", async () => {
    const id = sim.faults.add({ fault: { kind: "server-error" } });
    expect((await get<Collection>(sim, "/api/v2/projects")).status).toBe(503);
    expect(sim.faults.remove(id)).toBe(true);
    expect((await get(sim, "/api/v2/projects")).status).toBe(200);
    expect(sim.requests.entries.map((entry) => entry.faults)).toEqual([["server-error"], []]);
  });
});
