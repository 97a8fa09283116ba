import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import type { SimFlag } from "./flags.js";
import { createRandom } from "../random.js";
import { dayMs, link } from "./context.js";

/**
 * A flag's status in one environment. `lastRequested` is null for flags never evaluated: the real API
 * does this although the document types it as a string (see schema-deviations.ts).
 */
export type SimFlagStatus = Omit<Schemas["FlagStatusRep"], "lastRequested"> & {
  lastRequested?: string | null;
};

/** Generates the status of `flag` in environment `envKey` of project `projKey`. */
export function generateFlagStatus(
  ctx: GeneratorContext,
  projKey: string,
  envKey: string,
  flag: SimFlag,
): SimFlagStatus {
  const random = createRandom(ctx.seed, "flag-status", projKey, envKey, flag.key);
  const name = random.pick(["new", "inactive", "active", "active", "launched"] as const);
  const variations = flag.variations;
  return {
    name,
    lastRequested:
      name === "new"
        ? null
        : new Date(ctx.now - random.int(1, 90 * 24) * (dayMs / 24)).toISOString(),
    ...(name === "new" ? {} : { default: variations[variations.length - 1]?.value ?? null }),
    _links: {
      parent: link(`/api/v2/flags/${projKey}/${flag.key}`),
      self: link(`/api/v2/flag-statuses/${projKey}/${envKey}/${flag.key}`),
    },
  };
}
