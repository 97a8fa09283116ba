import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { flattenTables, toArrowSchema } from "@cloudquery/plugin-sdk-javascript/schema/table";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { createTablesForSdk } from "@cq-launchdarkly/core";
import { runTableTest } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { allTables } from "@cq-launchdarkly/tables";

import type { TempDatabase } from "../testing.js";
import { SqliteDestination } from "../sqlite-destination.js";
import { tableSpecOf } from "../table-spec.js";
import { createTempDatabase } from "../testing.js";
import * as generated from "./launchdarkly.js";
import {
  launchdarklyProjectEnvironments,
  launchdarklyProjects,
  launchdarklyTables,
} from "./launchdarkly.js";

/** Every registry table, flattened, as the plugin's GetTables serves them. */
const registry = flattenTables(createTablesForSdk(allTables()));

interface ColumnShape {
  name: string;
  type: string;
  notNull: boolean;
}

interface TableShape {
  columns: ColumnShape[];
  primaryKey: { name: string; columns: string[] } | undefined;
}

/** Columns and primary key of a drizzle table, as `getTableConfig` reports them. */
function drizzleShape(table: SQLiteTable): TableShape {
  const config = getTableConfig(table);
  const [pk] = config.primaryKeys;
  return {
    columns: config.columns.map((column) => ({
      name: column.name,
      type: column.getSQLType().toUpperCase(),
      notNull: column.notNull,
    })),
    primaryKey: pk && { name: pk.getName(), columns: pk.columns.map((column) => column.name) },
  };
}

interface PragmaColumn {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

/** Columns and primary key of a table in a database file (the constraint name from its SQL). */
function fileShape(db: Database.Database, table: string): TableShape {
  const columns = db.prepare("SELECT * FROM pragma_table_info(?)").all(table) as PragmaColumn[];
  const { sql } = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
    .get(table) as { sql: string };
  const keyed = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notnull === 1 })),
    primaryKey:
      keyed.length === 0
        ? undefined
        : {
            name: /CONSTRAINT "([^"]+)" PRIMARY KEY/.exec(sql)?.[1] ?? "",
            columns: keyed.map((c) => c.name),
          },
  };
}

describe("the generated drizzle schema of the LaunchDarkly tables", () => {
  it("has one table per registry table, and nothing else", () => {
    expect(Object.keys(launchdarklyTables).sort()).toEqual(registry.map((t) => t.name).sort());
    const constants = Object.keys(generated).filter((key) => key !== "launchdarklyTables");
    expect(constants.sort()).toEqual(
      Object.values(launchdarklyTables)
        .map((table) => Object.entries(generated).find(([, value]) => value === table)?.[0])
        .sort(),
    );
  });

  it.each(registry.map((table) => [table.name, table] as const))(
    "%s: columns, types and primary key match what the destination creates",
    (name, table) => {
      const spec = tableSpecOf(toArrowSchema(table), { addInternalColumns: true });
      const generatedTable = launchdarklyTables[name as keyof typeof launchdarklyTables];
      expect(generatedTable, `${name} is generated`).toBeDefined();
      expect(drizzleShape(generatedTable)).toEqual({
        columns: spec.columns.map((c) => ({
          name: c.name,
          type: c.sqliteType,
          notNull: c.notNull,
        })),
        primaryKey:
          spec.primaryKeys.length === 0
            ? undefined
            : { name: spec.primaryKeyConstraint, columns: [...spec.primaryKeys] },
      });
    },
  );
});

describe("the generated schema against a synced file", () => {
  let sim: Simulator;
  let temp: TempDatabase;

  beforeAll(async () => {
    sim = await startSimulator({ size: "tiny" });
    temp = createTempDatabase("launchdarkly.db");
    const destination = SqliteDestination.open({ path: temp.path, sourceName: "launchdarkly" });
    const result = await runTableTest({
      tables: allTables(),
      simulator: sim,
      spec: { include_secrets: true },
      onMessage(message) {
        if (message.has_migrate_table) destination.migrateTable(message.migrate_table.table);
        else if (message.has_insert) destination.insert(message.insert.record);
      },
    });
    destination.close();
    expect(result.summary.status).toBe("ok");
  });

  afterAll(async () => {
    temp.cleanup();
    await sim.stop();
  });

  it("declares exactly the columns, types and keys a real sync created", () => {
    const db = new Database(temp.path, { readonly: true });
    try {
      for (const [name, table] of Object.entries(launchdarklyTables)) {
        expect(fileShape(db, name), name).toEqual(drizzleShape(table));
      }
    } finally {
      db.close();
    }
  });

  it("reads the synced rows with typed queries", () => {
    const client = new Database(temp.path, { readonly: true });
    const db = drizzle({ client });
    try {
      const projects = db.select().from(launchdarklyProjects).all();
      const truth = sim.truth().projects;
      expect(projects.map((p) => p.id).sort()).toEqual(truth.map((p) => p.project._id).sort());
      const [project] = projects;
      if (!project) throw new Error("no project");
      expectTypeOf(project.id).toEqualTypeOf<string>();
      expectTypeOf(project.include_in_snippet_by_default).toEqualTypeOf<boolean | null>();
      expectTypeOf(project._cq_sync_time).toEqualTypeOf<string | null>();
      expectTypeOf(project.tags).toEqualTypeOf<(string | null)[] | null>();
      const sample = truth.find((p) => p.project._id === project.id)?.project;
      expect(project).toMatchObject({
        key: sample?.key,
        name: sample?.name,
        tags: sample?.tags,
        include_in_snippet_by_default: sample?.includeInSnippetByDefault,
        _cq_source_name: "launchdarkly",
      });
      expect(project._cq_sync_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect(project._cq_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);

      const environments = db
        .select({
          key: launchdarklyProjectEnvironments.key,
          secureMode: launchdarklyProjectEnvironments.secure_mode,
          defaultTtl: launchdarklyProjectEnvironments.default_ttl,
        })
        .from(launchdarklyProjectEnvironments)
        .where(eq(launchdarklyProjectEnvironments.project_id, project.id))
        .all();
      const environmentTruth = truth.find((p) => p.project._id === project.id)?.environments ?? [];
      expect(environments.map((e) => e.key).sort()).toEqual(
        environmentTruth.map((e) => e.key).sort(),
      );
      for (const environment of environments) {
        const want = environmentTruth.find((e) => e.key === environment.key);
        expect(environment.secureMode).toBe(want?.secureMode);
        expect(environment.defaultTtl).toBe(want?.defaultTtl);
      }
    } finally {
      client.close();
    }
  });
});
