import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectRows, ms } from "../test-support/expect-rows.js";
import { expectLinkedToParent, expectTableInvariants } from "../test-support/invariants.js";

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());

describe("launchdarkly_applications and launchdarkly_application_versions (beta)", () => {
  it("sync every application, with the flags it evaluates, and its versions", async () => {
    sim.requests.clear();
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: { tables: ["launchdarkly_applications", "launchdarkly_application_versions"] },
    });
    expect(result.summary.status).toBe("ok");
    const { applications } = sim.truth().account;
    expectRows(
      result,
      "launchdarkly_applications",
      applications.map(({ application }) => ({
        key: application.key,
        kind: application.kind,
        flags: application.flags,
        maintainer: application._maintainer,
        creation_date: ms(application.creationDate),
      })),
    );
    expectRows(
      result,
      "launchdarkly_application_versions",
      applications.flatMap(({ application, versions }) =>
        versions.map((v) => ({
          application_key: application.key,
          key: v.key,
          supported: v.supported,
        })),
      ),
    );
    expectTableInvariants(result, "launchdarkly_applications");
    expectTableInvariants(result, "launchdarkly_application_versions");
    expectLinkedToParent(result, "launchdarkly_application_versions", "launchdarkly_applications");
    // Default page sizes (10 and 50; no maximum is known), the beta header on every request.
    expect(sim.requests.count({ route: "getApplications", status: 200 })).toBe(
      Math.ceil(applications.length / 10),
    );
    expect(sim.requests.count({ route: "getApplicationVersions", status: 200 })).toBe(
      applications.length,
    );
    expect(sim.requests.count({ status: 403 })).toBe(0);
  });
});
