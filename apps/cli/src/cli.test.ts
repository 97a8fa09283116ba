import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { allTables } from "@cq-launchdarkly/tables";

import { jsonLines, runCli, startCli } from "./test-support/run-cli.js";

const AUDIT_TABLE = "launchdarkly_auditlog_entries";
const hasAuditTable = allTables().some((table) => table.name === AUDIT_TABLE);

const dirs: string[] = [];
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ size: "tiny", seed: 7 });
});
afterAll(async () => {
  await sim.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cq-launchdarkly-cli-"));
  dirs.push(dir);
  return dir;
}

/** Rows of a query against a synced file. */
function query<T = Record<string, unknown>>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

function tablesIn(file: string): string[] {
  return query<{ name: string }>(
    file,
    "select name from sqlite_master where type = 'table' order by name",
  ).map((row) => row.name);
}

interface SpecOptions {
  db: string;
  tables?: string;
  source?: string;
  destination?: string;
  plugin?: string;
}

/** A CloudQuery spec file syncing from the test's simulator, with the token and URL from the environment. */
function writeSpec(file: string, options: SpecOptions): string {
  writeFileSync(
    file,
    `kind: source
spec:
  name: launchdarkly
  path: cq-launchdarkly/launchdarkly
  registry: grpc
  tables: ${options.tables ?? '["*"]'}
  destinations: ["sqlite"]
${options.source ?? ""}  spec:
    access_token: "\${SIM_TOKEN}"
    base_url: "\${SIM_URL}"
${options.plugin ?? ""}---
kind: destination
spec:
  name: sqlite
  path: cloudquery/sqlite
  version: v2.14.11
${options.destination ?? ""}  spec:
    connection_string: "${options.db}"
`,
  );
  return file;
}

const simEnv = () => ({ SIM_TOKEN: sim.accessToken, SIM_URL: sim.url });

function truthProjectKeys(): string[] {
  return sim
    .truth()
    .projects.map((p) => p.project.key)
    .sort();
}

function syncedProjectKeys(file: string): string[] {
  return query<{ key: string }>(file, "select key from launchdarkly_projects order by key").map(
    (r) => r.key,
  );
}

function syncedEnvironmentKeys(file: string): string[] {
  return query<{ k: string }>(
    file,
    "select project_key || '/' || key as k from launchdarkly_project_environments order by k",
  ).map((r) => r.k);
}

describe("sync --demo", () => {
  it("syncs the demo data into a fresh SQLite file", async () => {
    const db = path.join(tempDir(), "demo.db");
    const result = await runCli(["sync", "--demo", "--db", db]);
    expect(result.stderr).toContain("Demo mode");
    expect(result.stdout).toContain("Sync completed successfully");
    expect(result.stdout).toMatch(/Total\s+[\d,]+/);
    expect(result.code).toBe(0);
    const projects = query<{ key: string; _cq_source_name: string; _cq_sync_time: string }>(
      db,
      "select key, _cq_source_name, _cq_sync_time from launchdarkly_projects",
    );
    expect(projects).toHaveLength(5);
    expect(projects.every((p) => p._cq_source_name === "launchdarkly")).toBe(true);
    expect(projects[0]?._cq_sync_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const created = tablesIn(db);
    for (const table of allTables()) expect(created).toContain(table.name);
    if (hasAuditTable) {
      expect(query(db, `select count(*) as n from ${AUDIT_TABLE}`)).toEqual([{ n: 1000 }]);
      expect(query(db, "select key from cq_state_launchdarkly")).toEqual([{ key: AUDIT_TABLE }]);
    }
  });
});

describe("sync with spec files", () => {
  it("expands ${ENV} and ${file:...}, selects tables and matches the simulator", async () => {
    const root = tempDir();
    const db = path.join(root, "out.db");
    writeFileSync(path.join(root, "token.txt"), `${sim.accessToken}\n`);
    writeFileSync(
      path.join(root, "spec.yml"),
      `kind: source
spec:
  name: launchdarkly
  path: cq-launchdarkly/launchdarkly
  tables: ["launchdarkly_projects"]
  destinations: ["sqlite"]
  spec:
    access_token: "\${file:./token.txt}"
    base_url: "\${SIM_URL}"
---
kind: destination
spec:
  name: sqlite
  path: cloudquery/sqlite
  spec:
    connection_string: "file:\${DB_FILE}?_journal_mode=WAL"
`,
    );
    const result = await runCli(["sync", "spec.yml", "--log-format", "json"], {
      cwd: root,
      env: { SIM_URL: sim.url, DB_FILE: db },
    });
    expect(result.code).toBe(0);
    const summary = jsonLines(result.stdout).find((line) => line.event === "summary");
    expect(summary).toMatchObject({ status: "ok", exitCode: 0 });
    expect(result.stdout).not.toContain(sim.accessToken);
    // skip_dependent_tables defaults to true, as in CloudQuery: children stay out.
    expect(tablesIn(db)).toEqual(["cq_state_launchdarkly", "launchdarkly_projects"]);
    expect(syncedProjectKeys(db)).toEqual(truthProjectKeys());
  });

  it.each([
    [
      "a prefix glob with skip_tables and dependent tables",
      {
        given: {
          tables: '["launchdarkly_project*"]',
          source: '  skip_tables: ["launchdarkly_project_flags"]\n',
        },
        want: {
          has: [
            "launchdarkly_projects",
            "launchdarkly_project_environments",
            "launchdarkly_project_metrics",
          ],
          hasNot: [
            "launchdarkly_project_flags",
            "launchdarkly_project_flag_environments",
            "launchdarkly_members",
          ],
        },
      },
    ],
    [
      "a child table brings its parent",
      {
        given: { tables: '["launchdarkly_project_environments"]', source: "" },
        want: {
          has: ["launchdarkly_projects", "launchdarkly_project_environments"],
          hasNot: ["launchdarkly_project_flags", "launchdarkly_project_environment_segments"],
        },
      },
    ],
  ])("selects tables: %s", async (_name, { given, want }) => {
    const root = tempDir();
    const db = path.join(root, "out.db");
    const spec = writeSpec(path.join(root, "spec.yml"), { db, ...given });
    const result = await runCli(["sync", spec], { env: simEnv() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const created = tablesIn(db);
    for (const table of want.has) expect(created).toContain(table);
    for (const table of want.hasNot) expect(created).not.toContain(table);
  });

  it("a second sync deletes what was deleted upstream and fetches only new audit entries", async () => {
    const local = await startSimulator({ size: "tiny", seed: 11 });
    try {
      const root = tempDir();
      const db = path.join(root, "out.db");
      const spec = writeSpec(path.join(root, "spec.yml"), { db });
      const env = { SIM_TOKEN: local.accessToken, SIM_URL: local.url };
      const first = await runCli(["sync", spec], { env });
      expect(first.code).toBe(0);
      const gone = local.truth().projects[0]?.project.key ?? "";
      expect(syncedProjectKeys(db)).toContain(gone);

      expect(local.deleteResource("project", gone)).toBe(true);
      const added = local.appendAuditEntries(3);
      const second = await runCli(["sync", spec, "--log-format", "json"], { env });
      expect(second.code).toBe(0);
      const summary = jsonLines(second.stdout).find((line) => line.event === "summary") as {
        tables: { table: string; rows: number }[];
        staleRowsDeleted: number;
      };
      expect(summary.staleRowsDeleted).toBeGreaterThan(0);
      const projectKeys = local
        .truth()
        .projects.map((p) => p.project.key)
        .sort();
      expect(syncedProjectKeys(db)).toEqual(projectKeys);
      expect(syncedProjectKeys(db)).not.toContain(gone);
      expect(
        query(
          db,
          `select count(*) as n from launchdarkly_project_environments where project_key = '${gone}'`,
        ),
      ).toEqual([{ n: 0 }]);

      if (hasAuditTable) {
        expect(summary.tables.find((t) => t.table === AUDIT_TABLE)?.rows).toBe(added.length);
        const ids = query<{ id: string }>(db, `select id from ${AUDIT_TABLE}`)
          .map((r) => r.id)
          .sort();
        expect(ids).toEqual(
          local
            .truth()
            .auditLog.map((entry) => entry._id)
            .sort(),
        );
      }
    } finally {
      await local.stop();
    }
  });
});

describe.concurrent("bad input", () => {
  it.each([
    [
      "bad YAML, with its line number",
      {
        given:
          "kind: source\nspec:\n  name: launchdarkly\n  tables: a: b\n  destinations: [sqlite]\n",
        want: /bad\.yml:4:\d+: invalid YAML: /,
      },
    ],
    [
      "an unknown key of the source",
      {
        given: 'kind: source\nspec:\n  name: launchdarkly\n  tabels: ["*"]\n',
        want: /bad\.yml:4: source "launchdarkly": unknown key "tabels" \(known keys: name, path/,
      },
    ],
    [
      "an unknown key of the destination spec",
      {
        given:
          'kind: source\nspec:\n  name: launchdarkly\n  tables: ["*"]\n  destinations: [sqlite]\n  spec:\n    access_token: x\n---\nkind: destination\nspec:\n  name: sqlite\n  spec:\n    connection_string: ./x.db\n    batchsize: 10\n',
        want: /bad\.yml:14: destination "sqlite": unknown key "spec\.batchsize"/,
      },
    ],
    [
      "an unknown key of the plugin spec (core's parseSpec), with its line",
      {
        given:
          'kind: source\nspec:\n  name: launchdarkly\n  tables: ["*"]\n  destinations: [sqlite]\n  spec:\n    access_token: x\n    acces_token: y\n---\nkind: destination\nspec:\n  name: sqlite\n  spec:\n    connection_string: ./x.db\n',
        want: /bad\.yml:8: source "launchdarkly": spec\.acces_token is not a known option/,
      },
    ],
    [
      "a table pattern that matches nothing",
      {
        given:
          'kind: source\nspec:\n  name: launchdarkly\n  tables: ["launchdarkly_nope"]\n  destinations: [sqlite]\n  spec:\n    access_token: x\n---\nkind: destination\nspec:\n  name: sqlite\n  spec:\n    connection_string: ./x.db\n',
        want: /bad\.yml:4: source "launchdarkly": tables: pattern "launchdarkly_nope" matches no table/,
      },
    ],
    [
      "an unset token variable, suggesting --demo",
      {
        given:
          'kind: source\nspec:\n  name: launchdarkly\n  tables: ["*"]\n  destinations: [sqlite]\n  spec:\n    access_token: "${LD_ACCESS_TOKEN}"\n',
        want: /bad\.yml:7: environment variable LD_ACCESS_TOKEN is not set.*--demo/,
      },
    ],
    [
      "a destination other than SQLite",
      {
        given:
          'kind: source\nspec:\n  name: launchdarkly\n  tables: ["*"]\n  destinations: [pg]\n  spec:\n    access_token: x\n---\nkind: destination\nspec:\n  name: pg\n  path: cloudquery/postgresql\n  spec:\n    connection_string: x\n',
        want: /bad\.yml:12: destination "pg": cq-launchdarkly writes to SQLite only/,
      },
    ],
  ])("%s", async (_name, { given, want }) => {
    const root = tempDir();
    writeFileSync(path.join(root, "bad.yml"), given);
    const result = await runCli(["sync", "bad.yml"], { cwd: root });
    expect(result.stderr).toMatch(want);
    expect(result.stderr).not.toContain("    at ");
    expect(result.code).toBe(2);
  });

  it("a missing token suggests --demo", async () => {
    const result = await runCli(["sync"], { cwd: tempDir() });
    expect(result.stderr).toContain("No LaunchDarkly access token: set LD_ACCESS_TOKEN");
    expect(result.stderr).toContain("cq-launchdarkly sync --demo");
    expect(result.code).toBe(2);
  });

  it("a rejected token fails without printing it", async () => {
    const token = "api-not-the-right-token-1234";
    const root = tempDir();
    const spec = writeSpec(path.join(root, "spec.yml"), { db: path.join(root, "x.db") });
    const result = await runCli(["sync", spec], { env: { SIM_TOKEN: token, SIM_URL: sim.url } });
    expect(result.stderr).toContain("401");
    expect(result.stdout + result.stderr).not.toContain(token);
    expect(result.code).toBe(1);
  });

  it("a locked database", async () => {
    const root = tempDir();
    const db = path.join(root, "locked.db");
    const holder = new Database(db);
    holder.exec("create table t (x); begin exclusive; insert into t values (1);");
    try {
      const spec = writeSpec(path.join(root, "spec.yml"), { db: `file:${db}?_busy_timeout=100` });
      const result = await runCli(["sync", spec], { env: simEnv() });
      expect(result.stderr).toMatch(/SQLite database .*locked\.db is locked by another connection/);
      expect(result.code).toBe(2);
    } finally {
      holder.exec("rollback");
      holder.close();
    }
  });

  it("a database in a missing directory", async () => {
    const db = path.join(tempDir(), "missing", "x.db");
    const result = await runCli(["sync", "--demo", "--db", db]);
    expect(result.stderr).toMatch(/directory .*missing does not exist/);
    expect(result.code).toBe(2);
  });

  it("an unwritable directory", async () => {
    const root = tempDir();
    const readOnly = path.join(root, "ro");
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    // root ignores permissions: run without the capabilities that let it (as the destination's tests do).
    const command =
      process.getuid?.() === 0
        ? [
            "setpriv",
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search",
            process.execPath,
          ]
        : [process.execPath];
    const result = await runCli(["migrate", "--db", path.join(readOnly, "x.db")], { command });
    chmodSync(readOnly, 0o700);
    expect(result.stderr).toMatch(/ro\/x\.db (is read-only|cannot be opened)/);
    expect(result.code).toBe(2);
  });

  it("unknown options and commands", async () => {
    const wrong = await runCli(["sync", "--demo", "--format", "json"]);
    expect(wrong.stderr).toContain("sync does not take --format");
    expect(wrong.code).toBe(2);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.code).toBe(2);
  });
});

describe("Ctrl-C", () => {
  it("stops cleanly, keeps what was written, and a resumed sync ends equal to the truth", async () => {
    const sim = await startSimulator({ size: "tiny", seed: 13 });
    try {
      await interruptAndResume(sim);
    } finally {
      await sim.stop();
    }
  });
});

async function interruptAndResume(sim: Simulator): Promise<void> {
  const simEnv = () => ({ SIM_TOKEN: sim.accessToken, SIM_URL: sim.url });
  const truthProjectKeys = () =>
    sim
      .truth()
      .projects.map((p) => p.project.key)
      .sort();
  const truthEnvironmentKeys = () =>
    sim
      .truth()
      .projects.flatMap((p) => p.environments.map((e) => `${p.project.key}/${e.key}`))
      .sort();
  {
    const root = tempDir();
    const db = path.join(root, "out.db");
    const spec = writeSpec(path.join(root, "spec.yml"), { db, plugin: "    concurrency: 2\n" });
    sim.faults.add({ fault: { kind: "latency", ms: 150 } });
    const running = startCli(["sync", spec, "--log-format", "json"], { env: simEnv() });
    // Wait until rows are flowing, then interrupt.
    for (let i = 0; i < 200; i++) {
      const rows = jsonLines(running.stdout())
        .filter((line) => line.event === "progress" || line.event === "table_done")
        .some((line) => Number(line.rows) > 0);
      if (rows) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    running.child.kill("SIGINT");
    const interrupted = await running.done;
    expect(interrupted.code).toBe(130);
    const summary = jsonLines(interrupted.stdout).find((line) => line.event === "summary");
    expect(summary).toMatchObject({ status: "interrupted", exitCode: 130 });
    expect(String(summary?.message)).toContain("audit-log cursor was not advanced");
    // What was received before the interrupt was written and stays.
    const kept = query<{ n: number }>(db, "select count(*) as n from launchdarkly_projects")[0]?.n;
    expect(kept).toBeGreaterThan(0);
    expect(query(db, "select count(*) as n from cq_state_launchdarkly")).toEqual([{ n: 0 }]);
    const partial =
      query<{ n: number }>(db, "select count(*) as n from launchdarkly_project_environments")[0]
        ?.n ?? 0;
    expect(partial).toBeLessThan(truthEnvironmentKeys().length);

    sim.faults.clear();
    const resumed = await runCli(["sync", spec], { env: simEnv() });
    expect(resumed.code).toBe(0);
    expect(syncedProjectKeys(db)).toEqual(truthProjectKeys());
    expect(syncedEnvironmentKeys(db)).toEqual(truthEnvironmentKeys());
    const flags = sim.truth().projects.reduce((sum, p) => sum + p.flags.length, 0);
    expect(query(db, "select count(*) as n from launchdarkly_project_flags")).toEqual([
      { n: flags },
    ]);
    if (hasAuditTable) {
      expect(query(db, `select count(*) as n from ${AUDIT_TABLE}`)).toEqual([
        { n: sim.truth().auditLog.length },
      ]);
      expect(query(db, "select key from cq_state_launchdarkly")).toEqual([{ key: AUDIT_TABLE }]);
    }
  }
}

describe.concurrent("other commands", () => {
  it.each([
    [
      "text",
      {
        given: [] as string[],
        want: /^launchdarkly_projects\n {2}launchdarkly_project_environments\n/,
      },
    ],
    [
      "markdown",
      { given: ["--format", "markdown"], want: /^# Tables\n\n- \[launchdarkly_projects\]/ },
    ],
    [
      "json",
      { given: ["--format", "json"], want: /^\[\n {2}\{\n {4}"name": "launchdarkly_projects"/ },
    ],
  ])("tables as %s", async (_name, { given, want }) => {
    const result = await runCli(["tables", ...given]);
    expect(result.stdout).toMatch(want);
    expect(result.code).toBe(0);
  });

  it("test-connection", async () => {
    const ok = await runCli(["test-connection", "--demo"]);
    expect(ok.stdout).toContain("Connection OK");
    expect(ok.code).toBe(0);
    const root = tempDir();
    const spec = writeSpec(path.join(root, "spec.yml"), { db: path.join(root, "x.db") });
    const bad = await runCli(["test-connection", spec], {
      env: { SIM_TOKEN: "wrong-token-5678", SIM_URL: sim.url },
    });
    expect(bad.stderr).toContain("Connection failed (INVALID_CREDENTIALS)");
    expect(bad.stderr).not.toContain("wrong-token-5678");
    expect(bad.code).toBe(1);
  });

  it("migrate creates the tables without a token or a sync", async () => {
    const db = path.join(tempDir(), "m.db");
    const result = await runCli(["migrate", "--db", db]);
    expect(result.code).toBe(0);
    const created = tablesIn(db);
    for (const table of allTables()) expect(created).toContain(table.name);
    expect(created).toContain("cq_state_launchdarkly");
    expect(query(db, "select count(*) as n from launchdarkly_projects")).toEqual([{ n: 0 }]);
    expect(
      query(
        db,
        "select name from pragma_table_info('launchdarkly_projects') where name like '_cq_%' order by name",
      ),
    ).toEqual([
      { name: "_cq_id" },
      { name: "_cq_parent_id" },
      { name: "_cq_source_name" },
      { name: "_cq_sync_time" },
    ]);
  });
});
