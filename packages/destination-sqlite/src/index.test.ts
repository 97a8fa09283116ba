import { expect, it } from "vitest";

it("exports a fixed surface", async () => {
  expect(Object.keys(await import("./index.js")).sort()).toMatchInlineSnapshot(`
    [
      "CQ_SOURCE_NAME_COLUMN",
      "CQ_SYNC_TIME_COLUMN",
      "DEFAULT_BATCH_SIZE",
      "DEFAULT_BATCH_SIZE_BYTES",
      "DEFAULT_BUSY_TIMEOUT_MS",
      "MIGRATE_MODES",
      "SqliteDestination",
      "SqliteDestinationError",
      "SqliteStateClient",
      "WRITE_MODES",
      "columnKindOf",
      "cqBoolean",
      "cqDate",
      "cqTimestamp",
      "drizzleTableOf",
      "formatTimestampMicros",
      "parseTimestampMicros",
      "planMigration",
      "schemaOf",
      "sqliteTypeOf",
      "stateTableName",
      "stateTableSchema",
      "syncTimeMicros",
      "tableSpecOf",
    ]
  `);
});
