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

describe("launchdarkly_code_refs_repositories and launchdarkly_code_refs_repository_branches", () => {
  it("sync every repository and each one's branches with their references", async () => {
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      syncOptions: {
        tables: [
          "launchdarkly_code_refs_repositories",
          "launchdarkly_code_refs_repository_branches",
        ],
      },
    });
    expect(result.summary.status).toBe("ok");
    const { repositories } = sim.truth().account;
    expectRows(
      result,
      "launchdarkly_code_refs_repositories",
      repositories.map(({ repository }) => ({
        name: repository.name,
        type: repository.type,
        default_branch: repository.defaultBranch,
        source_link: repository.sourceLink,
      })),
    );
    expectRows(
      result,
      "launchdarkly_code_refs_repository_branches",
      repositories.flatMap(({ repository, branches }) =>
        branches.map((b) => ({
          repository_name: repository.name,
          name: b.name,
          head: b.head,
          references: b.references,
          sync_time: ms(b.syncTime),
        })),
      ),
    );
    expectTableInvariants(result, "launchdarkly_code_refs_repositories");
    expectTableInvariants(result, "launchdarkly_code_refs_repository_branches");
    expectLinkedToParent(
      result,
      "launchdarkly_code_refs_repository_branches",
      "launchdarkly_code_refs_repositories",
    );
  });
});
