import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs, link } from "./context.js";
import { memberAt, memberCount } from "./members.js";
import { environmentKey, flagKey, metricKey, projectKey, tagPool } from "./naming.js";

/** A generated experiment with every expandable field (the route drops those not expanded). */
export type SimExperiment = Schemas["Experiment"];

/** Fields of an experiment only returned when named in `expand`. */
export const experimentExpandable = [
  "draftIteration",
  "previousIterations",
  "analysisConfig",
] as const;

/** Generates experiment `index` of project `projectIndex`. */
export function generateExperiment(
  ctx: GeneratorContext,
  projectIndex: number,
  index: number,
): SimExperiment {
  const random = createRandom(ctx.seed, "experiment", projectIndex, index);
  const projKey = projectKey(ctx.seed, projectIndex);
  const envKey = environmentKey(random.int(0, Math.max(0, ctx.counts.environmentsPerProject - 1)));
  const key = `experiment-${index}`;
  const created = ctx.now - random.int(5, 200) * dayMs;
  const flag =
    ctx.counts.flagsPerProject > 0
      ? flagKey(ctx.seed, projectIndex, index % ctx.counts.flagsPerProject)
      : "none";
  const metric =
    ctx.counts.metricsPerProject > 0
      ? metricKey(ctx.seed, projectIndex, index % ctx.counts.metricsPerProject)
      : undefined;
  const iteration = (
    status: "not_started" | "running" | "stopped",
    at: number,
  ): Schemas["IterationRep"] => ({
    _id: random.hex(24),
    hypothesis: `Changing ${flag} improves conversion`,
    status,
    createdAt: at,
    ...(status !== "not_started" ? { startedAt: at + dayMs } : {}),
    ...(status === "stopped" ? { endedAt: at + 14 * dayMs, winningReason: "significant" } : {}),
    canReshuffleTraffic: true,
    randomizationUnit: "user",
    ...(metric
      ? {
          primarySingleMetric: {
            key: metric,
            name: metric,
            kind: "custom",
            _links: { self: link(`/api/v2/metrics/${projKey}/${metric}`) },
          },
        }
      : {}),
  });
  const experiment: SimExperiment = {
    _id: random.hex(24),
    key,
    name: `Experiment ${index}`,
    description: `Does ${flag} move the needle?`,
    _maintainerId: memberAt(ctx.seed, random.int(0, memberCount - 1))._id,
    _creationDate: created,
    environmentKey: envKey,
    methodology: random.pick(["bayesian", "frequentist"]),
    dataSource: "launchdarkly",
    tags: random.sample(tagPool, random.int(0, 2)),
    type: random.pick(["experiment", "experiment", "mab"]),
    _links: {
      self: link(`/api/v2/projects/${projKey}/environments/${envKey}/experiments/${key}`),
      parent: link(`/api/v2/projects/${projKey}/environments/${envKey}`),
    },
    currentIteration: iteration(
      random.pick(["not_started", "running", "stopped"] as const),
      created,
    ),
    draftIteration: iteration("not_started", created),
    previousIterations: random.chance(0.5) ? [iteration("stopped", created - 30 * dayMs)] : [],
    analysisConfig: {
      bayesianThreshold: "95",
      significanceThreshold: "5",
      testDirection: "two-sided",
      multipleComparisonCorrectionMethod: "bonferroni",
      multipleComparisonCorrectionScope: "variations",
      sequentialTestingEnabled: random.chance(0.5),
    },
  };
  if (random.chance(0.3)) experiment.holdoutId = random.hex(24);
  if (random.chance(0.2)) experiment.archivedDate = created + 20 * dayMs;
  return experiment;
}
