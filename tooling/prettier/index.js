import { fileURLToPath } from "node:url";

/**
 * Shared Prettier config: imports grouped types → node/third-party → workspace → relative.
 * The plugin is given as a resolved path: Prettier resolves plugin names from the working
 * directory, where the plugin is not installed.
 */
/** @type {import("prettier").Config & import("@ianvs/prettier-plugin-sort-imports").PluginConfig} */
const config = {
  printWidth: 100,
  plugins: [fileURLToPath(import.meta.resolve("@ianvs/prettier-plugin-sort-imports"))],
  importOrder: [
    "<TYPES>",
    "<BUILTIN_MODULES>",
    "<THIRD_PARTY_MODULES>",
    "",
    "<TYPES>^@cq-launchdarkly",
    "^@cq-launchdarkly/(.*)$",
    "",
    "<TYPES>^[.]",
    "^[.]",
  ],
  importOrderTypeScriptVersion: "5.9.0",
};

export default config;
