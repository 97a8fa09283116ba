import { createRequire } from "node:module";
import path from "node:path";

// The gRPC driver of apps/destination-sqlite (its test support, not part of its package exports):
// it does what `cloudquery sync` does between a source and a destination plugin process.
import type { PluginProcess } from "../../../destination-sqlite/src/test-support/plugin-process.js";
import { startPluginProcess } from "../../../destination-sqlite/src/test-support/plugin-process.js";

export type { PluginProcess };
export { cloudquerySync } from "../../../destination-sqlite/src/test-support/cloudquery-cli.js";

const require = createRequire(import.meta.url);

/** `dist/main.js` of a workspace plugin app, next to its exported `dist/plugin.js`. */
function mainJsOf(packageName: string): string {
  return path.join(path.dirname(require.resolve(packageName)), "main.js");
}

/** Starts the LaunchDarkly source plugin (apps/plugin) as a gRPC process. */
export function startSourcePlugin(): Promise<PluginProcess> {
  return startPluginProcess({
    name: "launchdarkly",
    mainJs: mainJsOf("@cq-launchdarkly/plugin"),
  });
}

/** Starts the SQLite destination plugin (apps/destination-sqlite) as a gRPC process. */
export function startDestinationPlugin(): Promise<PluginProcess> {
  return startPluginProcess({
    name: "sqlite",
    mainJs: mainJsOf("@cq-launchdarkly/destination-sqlite-plugin"),
  });
}
