import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs } from "./context.js";
import { environmentKey } from "./naming.js";

/** A generated experiment layer (the layer list has no `_links` on items). */
export type SimLayer = Schemas["LayerRep"];

/** Generates layer `index` of project `projectIndex`, with reservations in each environment. */
export function generateLayer(
  ctx: GeneratorContext,
  projectIndex: number,
  index: number,
): SimLayer {
  const random = createRandom(ctx.seed, "layer", projectIndex, index);
  const environments: SimLayer["environments"] = {};
  for (let e = 0; e < ctx.counts.environmentsPerProject; e++) {
    environments[environmentKey(e)] = {
      reservations: [
        {
          experimentKey: `experiment-${index}`,
          flagKey: "",
          reservationPercent: random.int(5, 50),
        },
      ],
    };
  }
  return {
    key: `layer-${index}`,
    name: `Layer ${index}`,
    description: index === 0 ? "Checkout experiments share traffic" : `Layer ${index}`,
    createdAt: ctx.now - random.int(10, 300) * dayMs,
    randomizationUnit: "user",
    environments,
  };
}
