import type { UserConfig } from "vitest/config";

/** Shared vitest settings (see base.js). */
declare const config: UserConfig;
export default config;
