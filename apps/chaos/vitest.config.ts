import { defineConfig, mergeConfig } from "vitest/config";

import baseConfig from "@cq-launchdarkly/vitest-config";

/**
 * Every scenario starts its own simulator and sync processes; files run one after another so the
 * timings each scenario prints are not skewed by another file's syncs on a small CI machine.
 */
export default mergeConfig(
  baseConfig,
  defineConfig({ test: { fileParallelism: false, testTimeout: 120_000 } }),
);
