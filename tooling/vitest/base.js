import { defineConfig } from "vitest/config";

/** Shared vitest settings: node environment, no retries (a flaky test is a bug), type tests on. */
export default defineConfig({
  test: {
    environment: "node",
    restoreMocks: true,
    retry: 0,
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {
      enabled: true,
      include: ["src/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
  },
});
