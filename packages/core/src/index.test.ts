import { describe, expect, it } from "vitest";

describe("public surface", () => {
  it("exports exactly these runtime names", async () => {
    expect(Object.keys(await import("./index.js")).sort()).toMatchInlineSnapshot(`
      [
        "CQ_ID",
        "CQ_PARENT_ID",
        "FatalSyncError",
        "PriorityLimiter",
        "RecordBatcher",
        "SpecError",
        "StreamWriter",
        "TableSelectionError",
        "arrowSchemaOf",
        "arrowType",
        "columnTypes",
        "columnsFromFields",
        "cqId",
        "createClientFromSpec",
        "createTablesForSdk",
        "decodeRecord",
        "defineTable",
        "encodeRecordBatch",
        "flattenTables",
        "getPath",
        "insertMessage",
        "isoTimestamp",
        "logSummary",
        "migrateTableMessage",
        "msEpochTimestamp",
        "parentColumn",
        "parseDuration",
        "parseSpec",
        "path",
        "recordApiEvent",
        "renderSpecReference",
        "resolveStartTime",
        "runEngine",
        "runSync",
        "selectTables",
        "silentLogger",
        "specJsonSchema",
        "testConnection",
        "toArrowValue",
        "toColumnName",
        "uuidV5",
      ]
    `);
  });

  it("./testing exports the harness", async () => {
    expect(Object.keys(await import("./testing.js")).sort()).toMatchInlineSnapshot(`
      [
        "decodeRecord",
        "runTableTest",
      ]
    `);
  });
});
