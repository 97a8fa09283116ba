import { createServeCommand } from "@cloudquery/plugin-sdk-javascript/plugin/serve";

import { createLaunchDarklyPlugin } from "./plugin.js";

/** How long running syncs get to send what they have after SIGTERM/SIGINT. */
const DRAIN_TIMEOUT_MS = 10_000;

const stop = new AbortController();
const plugin = createLaunchDarklyPlugin({ signal: stop.signal });

// SIGTERM/SIGINT end running syncs cleanly (what was resolved is sent, state is not advanced),
// then the process exits.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    stop.abort(new Error(`received ${signal}`));
    setTimeout(() => process.exit(0), DRAIN_TIMEOUT_MS).unref();
    void plugin.drain().then(() => process.exit(0));
  });
}

await createServeCommand(plugin).parse();
