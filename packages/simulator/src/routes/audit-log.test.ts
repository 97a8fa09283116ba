import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Schemas } from "@cq-launchdarkly/api";

import type { Semantics } from "../options.js";
import type { Simulator } from "../server.js";
import type { Collection } from "../test-support/http.js";
import { defaultSemantics } from "../options.js";
import { startSimulator } from "../server.js";
import { get, walk } from "../test-support/http.js";

type Entry = Schemas["AuditLogEntryListingRep"];
type Page = Collection<Entry>;

describe("audit log", () => {
  let sim: Simulator;
  let truth: Entry[];
  beforeAll(async () => {
    sim = await startSimulator({ counts: { auditEntries: 95 } });
    truth = sim.truth().auditLog;
  });
  afterEach(() => sim.setSemantics(defaultSemantics));
  afterAll(() => sim.stop());

  const ids = (pages: Page[]) => pages.flatMap((page) => page.items.map((entry) => entry._id));

  it("returns 10 entries newest first by default, limit 1-20", async () => {
    const page = await get<Page>(sim, "/api/v2/auditlog");
    expect(page.body.items.map((entry) => entry._id)).toEqual(
      truth.slice(0, 10).map((entry) => entry._id),
    );
    expect(page.body).not.toHaveProperty("totalCount");
    expect(page.body.items[0]).not.toHaveProperty("delta");
    expect((await get<Page>(sim, "/api/v2/auditlog?limit=20")).body.items).toHaveLength(20);
    for (const bad of ["21", "0", "-1", "x"]) {
      expect((await get(sim, `/api/v2/auditlog?limit=${bad}`)).body).toMatchObject({
        code: "invalid_request",
      });
    }
    expect((await get(sim, "/api/v2/auditlog?before=yesterday")).status).toBe(400);
  });

  it("links the next page by moving before to the oldest date on the page", async () => {
    const page = await get<Page>(sim, "/api/v2/auditlog?limit=20&q=e");
    const oldest = page.body.items.at(-1)?.date;
    expect(page.body._links.next?.href).toBe(`/api/v2/auditlog?limit=20&q=e&before=${oldest}`);
  });

  it("loses same-date entries across a page boundary when before is exclusive (the default)", async () => {
    // Entries 10 and 11 (newest first) share a date, so following next from a page of 10 skips entry 11.
    expect(truth[9]?.date).toBe(truth[10]?.date);
    const pages = await walk<Entry>(sim, "/api/v2/auditlog?limit=10");
    const seen = ids(pages);
    expect(seen).not.toContain(truth[10]?._id);
    expect(seen.length).toBeLessThan(truth.length);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("repeats boundary entries but loses none when before is inclusive", async () => {
    sim.setSemantics({ auditBefore: "inclusive" });
    const seen = ids(await walk<Entry>(sim, "/api/v2/auditlog?limit=10"));
    expect(new Set(seen)).toEqual(new Set(truth.map((entry) => entry._id)));
    expect(seen.length).toBeGreaterThan(truth.length);
  });

  it("filters by before and after with the configured inclusivity", async () => {
    const shared = truth[9]?.date ?? 0;
    const at = (query: string) =>
      get<Page>(sim, `/api/v2/auditlog?limit=20&${query}`).then((r) =>
        r.body.items.map((e) => e.date),
      );
    expect(await at(`before=${shared}`)).not.toContain(shared);
    expect((await at(`after=${shared}`)).every((date) => date > shared)).toBe(true);
    const set = (semantics: Partial<Semantics>) => sim.setSemantics(semantics);
    set({ auditBefore: "inclusive", auditAfter: "inclusive" });
    expect((await at(`before=${shared}`)).slice(0, 2)).toEqual([shared, shared]);
    expect((await at(`after=${shared}`)).slice(-2)).toEqual([shared, shared]);
    const [lo, hi] = [truth[15]?.date ?? 0, truth[5]?.date ?? 0];
    const window = await at(`after=${lo}&before=${hi}`);
    expect(window).toEqual(
      truth.filter((e) => e.date >= lo && e.date <= hi).map((entry) => entry.date),
    );
  });

  it("returns oldest first when so configured, paging with after", async () => {
    sim.setSemantics({ auditOrder: "oldest-first", auditAfter: "inclusive" });
    const pages = await walk<Entry>(sim, "/api/v2/auditlog?limit=20");
    expect(pages[0]?.items[0]?._id).toBe(truth.at(-1)?._id);
    expect(pages[0]?._links.next?.href).toMatch(/after=\d+/);
    expect(new Set(ids(pages))).toEqual(new Set(truth.map((entry) => entry._id)));
  });

  it("searches with q and spec", async () => {
    const flagEntries = truth.filter((entry) => entry.kind === "flag");
    const spec = await walk<Entry>(
      sim,
      `/api/v2/auditlog?limit=20&spec=${encodeURIComponent("proj/*:env/*:flag/*")}`,
    );
    sim.setSemantics({ auditBefore: "inclusive" });
    const specInclusive = new Set(
      ids(
        await walk<Entry>(
          sim,
          `/api/v2/auditlog?limit=20&spec=${encodeURIComponent("proj/*:env/*:flag/*")}`,
        ),
      ),
    );
    expect(specInclusive).toEqual(new Set(flagEntries.map((entry) => entry._id)));
    expect(spec[0]?.items.every((entry) => entry.kind === "flag")).toBe(true);
    const name = flagEntries[0]?.name ?? "";
    const byName = await get<Page>(
      sim,
      `/api/v2/auditlog?limit=20&q=${encodeURIComponent(name.toUpperCase())}`,
    );
    expect(byName.body.items.length).toBeGreaterThan(0);
    expect(
      byName.body.items.every((entry) => entry.name.toLowerCase().includes(name.toLowerCase())),
    ).toBe(true);
  });

  it("serves an entry's detail with delta and versions", async () => {
    const id = truth[3]?._id ?? "";
    const entry = await get<Schemas["AuditLogEntryRep"]>(sim, `/api/v2/auditlog/${id}`);
    expect(entry.body._id).toBe(id);
    expect(Array.isArray(entry.body.delta)).toBe(true);
    expect(entry.body.previousVersion).toBeDefined();
    expect(entry.body.currentVersion).toBeDefined();
    expect((await get(sim, "/api/v2/auditlog/000000000000000000000000")).status).toBe(404);
  });

  it("lists appended entries first, including ones sharing the newest millisecond", async () => {
    const own = await startSimulator({ counts: { auditEntries: 12 } });
    try {
      const before = own.truth().auditLog;
      const newestDate = before[0]?.date ?? 0;
      const [same] = own.appendAuditEntries([{ date: newestDate }]);
      const [later] = own.appendAuditEntries(1);
      const page = await get<Page>(own, "/api/v2/auditlog?limit=3");
      expect(page.body.items.map((entry) => entry._id)).toEqual([
        later?._id,
        same?._id,
        before[0]?._id,
      ]);
      expect((await get(own, `/api/v2/auditlog/${same?._id ?? ""}`)).status).toBe(200);
      const since = await get<Page>(own, `/api/v2/auditlog?after=${newestDate}`);
      expect(since.body.items.map((entry) => entry._id)).toEqual([later?._id]);
      expect(own.truth().auditLog).toHaveLength(14);
    } finally {
      await own.stop();
    }
  });
});
