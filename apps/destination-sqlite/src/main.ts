import { createServeCommand } from "@cloudquery/plugin-sdk-javascript/plugin/serve";

import { createSqliteDestinationPlugin } from "./plugin.js";

const plugin = createSqliteDestinationPlugin();
// SIGTERM/SIGINT close the database (flushing buffered rows) before the process exits.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    plugin
      .close()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
}
await createServeCommand(plugin).parse();
