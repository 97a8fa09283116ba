import type { ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { ClientEvent } from "./stats.js";
import type { TestServer } from "./test-support/test-server.js";
import { createLaunchDarklyClient } from "./client.js";
import { json, startTestServer } from "./test-support/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

const client = (extra: Partial<Parameters<typeof createLaunchDarklyClient>[0]> = {}) =>
  createLaunchDarklyClient({
    accessToken: "token",
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    ...extra,
  });

const rateLimited = {
  code: "rate_limited",
  message: "You've exceeded the API rate limit. Try again later.",
};

/** Answers the first `failures` requests with `fail`, then 200. */
function failThenSucceed(failures: number, fail: (res: ServerResponse) => void) {
  server.handle((_req, res, index) => {
    if (index < failures) fail(res);
    else json(res, 200, { items: [{ _id: "1" }] });
  });
}

const gap = (a: number, b: number) => (server.requests[b]?.at ?? 0) - (server.requests[a]?.at ?? 0);

describe("429", () => {
  it("waits Retry-After seconds", async () => {
    failThenSucceed(1, (res) => json(res, 429, rateLimited, { "Retry-After": "1" }));
    const ld = client();
    await ld.getOrThrow("/api/v2/members");
    expect(server.requests).toHaveLength(2);
    expect(gap(0, 1)).toBeGreaterThanOrEqual(950);
    expect(ld.stats()).toMatchObject({ requests: 2, retries: 1, rateLimited: 1 });
    expect(ld.stats().waitedMs).toBeGreaterThanOrEqual(950);
  });

  it("waits until X-Ratelimit-Reset (epoch ms)", async () => {
    failThenSucceed(1, (res) =>
      json(res, 429, rateLimited, { "X-Ratelimit-Reset": String(Date.now() + 400) }),
    );
    await client().getOrThrow("/api/v2/members");
    expect(gap(0, 1)).toBeGreaterThanOrEqual(350);
  });

  it("reads an X-Ratelimit-Reset below 1e12 as seconds", async () => {
    const resetSeconds = Math.ceil(Date.now() / 1000) + 1;
    failThenSucceed(1, (res) =>
      json(res, 429, rateLimited, { "X-Ratelimit-Reset": String(resetSeconds) }),
    );
    await client().getOrThrow("/api/v2/members");
    expect(server.requests[1]?.at ?? 0).toBeGreaterThanOrEqual(resetSeconds * 1000 - 20);
  });

  it("backs off when the 429 carries no header", async () => {
    failThenSucceed(2, (res) => json(res, 429, rateLimited));
    const ld = client();
    await ld.getOrThrow("/api/v2/members");
    expect(server.requests).toHaveLength(3);
    expect(gap(0, 1)).toBeGreaterThanOrEqual(950);
    expect(ld.stats()).toMatchObject({ retries: 2, rateLimited: 2 });
  });

  it("gives up when Retry-After would pass max_retry_wait", async () => {
    failThenSucceed(1, (res) => json(res, 429, rateLimited, { "Retry-After": "600" }));
    const error = (await client({ maxRetryWaitMs: 1000 })
      .getOrThrow("/api/v2/members")
      .catch((e: unknown) => e)) as Error;
    expect(server.requests).toHaveLength(1);
    expect(error.message).toMatch(/failed with 429 rate_limited/);
    expect(error.message).toMatch(/lower the concurrency or retry later/);
  });
});

describe("5xx and network errors", () => {
  it("retries 5xx then succeeds", async () => {
    failThenSucceed(3, (res) => json(res, 503, { code: "service_unavailable", message: "down" }));
    const events: ClientEvent[] = [];
    const ld = client({ onEvent: (event) => events.push(event) });
    const data = await ld.getOrThrow("/api/v2/members");
    expect(data.items).toHaveLength(1);
    expect(ld.stats()).toMatchObject({ requests: 4, retries: 3, rateLimited: 0 });
    expect(events.filter((e) => e.type === "retry")).toHaveLength(3);
    expect(events.every((e) => e.operationId === "getMembers")).toBe(true);
  });

  it("retries a connection cut mid-body", async () => {
    server.handle((_req, res, index) => {
      if (index === 0) {
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": "1000" });
        res.write('{"items": [');
        setTimeout(() => res.socket?.destroy(), 20);
      } else {
        json(res, 200, { items: [] });
      }
    });
    const data = await client().getOrThrow("/api/v2/members");
    expect(data.items).toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it("retries a success whose JSON body is garbled, and says so when it stays garbled", async () => {
    server.handle((_req, res, index) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(index === 0 ? '{"items": [{"_id": "1"' : JSON.stringify({ items: [{ _id: "1" }] }));
    });
    const data = await client().getOrThrow("/api/v2/members");
    expect(data.items).toHaveLength(1);
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("{not json");
    });
    await expect(client({ maxRetries: 1 }).getOrThrow("/api/v2/members")).rejects.toThrow(
      /^GET \/api\/v2\/members failed after 1 retry: malformed JSON in a 200 response \(9 bytes\)/,
    );
  });

  it("times out a hanging attempt and retries it", async () => {
    server.handle((_req, res, index) => {
      if (index > 0) json(res, 200, { items: [] });
    });
    const started = Date.now();
    await client({ timeoutMs: 200 }).getOrThrow("/api/v2/members");
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("says how long it waited when every attempt times out", async () => {
    server.handle(() => undefined);
    const error = (await client({ timeoutMs: 100, maxRetries: 2 })
      .getOrThrow("/api/v2/members")
      .catch((e: unknown) => e)) as Error;
    expect(server.requests).toHaveLength(3);
    expect(error.message).toMatch(
      /^GET \/api\/v2\/members failed after 2 retries: no complete response within 100 ms\. Check that 127\.0\.0\.1:\d+ is reachable/,
    );
  });

  it("reports exhausted retries with the last status", async () => {
    server.handle((_req, res) => json(res, 502, { code: "bad_gateway", message: "upstream" }));
    const error = (await client({ maxRetries: 2 })
      .getOrThrow("/api/v2/members")
      .catch((e: unknown) => e)) as Error;
    expect(server.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 502, retries: 2 });
    expect(error.message).toBe(
      "LaunchDarkly GET /api/v2/members failed with 502 bad_gateway: upstream (after 2 retries) LaunchDarkly answered with a server error after retrying; retry later.",
    );
  });

  it("reports an unreachable host clearly", async () => {
    const ld = createLaunchDarklyClient({
      accessToken: "token",
      baseUrl: "http://127.0.0.1:1",
      maxRetries: 1,
      retryBaseDelayMs: 1,
    });
    await expect(ld.getOrThrow("/api/v2/members")).rejects.toThrow(
      /^GET \/api\/v2\/members failed after 1 retry: fetch failed\. Check that 127\.0\.0\.1:1 is reachable/,
    );
  });

  it("does not retry 4xx other than 429", async () => {
    server.handle((_req, res) => json(res, 403, { code: "forbidden", message: "nope" }));
    await expect(client().getOrThrow("/api/v2/members")).rejects.toMatchObject({ status: 403 });
    expect(server.requests).toHaveLength(1);
  });
});
