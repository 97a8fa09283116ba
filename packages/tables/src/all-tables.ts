import type { AnyTableDefinition } from "@cq-launchdarkly/core";

import { projects } from "./projects/projects.js";

/** THE registry: every top-level table, in the order syncs start them; children hang off their parents. */
export function allTables(): AnyTableDefinition[] {
  return [projects()];
}
