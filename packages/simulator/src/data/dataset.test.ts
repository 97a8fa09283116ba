import { describe, expect, it } from "vitest";

import { resolveOptions } from "../options.js";
import { generatedAuditDate } from "./audit-entries.js";
import { Dataset } from "./dataset.js";

const tiny = (seed: string | number) => new Dataset(resolveOptions({ size: "tiny", seed }));

describe("Dataset", () => {
  it("gives the same data for the same seed and different data for another", () => {
    const a = tiny(7).truth();
    expect(tiny(7).truth()).toEqual(a);
    expect(tiny(8).truth()).not.toEqual(a);
  });

  it("does not depend on the order objects are first read in", () => {
    const first = tiny(3);
    const second = tiny(3);
    const lastKey = second.projects().at(-1)?.key ?? "";
    second.flags(lastKey);
    second.flagStatuses(lastKey, "staging");
    expect(second.truth()).toEqual(first.truth());
  });

  it("generates the counts asked for, with archived and deprecated flags and secrets", () => {
    const options = resolveOptions({
      counts: {
        projects: 2,
        environmentsPerProject: 3,
        flagsPerProject: 200,
        metricsPerProject: 4,
        auditEntries: 30,
      },
    });
    const truth = new Dataset(options).truth();
    expect(truth.projects).toHaveLength(2);
    expect(truth.auditLog).toHaveLength(30);
    for (const project of truth.projects) {
      expect(project.environments).toHaveLength(3);
      expect(project.flags).toHaveLength(200);
      expect(project.metrics).toHaveLength(4);
      expect(Object.keys(project.flagStatuses)).toEqual(project.environments.map((env) => env.key));
      expect(project.flags.some((flag) => flag.archived)).toBe(true);
      expect(project.flags.some((flag) => flag.deprecated)).toBe(true);
      expect(new Set(project.flags.map((flag) => flag.kind))).toEqual(
        new Set(["boolean", "multivariate"]),
      );
      expect(
        project.flags.some((flag) =>
          Object.values(flag.environments).some((c) => (c.rules?.length ?? 0) > 0),
        ),
      ).toBe(true);
      expect(
        project.flags.some((flag) =>
          Object.values(flag.environments).some((c) => (c.prerequisites?.length ?? 0) > 0),
        ),
      ).toBe(true);
      for (const env of project.environments) {
        expect(env.apiKey).toMatch(/^sdk-/);
        expect(env.mobileKey).toMatch(/^mob-/);
      }
      for (const flag of project.flags)
        expect(Object.keys(flag.environments)).toEqual(project.environments.map((e) => e.key));
    }
  });

  it("dates audit entries monotonically, some sharing a date, including across pages of 10 from the newest", () => {
    const data = tiny(1);
    const ctx = data.ctx;
    const dates = Array.from({ length: ctx.counts.auditEntries }, (_, i) =>
      generatedAuditDate(ctx, i),
    );
    for (let i = 1; i < dates.length; i++)
      expect(dates[i]).toBeGreaterThanOrEqual(dates[i - 1] ?? 0);
    const newestFirst = data.auditLog.all().map((entry) => entry.date);
    expect(newestFirst).toEqual([...dates].reverse());
    // The 10th and 11th newest share a date: a page boundary for limits 10 and 20.
    expect(newestFirst[9]).toBe(newestFirst[10]);
    expect(newestFirst[19]).toBe(newestFirst[20]);
    expect(new Set(newestFirst).size).toBeLessThan(newestFirst.length - 4);
    expect(Math.max(...dates)).toBeLessThan(ctx.now);
  });

  it("applies run-time changes to the truth", () => {
    const data = tiny(1);
    const key = data.projects()[0]?.key ?? "";
    const [first, second] = data.flags(key) ?? [];
    expect(data.archiveFlag(key, first?.key ?? "")).toBe(true);
    expect(data.delete("flag", key, second?.key)).toBe(true);
    expect(data.delete("environment", key, "staging")).toBe(true);
    const project = data.truth().projects[0];
    expect(project?.flags.find((flag) => flag.key === first?.key)?.archived).toBe(true);
    expect(project?.flags.some((flag) => flag.key === second?.key)).toBe(false);
    expect(project?.environments.map((env) => env.key)).not.toContain("staging");
    expect(Object.keys(project?.flags[0]?.environments ?? {})).not.toContain("staging");
    expect(data.delete("project", key)).toBe(true);
    expect(data.project(key)).toBeUndefined();
    expect(data.truth().projects).toHaveLength(2);
  });

  it("leaves a deleted environment out of flags generated afterwards", () => {
    const data = tiny(1);
    const key = data.projects()[1]?.key ?? "";
    data.delete("environment", key, "test");
    expect(Object.keys(data.flags(key)?.[0]?.environments ?? {})).not.toContain("test");
  });
});
