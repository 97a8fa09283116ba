import { afterEach, describe, expect, it } from "vitest";

import type { AuditLogCursor } from "@cq-launchdarkly/api";
import type { TableTestOptions, TableTestResult } from "@cq-launchdarkly/core/testing";
import type { SimAuditEntry, Simulator, SimulatorOptions } from "@cq-launchdarkly/simulator";
import type { StateClient } from "@cq-launchdarkly/state";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { createMemoryStateClient } from "@cq-launchdarkly/state";

import { expectTableInvariants } from "../test-support/invariants.js";
import { AUDIT_LOG_TABLE, auditLogStateKey, parseAuditLogCursor } from "./audit-log-cursor.js";
import { auditLogEntries } from "./auditlog-entries.js";
import { DETAIL_CONCURRENCY } from "./entry-details.js";

const detailColumns = [
  "delta",
  "previous_version",
  "current_version",
  "merge",
  "trigger_body",
  "subentries",
];

const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.stop()));
});

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ size: "tiny", ...options });
  running.push(sim);
  return sim;
}

/** One sync of the audit-log table with a fresh state client on `store` (as after a restart). */
function sync(
  sim: Simulator,
  store: Map<string, string>,
  spec: Record<string, unknown> = {},
  options: Partial<TableTestOptions> = {},
): Promise<TableTestResult> {
  return runTableTest({
    tables: [auditLogEntries()],
    simulator: sim,
    spec,
    stateClient: createMemoryStateClient(store),
    syncOptions: { tables: [AUDIT_LOG_TABLE] },
    ...options,
  });
}

const idsOf = (result: TableTestResult) =>
  (result.rows[AUDIT_LOG_TABLE] ?? []).map((row) => String(row.id));
const sorted = (ids: Iterable<string>) => [...ids].sort();
const truthIds = (sim: Simulator) => sorted(sim.truth().auditLog.map((entry) => entry._id));
const listRequests = (sim: Simulator) => sim.requests.count({ route: "getAuditLogEntries" });

function storedCursor(store: Map<string, string>, key = AUDIT_LOG_TABLE): AuditLogCursor {
  const value = store.get(key);
  if (value === undefined) throw new Error(`no cursor under ${key}`);
  return parseAuditLogCursor(value, { key });
}

/** The cursor a complete sync of `entries` must leave: the newest date and its ids. */
function newestCursor(entries: readonly SimAuditEntry[]): AuditLogCursor {
  const date = Math.max(...entries.map((entry) => entry.date));
  return { date, ids: sorted(entries.filter((e) => e.date === date).map((e) => e._id)) };
}

/**
 * Appends entries in the cursor's millisecond (LaunchDarkly writing more after we read it),
 * `count` newer ones a second apart, and a group sharing the newest millisecond.
 */
function appendMix(sim: Simulator, count: number): SimAuditEntry[] {
  const newest = Math.max(...sim.truth().auditLog.map((entry) => entry.date));
  const same = sim.appendAuditEntries([{ date: newest }, { date: newest }]);
  const later = sim.appendAuditEntries(count);
  const top = Math.max(...later.map((entry) => entry.date)) + 1;
  const group = sim.appendAuditEntries([{ date: top }, { date: top }, { date: top }]);
  return [...same, ...later, ...group];
}

describe.each(["exclusive", "inclusive"] as const)(
  "launchdarkly_auditlog_entries with `before` %s",
  (auditBefore) => {
    it("syncs the whole log once, then only what was appended, never an entry twice", async () => {
      const sim = await simulator({ semantics: { auditBefore } });
      const store = new Map<string, string>();
      const seen: string[] = [];

      const first = await sync(sim, store);
      expect(first.summary.status).toBe("ok");
      expect(sorted(idsOf(first))).toEqual(truthIds(sim));
      expect(storedCursor(store)).toEqual(newestCursor(sim.truth().auditLog));
      expectTableInvariants(first, AUDIT_LOG_TABLE, {
        nullable: detailColumns.concat("comment", "token", "app"),
      });
      seen.push(...idsOf(first));

      for (const count of [25, 7, 0]) {
        const appended = count > 0 ? appendMix(sim, count) : [];
        const requestsBefore = listRequests(sim);
        const next = await sync(sim, store);
        expect(next.summary.status).toBe("ok");
        expect(sorted(idsOf(next))).toEqual(sorted(appended.map((entry) => entry._id)));
        expect(listRequests(sim) - requestsBefore).toBeLessThanOrEqual(
          Math.ceil(appended.length / 20) + 2,
        );
        expect(storedCursor(store)).toEqual(newestCursor(sim.truth().auditLog));
        seen.push(...idsOf(next));
      }
      expect(sorted(seen)).toEqual(truthIds(sim));
      expect(new Set(seen).size).toBe(seen.length);
    });

    it("reads entries sharing a millisecond across page boundaries exactly once", async () => {
      const sim = await simulator({ semantics: { auditBefore }, counts: { auditEntries: 0 } });
      const sizes = [3, 7, 5, 19, 2, 4, 11, 6, 1, 8, 18, 3, 17, 1];
      let date = Date.UTC(2025, 5, 1);
      for (const size of sizes) {
        sim.appendAuditEntries(Array.from({ length: size }, () => ({ date })));
        date += 1 + (size % 3);
      }
      const store = new Map<string, string>();
      const first = await sync(sim, store);
      expect(idsOf(first)).toHaveLength(sizes.reduce((a, b) => a + b, 0));
      expect(sorted(idsOf(first))).toEqual(truthIds(sim));
      expect(first.logs.filter((log) => log.level === "warn")).toEqual([]);

      // More clusters, the first in the cursor's millisecond.
      const appended = [
        ...sim.appendAuditEntries(Array.from({ length: 4 }, () => ({ date: date - 1 }))),
        ...sim.appendAuditEntries(Array.from({ length: 19 }, () => ({ date: date + 5 }))),
        ...sim.appendAuditEntries(Array.from({ length: 3 }, () => ({ date: date + 6 }))),
      ];
      const second = await sync(sim, store);
      expect(sorted(idsOf(second))).toEqual(sorted(appended.map((entry) => entry._id)));
      expect(storedCursor(store)).toEqual(newestCursor(sim.truth().auditLog));
    });
  },
);

describe("launchdarkly_auditlog_entries", () => {
  it("maps every listing field to its column", async () => {
    const sim = await simulator();
    const result = await sync(sim, new Map());
    const entry = sim.truth().auditLog[3];
    const row = result.rows[AUDIT_LOG_TABLE]?.find((r) => r.id === entry?._id);
    expect(row).toMatchObject({
      id: entry?._id,
      account_id: entry?._accountId,
      date: new Date(entry?.date ?? 0),
      accesses: entry?.accesses,
      kind: entry?.kind,
      name: entry?.name,
      description: entry?.description,
      short_description: entry?.shortDescription,
      member: entry?.member,
      subject: entry?.subject,
      title_verb: entry?.titleVerb,
      title: entry?.title,
      target: entry?.target,
      parent: entry?.parent ?? null,
    });
    for (const column of detailColumns) expect(row?.[column]).toBeNull();
    const fields = result.schemas[AUDIT_LOG_TABLE]?.fields ?? [];
    expect(result.schemas[AUDIT_LOG_TABLE]?.metadata.get("cq:extension:incremental")).toBe("true");
    expect(
      fields.find((field) => field.name === "date")?.metadata.get("cq:extension:incremental"),
    ).toBe("true");
  });

  it("starts at audit_log.start_time (RFC 3339) on the first sync only", async () => {
    const sim = await simulator();
    const newestFirst = sim.truth().auditLog;
    const startEntry = newestFirst[14];
    if (!startEntry) throw new Error("fixture too small");
    const spec = { audit_log: { start_time: new Date(startEntry.date).toISOString() } };
    const store = new Map<string, string>();
    const first = await sync(sim, store, spec);
    expect(sorted(idsOf(first))).toEqual(
      sorted(newestFirst.filter((e) => e.date >= startEntry.date).map((e) => e._id)),
    );
    const appended = appendMix(sim, 3);
    const second = await sync(sim, store, spec);
    expect(sorted(idsOf(second))).toEqual(sorted(appended.map((e) => e._id)));
  });

  it("starts at audit_log.start_time given as a duration before now", async () => {
    // Entries lie a minute apart (plus < 1 s); `now - 20m` falls half a minute between two.
    const simNow = Date.now() + 30_000;
    const sim = await simulator({ now: simNow });
    const result = await sync(sim, new Map(), { audit_log: { start_time: "20m" } });
    const expected = sim.truth().auditLog.filter((e) => e.date > simNow - 20.5 * 60_000);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(sim.truth().auditLog.length);
    expect(sorted(idsOf(result))).toEqual(sorted(expected.map((e) => e._id)));
  });

  it("syncs an empty log without a cursor, then picks up the first entries", async () => {
    const sim = await simulator({ counts: { auditEntries: 0 } });
    const store = new Map<string, string>();
    const empty = await sync(sim, store);
    expect(empty.summary.status).toBe("ok");
    expect(idsOf(empty)).toEqual([]);
    expect(empty.migrated).toEqual([AUDIT_LOG_TABLE]);
    expect(store.size).toBe(0);
    const appended = sim.appendAuditEntries(3);
    const next = await sync(sim, store);
    expect(sorted(idsOf(next))).toEqual(sorted(appended.map((e) => e._id)));
    expect(storedCursor(store)).toEqual(newestCursor(appended));
  });

  it("continues from the Go plugin's decimal cursor and rewrites it as JSON", async () => {
    const sim = await simulator();
    const newestFirst = sim.truth().auditLog;
    // A millisecond shared by two entries: both must come back.
    const shared = newestFirst.find((e, i) => newestFirst[i + 1]?.date === e.date && i > 5);
    if (!shared) throw new Error("fixture has no shared millisecond");
    const store = new Map([[AUDIT_LOG_TABLE, String(shared.date)]]);
    const result = await sync(sim, store);
    const expected = newestFirst.filter((e) => e.date >= shared.date);
    expect(expected.filter((e) => e.date === shared.date)).toHaveLength(2);
    expect(sorted(idsOf(result))).toEqual(sorted(expected.map((e) => e._id)));
    expect(JSON.parse(store.get(AUDIT_LOG_TABLE) ?? "")).toEqual({
      v: 1,
      ...newestCursor(newestFirst),
    });
  });

  it("refuses a corrupt cursor with a clear error and leaves it alone", async () => {
    const sim = await simulator();
    const store = new Map([[AUDIT_LOG_TABLE, '{"date":"last tuesday"}']]);
    const result = await sync(sim, store);
    expect(idsOf(result)).toEqual([]);
    expect(listRequests(sim)).toBe(0);
    expect(result.summary.tables.find((t) => t.table === AUDIT_LOG_TABLE)?.errors).toBe(1);
    const errors = result.logs.filter((log) => log.level === "error").map((log) => log.message);
    expect(errors.join("\n")).toMatch(
      /state key "launchdarkly_auditlog_entries" in the in-memory state store is not valid/,
    );
    expect(store.get(AUDIT_LOG_TABLE)).toBe('{"date":"last tuesday"}');
  });

  it("keeps an independent cursor per audit_log.spec filter", async () => {
    const sim = await simulator();
    const projectKey = sim.truth().projects[0]?.project.key ?? "";
    const filter = `proj/${projectKey}`;
    const matches = (entry: SimAuditEntry) =>
      [...(entry.target?.resources ?? []), ...entry.accesses.map((a) => a.resource ?? "")].some(
        (resource) => resource === filter || resource.startsWith(`${filter}:`),
      );
    const store = new Map<string, string>();
    const filteredKey = auditLogStateKey(filter);
    const spec = { audit_log: { spec: filter } };

    const all = await sync(sim, store);
    expect(sorted(idsOf(all))).toEqual(truthIds(sim));
    const unfilteredCursor = store.get(AUDIT_LOG_TABLE);

    const filtered = await sync(sim, store, spec);
    const expected = sim.truth().auditLog.filter(matches);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sim.truth().auditLog.length);
    expect(sorted(idsOf(filtered))).toEqual(sorted(expected.map((e) => e._id)));
    expect(storedCursor(store, filteredKey)).toEqual(newestCursor(expected));
    expect(store.get(AUDIT_LOG_TABLE)).toBe(unfilteredCursor);
    expect(sim.requests.entries.at(-1)?.query).toContain("spec=");

    const appended = sim.appendAuditEntries(30);
    const filteredAgain = await sync(sim, store, spec);
    expect(sorted(idsOf(filteredAgain))).toEqual(
      sorted(appended.filter(matches).map((e) => e._id)),
    );
    const allAgain = await sync(sim, store);
    expect(sorted(idsOf(allAgain))).toEqual(sorted(appended.map((e) => e._id)));
  });

  it("fetches each entry's details with bounded concurrency when audit_log.details is on", async () => {
    const sim = await simulator();
    sim.faults.add({ route: "getAuditLogEntry", fault: { kind: "latency", ms: 20 } });
    const result = await sync(sim, new Map(), { audit_log: { details: true }, concurrency: 8 });
    expect(result.summary.status).toBe("ok");
    const truth = new Map(sim.truth().auditLog.map((entry) => [entry._id, entry]));
    const rows = result.rows[AUDIT_LOG_TABLE] ?? [];
    expect(rows).toHaveLength(truth.size);
    for (const row of rows) {
      const entry = truth.get(String(row.id));
      expect(row.delta).toEqual(entry?.delta ?? null);
      expect(row.previous_version).toEqual(entry?.previousVersion ?? null);
      expect(row.current_version).toEqual(entry?.currentVersion ?? null);
    }
    for (const column of ["delta", "previous_version", "current_version"]) {
      expect(
        rows.some((row) => row[column] !== null),
        `${column} filled`,
      ).toBe(true);
    }
    const details = sim.requests.entries.filter((r) => r.operationId === "getAuditLogEntry");
    expect(details).toHaveLength(truth.size);
    const peak = Math.max(
      ...details.map(
        (r) =>
          details.filter(
            (o) => o.startedAt <= r.startedAt && r.startedAt < o.startedAt + o.durationMs,
          ).length,
      ),
    );
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(DETAIL_CONCURRENCY);
  });

  it("keeps NULL details for an entry whose detail is gone (404)", async () => {
    const sim = await simulator();
    const gone = sim.truth().auditLog[2]?._id ?? "";
    sim.faults.add({
      route: "getAuditLogEntry",
      resourceKey: gone,
      fault: { kind: "server-error", status: 404 },
    });
    const result = await sync(sim, new Map(), { audit_log: { details: true } });
    const row = result.rows[AUDIT_LOG_TABLE]?.find((r) => r.id === gone);
    expect(row?.delta).toBeNull();
    expect(result.logs.some((log) => log.level === "warn" && log.message.includes(gone))).toBe(
      true,
    );
  });

  it("does not save the cursor when the walk fails halfway, and the next sync catches up", async () => {
    const sim = await simulator();
    const store = new Map<string, string>();
    sim.faults.add({
      route: "getAuditLogEntries",
      skip: 1,
      fault: { kind: "server-error", status: 500 },
    });
    const failed = await sync(sim, store, { max_retries: 0 });
    expect(idsOf(failed).length).toBeGreaterThan(0);
    expect(idsOf(failed).length).toBeLessThan(truthIds(sim).length);
    expect(store.size).toBe(0);
    sim.faults.clear();
    const next = await sync(sim, store);
    expect(sorted(idsOf(next))).toEqual(truthIds(sim));
    expect(storedCursor(store)).toEqual(newestCursor(sim.truth().auditLog));
  });

  it("does not save the cursor when the sync is aborted after the walk", async () => {
    const sim = await simulator();
    const store = new Map<string, string>();
    const controller = new AbortController();
    const inner = createMemoryStateClient(store);
    const state: StateClient = {
      ...inner,
      getKey: (key) => inner.getKey(key),
      async setKey(key, value) {
        await inner.setKey(key, value);
        controller.abort(new Error("stopped right after the cursor was set"));
      },
    };
    const result = await sync(sim, store, {}, { stateClient: state, signal: controller.signal });
    expect(result.summary.status).toBe("aborted");
    expect(store.size).toBe(0);
  });

  it("does not save the cursor when the stream fails after the last yield", async () => {
    const sim = await simulator();
    const store = new Map<string, string>();
    let cursorSet = false;
    const inner = createMemoryStateClient(store);
    const state: StateClient = {
      ...inner,
      getKey: (key) => inner.getKey(key),
      async setKey(key, value) {
        await inner.setKey(key, value);
        cursorSet = true;
      },
    };
    const result = await sync(
      sim,
      store,
      {},
      {
        stateClient: state,
        flushIntervalMs: 60_000,
        onMessage: (message) => {
          if (cursorSet && message.has_insert) throw new Error("destination gone");
        },
      },
    );
    expect(cursorSet).toBe(true);
    expect(result.summary.status).toBe("failed");
    expect(store.size).toBe(0);
  });
});
