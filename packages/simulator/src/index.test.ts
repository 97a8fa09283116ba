import { describe, expect, it } from "vitest";

describe("public surface", () => {
  it("exports exactly these names", async () => {
    expect(Object.keys(await import("./index.js")).sort()).toMatchInlineSnapshot(`
      [
        "defaultAccessToken",
        "defaultSemantics",
        "servedOperations",
        "sizeProfiles",
        "startSimulator",
      ]
    `);
    expect(Object.keys(await import("./testing.js")).sort()).toMatchInlineSnapshot(`
      [
        "applySchemaDeviations",
        "schemaDeviations",
      ]
    `);
  });
});
