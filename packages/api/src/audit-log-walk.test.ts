import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AuditLogCursor, AuditLogEntry } from "./audit-log-walk.js";
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

type Entry = Pick<AuditLogEntry, "_id" | "date">;

/** Serves `entries` newest first, reading `before` as inclusive or exclusive. */
function serveAuditLog(entries: Entry[], before: "inclusive" | "exclusive") {
  const sorted = [...entries].sort((a, b) => b.date - a.date || a._id.localeCompare(b._id));
  server.handle((req, res) => {
    const limit = Number(req.url.searchParams.get("limit") ?? 10);
    const beforeParam = req.url.searchParams.get("before");
    const bound = beforeParam === null ? Infinity : Number(beforeParam);
    const items = sorted
      .filter((entry) => (before === "inclusive" ? entry.date <= bound : entry.date < bound))
      .slice(0, limit);
    json(res, 200, { items, _links: {} });
  });
}

/** `count` entries, several sharing each millisecond, ids e0 (oldest) .. e{count-1}. */
function history(count: number, start = 1_700_000_000_000): Entry[] {
  const sizes = [1, 3, 2, 7, 1, 5, 4];
  const entries: Entry[] = [];
  let date = start;
  for (let i = 0, group = 0; i < count; group++) {
    for (let j = 0; j < (sizes[group % sizes.length] ?? 1) && i < count; j++, i++) {
      entries.push({ _id: `e${String(i).padStart(4, "0")}`, date });
    }
    date += 1 + (group % 3);
  }
  return entries;
}

const client = (logs: string[] = []) =>
  createLaunchDarklyClient({
    accessToken: "token",
    baseUrl: server.url,
    logger: { warn: (message) => logs.push(message) },
  });

async function walk(cursor?: AuditLogCursor, logs: string[] = []) {
  const walker = client(logs).walkAuditLog(cursor ? { cursor } : {});
  const ids: string[] = [];
  for await (const entry of walker) ids.push(entry._id);
  return { ids, cursor: walker.cursor, completed: walker.completed };
}

const idsOf = (entries: Entry[]) => entries.map((e) => e._id).sort();

describe.each(["inclusive", "exclusive"] as const)("walkAuditLog with `before` %s", (reading) => {
  it("returns the whole history once, with equal dates across page edges", async () => {
    const entries = history(237);
    serveAuditLog(entries, reading);
    const result = await walk();
    expect([...result.ids].sort()).toEqual(idsOf(entries));
    expect(new Set(result.ids).size).toBe(result.ids.length);
    expect(result.completed).toBe(true);
    expect(server.requests.every((r) => r.url.searchParams.get("limit") === "20")).toBe(true);
    const newest = Math.max(...entries.map((e) => e.date));
    expect(result.cursor).toEqual({
      date: newest,
      ids: idsOf(entries.filter((e) => e.date === newest)),
    });
  });

  it("stops at the cursor, keeping later entries written in the cursor's millisecond", async () => {
    const entries = history(120);
    const cursorEntry = entries[60];
    if (!cursorEntry) throw new Error("fixture too small");
    const atCursor = entries.filter((e) => e.date === cursorEntry.date);
    expect(atCursor.length).toBeGreaterThan(1);
    // The last sync read only the first entry of that millisecond; the others arrived later.
    const [seenBefore, ...lateArrivals] = atCursor;
    const cursor = { date: cursorEntry.date, ids: [seenBefore?._id ?? ""] };
    serveAuditLog(entries, reading);
    const result = await walk(cursor);
    const expected = entries.filter((e) => e.date > cursor.date).concat(lateArrivals);
    expect([...result.ids].sort()).toEqual(idsOf(expected));
    expect(server.requests.length).toBeLessThanOrEqual(Math.ceil(expected.length / 20) + 2);
  });

  it("returns nothing new and keeps the cursor when nothing was written", async () => {
    const entries = history(50);
    const newest = Math.max(...entries.map((e) => e.date));
    const cursor = { date: newest, ids: idsOf(entries.filter((e) => e.date === newest)) };
    serveAuditLog(entries, reading);
    const result = await walk(cursor);
    expect(result.ids).toEqual([]);
    expect(result.cursor).toEqual(cursor);
    expect(server.requests).toHaveLength(1);
  });

  it("a second walk from the first walk's cursor sees exactly what was appended", async () => {
    const entries = history(80);
    serveAuditLog(entries, reading);
    const first = await walk();
    const newest = Math.max(...entries.map((e) => e.date));
    const appended: Entry[] = [
      { _id: "late-same-ms", date: newest },
      { _id: "next-1", date: newest + 1 },
      { _id: "next-2", date: newest + 1 },
    ];
    serveAuditLog([...entries, ...appended], reading);
    const second = await walk(first.cursor);
    expect([...second.ids].sort()).toEqual(idsOf(appended));
    expect(second.cursor).toEqual({ date: newest + 1, ids: ["next-1", "next-2"] });
  });

  it("ends on an empty log", async () => {
    serveAuditLog([], reading);
    const result = await walk();
    expect(result).toEqual({ ids: [], cursor: undefined, completed: true });
  });

  it("terminates and warns when more than a page of entries share one millisecond", async () => {
    const cluster = Array.from({ length: 30 }, (_, i) => ({
      _id: `c${String(i).padStart(2, "0")}`,
      date: 5_000,
    }));
    const older = Array.from({ length: 5 }, (_, i) => ({ _id: `o${i}`, date: 4_000 - i }));
    const newer = Array.from({ length: 15 }, (_, i) => ({
      _id: `n${String(i).padStart(2, "0")}`,
      date: 6_000 + i,
    }));
    serveAuditLog([...cluster, ...older, ...newer], reading);
    const logs: string[] = [];
    const result = await walk(undefined, logs);
    expect(result.ids).toEqual(expect.arrayContaining([...idsOf(newer), ...idsOf(older)]));
    expect(new Set(result.ids).size).toBe(result.ids.length);
    expect(result.ids.filter((id) => id.startsWith("c")).length).toBeGreaterThanOrEqual(20);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/More than 20 audit-log entries share the millisecond/);
  });
});

describe("walkAuditLog", () => {
  it("passes spec and q through and refuses an oldest-first page", async () => {
    server.handle((_req, res) =>
      json(res, 200, {
        items: [
          { _id: "a", date: 1 },
          { _id: "b", date: 2 },
        ],
      }),
    );
    const walker = client().walkAuditLog({ spec: "proj/*:env/production", q: "flag" });
    await expect(async () => {
      for await (const _entry of walker) {
        // consume
      }
    }).rejects.toThrow(/oldest first/);
    expect(server.requests[0]?.url.searchParams.get("spec")).toBe("proj/*:env/production");
    expect(server.requests[0]?.url.searchParams.get("q")).toBe("flag");
  });
});
