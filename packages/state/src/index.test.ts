import { expect, it } from "vitest";

it("exports a stable surface", async () => {
  expect(Object.keys(await import("./index.js")).sort()).toMatchInlineSnapshot(`
    [
      "StateBackendError",
      "connectCloudQueryStateBackend",
      "createMemoryStateClient",
      "createNoopStateClient",
      "fromBackendOptions",
    ]
  `);
  expect(Object.keys(await import("./testing.js")).sort()).toMatchInlineSnapshot(`
    [
      "startStateDestination",
      "stateContractSuite",
    ]
  `);
});
