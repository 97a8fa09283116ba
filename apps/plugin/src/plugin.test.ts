import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeTable } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { decodeRecord } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import type { PluginProcess } from "./test-support/plugin-process.js";
import { appDir, discovery, pb, startPluginProcess, unary } from "./test-support/plugin-process.js";

const mainJs = join(appDir, "dist", "main.js");

let sim: Simulator;
let dir: string;
let server: PluginProcess;
let plugin: PluginProcess["plugin"];

const specBytes = (spec: unknown) => new TextEncoder().encode(JSON.stringify(spec));

async function init(spec: unknown, noConnection = false) {
  return unary(
    plugin.Init.bind(plugin),
    new pb.Init.Request({ spec: specBytes(spec), no_connection: noConnection }),
  );
}

/** Runs Sync and decodes what comes back: table names migrated and rows per table. */
async function sync(request: {
  tables: string[];
  deterministic_cq_id?: boolean;
  skip_dependent_tables?: boolean;
}) {
  const migrated: string[] = [];
  const rows: Record<string, Record<string, unknown>[]> = {};
  const call = plugin.Sync(
    new pb.Sync.Request({
      skip_tables: [],
      skip_dependent_tables: false,
      deterministic_cq_id: false,
      ...request,
    }),
  );
  for await (const message of call as AsyncIterable<InstanceType<typeof pb.Sync.Response>>) {
    if (message.has_migrate_table) migrated.push(decodeTable(message.migrate_table.table).name);
    if (message.has_insert) {
      const decoded = decodeRecord(message.insert.record);
      (rows[decoded.table] ??= []).push(...decoded.rows);
    }
  }
  return { migrated, rows };
}

beforeAll(async () => {
  sim = await startSimulator({ size: "tiny" });
  dir = await mkdtemp(join(tmpdir(), "cq-ld-plugin-"));
  const socket = join(dir, "plugin.sock");
  server = await startPluginProcess(
    process.execPath,
    [
      mainJs,
      "serve",
      "--address",
      `unix://${socket}`,
      "--log-format",
      "json",
      "--log-level",
      "debug",
    ],
    socket,
  );
  plugin = server.plugin;
});

afterAll(async () => {
  server.stop();
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the plugin over gRPC, as `cloudquery sync` drives it", () => {
  it("answers discovery and identity calls", async () => {
    const versions = await unary(
      server.discovery.GetVersions.bind(server.discovery),
      new discovery.GetVersions.Request(),
    );
    expect(versions.versions).toEqual([3]);
    expect((await unary(plugin.GetName.bind(plugin), new pb.GetName.Request())).name).toBe(
      "launchdarkly",
    );
    expect(
      (await unary(plugin.GetVersion.bind(plugin), new pb.GetVersion.Request())).version,
    ).toMatch(/^\d+\.\d+\.\d+/);
    const schema = JSON.parse(
      (await unary(plugin.GetSpecSchema.bind(plugin), new pb.GetSpecSchema.Request())).json_schema,
    ) as {
      properties: Record<string, { description?: string }>;
      required: string[];
    };
    expect(schema.required).toContain("access_token");
    for (const [name, property] of Object.entries(schema.properties)) {
      expect(property.description, `${name} has a description`).toBeTruthy();
    }
  });

  it("rejects a bad spec at Init with one message per problem", async () => {
    await expect(
      init({ access_token: sim.accessToken, timeout_secs: "soon", colour: "blue" }),
    ).rejects.toThrow(/timeout_secs[\s\S]*colour|colour[\s\S]*timeout_secs/);
    await expect(init({})).rejects.toThrow(/access_token/);
  });

  it("lists tables with no connection and no spec", async () => {
    await init("", true).catch(() => init({}, true));
    const response = await unary(
      plugin.GetTables.bind(plugin),
      new pb.GetTables.Request({ tables: ["*"], skip_tables: [], skip_dependent_tables: false }),
    );
    const tables = response.tables.map((bytes) => decodeTable(bytes));
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["launchdarkly_projects", "launchdarkly_project_environments"]),
    );
    const environments = tables.find((t) => t.name === "launchdarkly_project_environments");
    expect(environments?.columns.filter((c) => c.primaryKey).map((c) => c.name)).toEqual([
      "project_id",
      "id",
    ]);
  });

  it("syncs every row the simulator holds", async () => {
    await init({ access_token: sim.accessToken, base_url: sim.url });
    const result = await sync({ tables: ["*"], deterministic_cq_id: true });
    expect(result.migrated).toEqual(
      expect.arrayContaining(["launchdarkly_projects", "launchdarkly_project_environments"]),
    );
    const truth = sim.truth().projects;
    expect(result.rows.launchdarkly_projects?.map((r) => r.id).sort()).toEqual(
      truth.map((p) => p.project._id).sort(),
    );
    expect(result.rows.launchdarkly_project_environments).toHaveLength(
      truth.flatMap((p) => p.environments).length,
    );

    const again = await sync({
      tables: ["launchdarkly_projects"],
      deterministic_cq_id: true,
      skip_dependent_tables: true,
    });
    const ids = (rows: Record<string, unknown>[] | undefined) =>
      new Map(rows?.map((r) => [r.id, r._cq_id]));
    expect(ids(again.rows.launchdarkly_projects)).toEqual(ids(result.rows.launchdarkly_projects));
    expect(again.migrated).toEqual(["launchdarkly_projects"]);

    const random = await sync({
      tables: ["launchdarkly_projects"],
      deterministic_cq_id: false,
      skip_dependent_tables: true,
    });
    const first = result.rows.launchdarkly_projects?.[0];
    const sameProject = random.rows.launchdarkly_projects?.find((r) => r.id === first?.id);
    expect(sameProject?._cq_id).not.toEqual(first?._cq_id);
  });

  it("tests the connection with a good and a bad token", async () => {
    const good = await unary(
      plugin.TestConnection.bind(plugin),
      new pb.TestConnection.Request({
        spec: specBytes({ access_token: sim.accessToken, base_url: sim.url }),
      }),
    );
    expect(good.success).toBe(true);
    const badToken = "api-not-a-valid-token";
    const bad = await unary(
      plugin.TestConnection.bind(plugin),
      new pb.TestConnection.Request({
        spec: specBytes({ access_token: badToken, base_url: sim.url }),
      }),
    );
    expect(bad.success).toBe(false);
    expect(bad.failure_code).toBe("INVALID_CREDENTIALS");
    expect(bad.failure_description).toMatch(/401/);
    expect(bad.failure_description).not.toContain(badToken);
  });

  it("never logs the access token", () => {
    expect(server.output().length).toBeGreaterThan(0);
    expect(server.output()).not.toContain(sim.accessToken);
  });

  it("closes", async () => {
    await unary(plugin.Close.bind(plugin), new pb.Close.Request());
  });
});
