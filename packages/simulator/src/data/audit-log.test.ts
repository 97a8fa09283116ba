import { describe, expect, it } from "vitest";

import { defaultSemantics, resolveOptions } from "../options.js";
import { Dataset } from "./dataset.js";

const newest = { ...defaultSemantics };

describe("AuditLog", () => {
  it("appends generated entries after the newest, and given ones in date order", () => {
    const log = new Dataset(resolveOptions({ size: "tiny" })).auditLog;
    const top = log.newestDate() ?? 0;
    const [a, b] = log.append(2);
    expect(a?.date).toBe(top + 1_000);
    expect(b?.date).toBe(top + 2_000);
    const [same] = log.append([{ date: top + 2_000, name: "Same millisecond" }]);
    const [older] = log.append([{ date: top - 10 * 60_000, name: "Late arrival" }]);
    expect(log.size).toBe(45 + 4);
    const all = log.all();
    expect(all.slice(0, 3).map((entry) => entry._id)).toEqual([same?._id, b?._id, a?._id]);
    expect(all.map((entry) => entry.date)).toEqual(
      [...all.map((entry) => entry.date)].sort((x, y) => y - x),
    );
    expect(log.entry(older?._id ?? "")?.name).toBe("Late arrival");
    expect(log.query({ q: "late arrival", limit: 20 }, newest).items).toHaveLength(1);
  });

  it("filters by resource specifier", () => {
    const log = new Dataset(resolveOptions({ size: "demo" })).auditLog;
    const flags = log.query({ spec: "proj/*:env/*:flag/*", limit: 20 }, newest).items;
    expect(flags.length).toBe(20);
    for (const entry of flags) expect(entry.kind).toBe("flag");
    const production = log.query({ spec: "proj/default:env/production", limit: 20 }, newest).items;
    for (const entry of production)
      expect(entry.target?.resources?.[0]).toMatch(/^proj\/default:env\/production/);
    expect(log.query({ spec: "proj/no-such-project", limit: 5 }, newest).items).toEqual([]);
  });

  it("finds entries by id and rejects foreign ids", () => {
    const log = new Dataset(resolveOptions({ size: "tiny" })).auditLog;
    const [first] = log.all();
    expect(log.entry(first?._id ?? "")).toEqual(first);
    expect(log.entry("0123456789abcdef01234567")).toBeUndefined();
    expect(log.entry("nope")).toBeUndefined();
  });
});
