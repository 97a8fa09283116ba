import { createServeCommand } from "@cloudquery/plugin-sdk-javascript/plugin/serve";

import { createLaunchDarklyPlugin } from "./plugin.js";

// SIGTERM/SIGINT end running syncs cleanly (what was sent stays sent, state is not advanced),
// then the process exits.
const stop = new AbortController();
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    stop.abort(new Error(`received ${signal}`));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

await createServeCommand(createLaunchDarklyPlugin({ signal: stop.signal })).parse();
