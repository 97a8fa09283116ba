import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { SeenRequest, TestServer } from "./test-support/test-server.js";
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

interface CollectionOptions {
  count: number;
  links: boolean;
  totalCount: boolean;
  /** Answer 400 above this page size, as LaunchDarkly does for an unsupported limit. */
  maxLimit?: number;
}

/** Serves `count` items by offset/limit, the way LaunchDarkly's offset collections do. */
function serveCollection(options: CollectionOptions) {
  server.handle((req: SeenRequest, res) => {
    const limit = Number(req.url.searchParams.get("limit") ?? 20);
    const offset = Number(req.url.searchParams.get("offset") ?? 0);
    if (options.maxLimit !== undefined && limit > options.maxLimit) {
      json(res, 400, { code: "invalid_request", message: `limit must be <= ${options.maxLimit}` });
      return;
    }
    const items = Array.from(
      { length: Math.max(0, Math.min(limit, options.count - offset)) },
      (_, i) => ({
        key: `item-${offset + i}`,
      }),
    );
    const query = new URLSearchParams(req.url.searchParams);
    const link = (at: number) => {
      query.set("offset", String(at));
      return { href: `${req.url.pathname}?${query.toString()}`, type: "application/json" };
    };
    const body: Record<string, unknown> = { items };
    if (options.totalCount) body.totalCount = options.count;
    if (options.links) {
      body._links = {
        self: link(offset),
        ...(offset + limit < options.count ? { next: link(offset + limit) } : {}),
      };
    }
    json(res, 200, body);
  });
}

const client = (logs: string[] = []) =>
  createLaunchDarklyClient({
    accessToken: "token",
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    logger: { warn: (message) => logs.push(message) },
  });

/** The `key` the test server gave each item, whatever the path's item type. */
async function collectKeys(pages: AsyncIterable<{ items: readonly object[] }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of pages)
    keys.push(...page.items.map((item) => (item as { key?: string }).key ?? ""));
  return keys;
}

const offsets = () => server.requests.map((r) => Number(r.url.searchParams.get("offset")));

describe("paginate", () => {
  it("follows _links.next across many pages at the table's page size", async () => {
    serveCollection({ count: 250, links: true, totalCount: true });
    const keys = await collectKeys(client().paginate("/api/v2/projects"));
    expect(keys).toEqual(Array.from({ length: 250 }, (_, i) => `item-${i}`));
    expect(server.requests).toHaveLength(13);
    expect(server.requests.every((r) => r.url.searchParams.get("limit") === "20")).toBe(true);
  });

  it("makes no extra request at an exact page boundary", async () => {
    serveCollection({ count: 200, links: true, totalCount: false });
    const keys = await collectKeys(
      client().paginate("/api/v2/flags/{projectKey}", { params: { path: { projectKey: "p" } } }),
    );
    expect(keys).toHaveLength(200);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.url.searchParams.get("limit")).toBe("100");
  });

  it("keeps repeated query parameters when following links", async () => {
    serveCollection({ count: 150, links: true, totalCount: true });
    await collectKeys(
      client().paginate("/api/v2/flags/{projectKey}", {
        params: {
          path: { projectKey: "p" },
          query: { env: ["prod", "test"] as unknown as string, summary: false },
        },
      }),
    );
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.url.searchParams.getAll("env")).toEqual(["prod", "test"]);
      expect(request.url.searchParams.get("summary")).toBe("false");
    }
  });

  it("advances the offset itself where responses have no links, stopping on a short page", async () => {
    serveCollection({ count: 45, links: false, totalCount: false });
    expect(await collectKeys(client().paginate("/api/v2/members"))).toHaveLength(45);
    expect(offsets()).toEqual([0, 20, 40]);
  });

  it("without links or totalCount, an exact boundary costs one empty page", async () => {
    serveCollection({ count: 40, links: false, totalCount: false });
    expect(await collectKeys(client().paginate("/api/v2/members"))).toHaveLength(40);
    expect(offsets()).toEqual([0, 20, 40]);
  });

  it("uses totalCount to stop at an exact boundary without links", async () => {
    serveCollection({ count: 40, links: false, totalCount: true });
    expect(await collectKeys(client().paginate("/api/v2/members"))).toHaveLength(40);
    expect(offsets()).toEqual([0, 20]);
  });

  it("an empty collection is one request", async () => {
    serveCollection({ count: 0, links: true, totalCount: true });
    expect(await collectKeys(client().paginate("/api/v2/members"))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("falls back to the documented default when a page size is refused, logging once", async () => {
    serveCollection({ count: 50, links: true, totalCount: true, maxLimit: 20 });
    const logs: string[] = [];
    const ld = client(logs);
    const init = { params: { path: { projectKey: "p" } } };
    expect(await collectKeys(ld.paginate("/api/v2/flags/{projectKey}", init))).toHaveLength(50);
    expect(await collectKeys(ld.paginate("/api/v2/flags/{projectKey}", init))).toHaveLength(50);
    expect(server.requests.map((r) => r.url.searchParams.get("limit"))).toEqual([
      "100",
      "20",
      "20",
      "20",
      "20",
      "20",
      "20",
    ]);
    expect(logs).toEqual([
      "LaunchDarkly refused page size 100 for getFeatureFlags; using its documented default 20",
    ]);
  });

  it("throws LaunchDarklyApiError for a failing page, after the pages before it", async () => {
    server.handle((req, res) => {
      if (req.url.searchParams.get("offset") === "0") {
        json(res, 200, {
          items: [{ _id: "a" }],
          _links: { next: { href: "/api/v2/members?limit=20&offset=20" } },
        });
      } else {
        json(res, 403, { code: "forbidden", message: "no access" });
      }
    });
    const seen: string[] = [];
    const walk = async () => {
      for await (const page of client().paginate("/api/v2/members"))
        seen.push(...page.items.map((m) => m._id));
    };
    await expect(walk()).rejects.toMatchObject({ status: 403, operationId: "getMembers" });
    expect(seen).toEqual(["a"]);
  });

  it("refuses to loop on a next link that repeats", async () => {
    server.handle((_req, res) =>
      json(res, 200, {
        items: [{ key: "a" }],
        _links: { next: { href: "/api/v2/members?limit=20&offset=20" } },
      }),
    );
    await expect(collectKeys(client().paginate("/api/v2/members"))).rejects.toThrow(
      /same next page twice/,
    );
    expect(server.requests).toHaveLength(2);
  });
});
