import { expect, it } from "vitest";

it("keeps the public surface small", async () => {
  expect(Object.keys(await import("./index.js")).sort()).toMatchInlineSnapshot(`
    [
      "AuditLogWalk",
      "DEFAULT_API_VERSION",
      "LaunchDarklyApiError",
      "createLaunchDarklyClient",
      "instanceBaseUrls",
      "isLaunchDarklyApiError",
      "matchOperation",
      "pageLimits",
      "pageSizeFor",
    ]
  `);
});
