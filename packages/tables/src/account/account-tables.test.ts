import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import { allTables } from "../all-tables.js";
import { expectRows, ms } from "../test-support/expect-rows.js";
import { expectTableInvariants } from "../test-support/invariants.js";

const tables = [
  "launchdarkly_members",
  "launchdarkly_custom_roles",
  "launchdarkly_access_tokens",
  "launchdarkly_webhooks",
  "launchdarkly_relay_proxy_configs",
  "launchdarkly_destinations",
  "launchdarkly_approval_requests",
];

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
});
afterAll(() => sim.stop());
afterEach(() => {
  sim.faults.clear();
  sim.setSemantics({ tokenShowAll: "allowed" });
});

const sync = (spec: Record<string, unknown> = {}, only: readonly string[] = tables) =>
  runTableTest({ tables: allTables(), simulator: sim, spec, syncOptions: { tables: [...only] } });

describe("account-level tables", () => {
  it("sync every member, custom role, token, webhook, relay config, destination and approval request", async () => {
    sim.requests.clear();
    const result = await sync({ include_secrets: true });
    expect(result.summary.status).toBe("ok");
    const { account } = sim.truth();

    expectRows(
      result,
      "launchdarkly_members",
      account.members.map((m) => ({
        id: m._id,
        email: m.email,
        role: m.role,
        custom_roles: m.customRoles,
        teams: m.teams,
        role_attributes: m.roleAttributes,
        creation_date: ms(m.creationDate),
        last_seen: m._lastSeen > 0 ? ms(m._lastSeen) : null,
      })),
    );
    expectRows(
      result,
      "launchdarkly_custom_roles",
      account.customRoles.map((r) => ({ id: r._id, key: r.key, name: r.name, policy: r.policy })),
    );
    expectRows(
      result,
      "launchdarkly_access_tokens",
      account.accessTokens.map((t) => ({
        id: t._id,
        member_id: t.memberId,
        token: t.token,
        inline_role: t.inlineRole ?? null,
        last_used: ms(t.lastUsed),
      })),
    );
    expectRows(
      result,
      "launchdarkly_webhooks",
      account.webhooks.map((w) => ({
        id: w._id,
        url: w.url,
        secret: w.secret ?? null,
        statements: w.statements,
      })),
    );
    expectRows(
      result,
      "launchdarkly_relay_proxy_configs",
      account.relayProxyConfigs.map((c) => ({
        id: c._id,
        full_key: c.fullKey,
        display_key: c.displayKey,
        policy: c.policy,
      })),
    );
    expectRows(
      result,
      "launchdarkly_destinations",
      account.destinations.map((d) => {
        const [, , , , projectKey, environmentKey] = d._links?.self?.href?.split("/") ?? [];
        return {
          id: d._id,
          kind: d.kind,
          config: d.config,
          project_key: projectKey,
          environment_key: environmentKey,
        };
      }),
    );
    expectRows(
      result,
      "launchdarkly_approval_requests",
      account.approvalRequests.map((a) => ({
        id: a._id,
        status: a.status,
        review_status: a.reviewStatus,
        flag: a.flag,
        project: a.project,
        environments: a.environments,
        creation_date: ms(a.creationDate),
      })),
    );
    for (const table of tables) expectTableInvariants(result, table);

    // Every list is read at its page-limit table's maximum (or default), in the fewest requests.
    const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));
    expect(sim.requests.count({ route: "getMembers" })).toBe(pages(account.members.length, 20));
    expect(sim.requests.count({ route: "getCustomRoles" })).toBe(
      pages(account.customRoles.length, 20),
    );
    expect(sim.requests.count({ route: "getTokens" })).toBe(pages(account.accessTokens.length, 25));
    expect(sim.requests.count({ route: "getApprovalRequests" })).toBe(
      pages(account.approvalRequests.length, 200),
    );
    for (const route of ["getAllWebhooks", "getRelayProxyConfigs", "getDestinations"])
      expect(sim.requests.count({ route }), route).toBe(1);
  });

  it("leave webhook secrets, relay keys, destination configs and embedded SDK keys NULL unless include_secrets", async () => {
    const result = await sync();
    const rows = (table: string) => result.rows[table] ?? [];
    expect(rows("launchdarkly_webhooks").length).toBeGreaterThan(0);
    for (const row of rows("launchdarkly_webhooks")) expect(row.secret).toBeNull();
    for (const row of rows("launchdarkly_relay_proxy_configs")) {
      expect(row.full_key).toBeNull();
      expect(row.display_key).not.toBeNull();
    }
    for (const row of rows("launchdarkly_destinations")) expect(row.config).toBeNull();
    const { account } = sim.truth();
    const secrets = [
      ...account.webhooks.flatMap((w) => (w.secret ? [w.secret] : [])),
      ...account.relayProxyConfigs.flatMap((c) => (c.fullKey ? [c.fullKey] : [])),
      ...account.destinations.flatMap((d) => Object.values(d.config as Record<string, string>)),
      ...account.approvalRequests.flatMap((a) =>
        (a.environments ?? []).flatMap((e) => [e.apiKey, e.mobileKey]),
      ),
    ].filter((secret) => secret.length >= 16);
    expect(secrets.length).toBeGreaterThan(5);
    const everything = JSON.stringify(result.rows);
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });

  it("warn about a table the token may not read, naming the permission, and sync the rest", async () => {
    sim.faults.add({ route: "getMembers", fault: { kind: "forbidden" } });
    const result = await sync();
    expect(result.summary.status).toBe("ok");
    expect(result.rows.launchdarkly_members ?? []).toEqual([]);
    const warning = result.logs.find(
      (log) => log.level === "warn" && log.message.includes("launchdarkly_members"),
    );
    expect(warning?.message).toMatch(/403/);
    expect(warning?.message).toContain("read access to the account's members");
    for (const table of tables.filter((name) => name !== "launchdarkly_members")) {
      expect(result.rows[table]?.length, table).toBeGreaterThan(0);
    }
  });

  it("fall back to the caller's own tokens, with a warning, when showAll is refused", async () => {
    sim.setSemantics({ tokenShowAll: "forbidden" });
    const result = await sync({}, ["launchdarkly_access_tokens"]);
    const callerId = sim.truth().account.members[0]?._id;
    const own = sim.truth().account.accessTokens.filter((token) => token.memberId === callerId);
    expect(own.length).toBeGreaterThan(0);
    expect(result.rows.launchdarkly_access_tokens?.map((row) => row.id).sort()).toEqual(
      own.map((token) => token._id).sort(),
    );
    expect(
      result.logs.some(
        (log) =>
          log.level === "warn" && log.message.includes("showAll=true needs an Admin or Owner"),
      ),
    ).toBe(true);
  });
});
