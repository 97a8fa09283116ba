import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { TestServer } from "./test-support/test-server.js";
import { createLaunchDarklyClient } from "./client.js";
import { isLaunchDarklyApiError } from "./errors.js";
import { json, startTestServer } from "./test-support/test-server.js";

const TOKEN = "api-0123456789abcdef-secret";
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
    accessToken: TOKEN,
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    ...extra,
  });

describe("request headers", () => {
  it("sends the raw token, the pinned API version and a user agent", async () => {
    server.handle((_req, res) => json(res, 200, { items: [], _links: {} }));
    const { response } = await client({ userAgent: "my-tool/1.0" }).GET("/api/v2/projects");
    expect(response.status).toBe(200);
    const seen = server.requests[0];
    expect(seen?.headers.authorization).toBe(TOKEN);
    expect(seen?.headers["ld-api-version"]).toBe("20240415");
    expect(seen?.headers["user-agent"]).toMatch(
      /^my-tool\/1\.0 cq-launchdarkly-api\/\d+\.\d+\.\d+$/,
    );
  });

  it("sends LD-API-Version: beta only to beta operations", async () => {
    server.handle((_req, res) => json(res, 200, { items: [] }));
    const ld = client();
    await ld.GET("/api/v2/applications");
    await ld.GET("/api/v2/projects/{projectKey}/release-pipelines", {
      params: { path: { projectKey: "p" } },
    });
    await ld.GET("/api/v2/flags/{projectKey}", { params: { path: { projectKey: "p" } } });
    expect(server.requests.map((r) => [r.url.pathname, r.headers["ld-api-version"]])).toEqual([
      ["/api/v2/applications", "beta"],
      ["/api/v2/projects/p/release-pipelines", "beta"],
      ["/api/v2/flags/p", "20240415"],
    ]);
  });

  it("honours an explicit API version", async () => {
    server.handle((_req, res) => json(res, 200, { items: [] }));
    await client({ apiVersion: "20220603" }).GET("/api/v2/members");
    expect(server.requests[0]?.headers["ld-api-version"]).toBe("20220603");
  });
});

describe("options", () => {
  it("resolves instances to their hosts", () => {
    expect(createLaunchDarklyClient({ accessToken: TOKEN }).baseUrl).toBe(
      "https://app.launchdarkly.com",
    );
    expect(createLaunchDarklyClient({ accessToken: TOKEN, instance: "eu" }).baseUrl).toBe(
      "https://app.eu.launchdarkly.com",
    );
    expect(createLaunchDarklyClient({ accessToken: TOKEN, instance: "federal" }).baseUrl).toBe(
      "https://app.launchdarkly.us",
    );
    expect(
      createLaunchDarklyClient({ accessToken: TOKEN, baseUrl: "https://ld.example.com/api/v2/" })
        .baseUrl,
    ).toBe("https://ld.example.com");
  });

  it("rejects a missing token, a bad instance and a bad base URL with clear messages", () => {
    expect(() => createLaunchDarklyClient({ accessToken: " " })).toThrow(/accessToken is required/);
    expect(() =>
      createLaunchDarklyClient({ accessToken: TOKEN, instance: "mars" as "us" }),
    ).toThrow(/instance must be one of us, eu, federal/);
    expect(() => createLaunchDarklyClient({ accessToken: TOKEN, baseUrl: "not a url" })).toThrow(
      /baseUrl must be an absolute URL/,
    );
  });

  it("leaves no listener on long-lived signals once requests are done", async () => {
    server.handle((_req, res) => json(res, 200, { items: [] }));
    const clientWide = new AbortController();
    const perCall = new AbortController();
    const ld = client({ signal: clientWide.signal });
    await Promise.all(
      Array.from({ length: 30 }, () =>
        ld.getOrThrow("/api/v2/members", { signal: perCall.signal }),
      ),
    );
    for await (const _page of ld.paginate("/api/v2/members", { signal: perCall.signal })) {
      // one page
    }
    for await (const _entry of ld.walkAuditLog({ signal: perCall.signal })) {
      // empty log
    }
    expect(getEventListeners(clientWide.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(perCall.signal, "abort")).toHaveLength(0);
  });

  it("aborts every request when the client's signal aborts", async () => {
    server.handle(() => new Promise(() => undefined));
    const controller = new AbortController();
    const ld = client({ signal: controller.signal });
    const pending = ld.GET("/api/v2/members");
    setTimeout(() => controller.abort(new Error("stopped by test")), 50);
    await expect(pending).rejects.toThrow("stopped by test");
    expect(server.requests).toHaveLength(1);
  });
});

describe("errors", () => {
  it("throws LaunchDarklyApiError with status, code, operation and request id", async () => {
    server.handle((_req, res) =>
      json(
        res,
        404,
        { code: "not_found", message: "Unknown project" },
        { "X-Request-Id": "req-42" },
      ),
    );
    const error: unknown = await client()
      .getOrThrow("/api/v2/projects/{projectKey}", { params: { path: { projectKey: "nope" } } })
      .catch((e: unknown) => e);
    expect(isLaunchDarklyApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 404,
      code: "not_found",
      method: "GET",
      path: "/api/v2/projects/nope",
      operationId: "getProject",
      requestId: "req-42",
    });
    expect((error as Error).message).toBe(
      "LaunchDarkly GET /api/v2/projects/nope failed with 404 not_found: Unknown project The resource does not exist (it may have been deleted).",
    );
  });

  it("never shows the token: not in errors, not in the client's inspect, string or JSON forms", async () => {
    server.handle((req, res) =>
      json(res, 401, {
        code: "unauthorized",
        message: `Invalid token ${String(req.headers.authorization)}`,
      }),
    );
    const ld = client();
    const error = (await ld.getOrThrow("/api/v2/members").catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("[REDACTED]");
    expect(error.message).toMatch(/Check the access token/);
    for (const text of [
      error.message,
      String(error),
      inspect(error),
      inspect(ld),
      ld.toString(),
      JSON.stringify(ld),
    ]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});
