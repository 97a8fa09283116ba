import { defineConfig, mergeConfig } from "vitest/config";

import baseConfig from "@cq-launchdarkly/vitest-config";

export default mergeConfig(baseConfig, defineConfig({}));
