import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./test-support/test-server.js";
import { createLaunchDarklyClient } from "./client.js";
import { parseResetHeader, RateLimiter } from "./rate-limiter.js";
import { json, startTestServer } from "./test-support/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

const client = () =>
  createLaunchDarklyClient({ accessToken: "token", baseUrl: server.url, retryBaseDelayMs: 1 });

describe("the shared limiter", () => {
  it("holds a route whose Remaining reached 0 until the reset, and leaves other routes alone", async () => {
    // The reset is set when the first answer is sent, so a slow machine cannot eat the window.
    let resetAt = 0;
    server.handle((req, res, index) => {
      let headers: Record<string, string> = {};
      if (index === 0) {
        resetAt = Date.now() + 500;
        headers = {
          "X-Ratelimit-Route-Remaining": "0",
          "X-Ratelimit-Global-Remaining": "100",
          "X-Ratelimit-Reset": String(resetAt),
        };
      }
      json(res, 200, { items: [], path: req.url.pathname }, headers);
    });
    const ld = client();
    await ld.GET("/api/v2/members");
    await Promise.all([ld.GET("/api/v2/members"), ld.GET("/api/v2/teams")]);
    const members = server.requests.filter((r) => r.url.pathname === "/api/v2/members");
    const teams = server.requests.find((r) => r.url.pathname === "/api/v2/teams");
    expect(members[1]?.at).toBeGreaterThanOrEqual(resetAt - 5);
    expect(teams?.at).toBeLessThan(members[1]?.at ?? 0);
    expect(ld.stats().rateLimited).toBe(0);
    expect(ld.stats().waitedMs).toBeGreaterThan(0);
  });

  it("holds every route when the global Remaining reached 0", async () => {
    let resetAt = 0;
    server.handle((_req, res, index) => {
      if (index === 0) resetAt = Date.now() + 400;
      json(
        res,
        200,
        { items: [] },
        index === 0
          ? { "X-Ratelimit-Global-Remaining": "0", "X-Ratelimit-Reset": String(resetAt) }
          : {},
      );
    });
    const ld = client();
    await ld.GET("/api/v2/members");
    await ld.GET("/api/v2/teams");
    expect(server.requests[1]?.at).toBeGreaterThanOrEqual(resetAt - 5);
  });

  it("spends a known budget without waiting, then waits", async () => {
    let now = 1_700_000_000_000;
    const limiter = new RateLimiter(() => now);
    limiter.update(
      "GET /a",
      new Headers({ "X-Ratelimit-Route-Remaining": "2", "X-Ratelimit-Reset": String(now + 50) }),
    );
    expect(await limiter.acquire("GET /a")).toBe(0);
    expect(await limiter.acquire("GET /a")).toBe(0);
    const third = limiter.acquire("GET /a");
    now += 50;
    expect(await third).toBe(50);
  });

  it("reads reset values in ms, or in seconds below 1e12", () => {
    expect(parseResetHeader("1700000000000")).toBe(1_700_000_000_000);
    expect(parseResetHeader("1700000000")).toBe(1_700_000_000_000);
    expect(parseResetHeader("")).toBeUndefined();
    expect(parseResetHeader("soon")).toBeUndefined();
    expect(parseResetHeader(null)).toBeUndefined();
  });
});
