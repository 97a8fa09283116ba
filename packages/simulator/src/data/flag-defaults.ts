import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { link } from "./context.js";
import { projectKey } from "./naming.js";

/** A project's flag defaults (`GET /projects/{projectKey}/flag-defaults`). */
export type SimFlagDefaults = Schemas["flagDefaultsRep"];

/** Generates the flag defaults of project `projectIndex`. */
export function generateFlagDefaults(ctx: GeneratorContext, projectIndex: number): SimFlagDefaults {
  const random = createRandom(ctx.seed, "flag-defaults", projectIndex);
  const projKey = projectKey(ctx.seed, projectIndex);
  return {
    _links: {
      parent: link(`/api/v2/projects/${projKey}`),
      self: link(`/api/v2/projects/${projKey}/flag-defaults`),
    },
    key: projKey,
    tags: random.chance(0.5) ? ["release"] : [],
    temporary: random.chance(0.8),
    defaultClientSideAvailability: {
      usingMobileKey: false,
      usingEnvironmentId: random.chance(0.5),
    },
    booleanDefaults: {
      trueDisplayName: "True",
      falseDisplayName: "False",
      trueDescription: "",
      falseDescription: "",
      onVariation: 0,
      offVariation: 1,
    },
  };
}
