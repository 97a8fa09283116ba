import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { link } from "./context.js";
import { environmentKey, environmentName, projectKey, tagPool } from "./naming.js";

/** A generated release pipeline (beta): phases over the project's environments; `createdAt` is an ISO string. */
export type SimReleasePipeline = Schemas["ReleasePipeline"];

/** Generates release pipeline `index` of project `projectIndex` (the first is the project default). */
export function generateReleasePipeline(
  ctx: GeneratorContext,
  projectIndex: number,
  index: number,
): SimReleasePipeline {
  const random = createRandom(ctx.seed, "release-pipeline", projectIndex, index);
  const projKey = projectKey(ctx.seed, projectIndex);
  const key = index === 0 ? "standard" : `pipeline-${index}`;
  const envs = Array.from({ length: ctx.counts.environmentsPerProject }, (_, e) => e).reverse();
  return {
    key,
    name: index === 0 ? "Standard release" : `Pipeline ${index}`,
    description: `Promotes flags through ${envs.length} environments`,
    createdAt: new Date(ctx.now - random.int(10, 300) * 86_400_000).toISOString(),
    tags: random.sample(tagPool, random.int(0, 2)),
    _version: random.int(1, 6),
    _access: ownerAccess(`proj/${projKey}:release-pipeline/${key}`),
    isProjectDefault: index === 0,
    _isLegacy: false,
    phases: envs.map((e, phase) => ({
      id: random.hex(24),
      name: `Phase ${phase + 1} - ${environmentName(e)}`,
      audiences: [
        {
          name: environmentName(e),
          environment: {
            _links: { self: link(`/api/v2/projects/${projKey}/environments/${environmentKey(e)}`) },
            key: environmentKey(e),
            name: environmentName(e),
            color: "417505",
          },
          configuration: { releaseStrategy: "manual", requireApproval: e === 0 },
          segmentKeys: [],
        },
      ],
      configuration: {},
    })),
  };
}
