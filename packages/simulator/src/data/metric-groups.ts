import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { memberAt, memberCount, memberSummary } from "./members.js";
import { metricKey, metricName, projectKey, tagPool } from "./naming.js";

/** A generated metric group (beta): a funnel or a standard group of the project's metrics. */
export type SimMetricGroup = Schemas["MetricGroupRep"];

/** Generates metric group `index` of project `projectIndex`. */
export function generateMetricGroup(
  ctx: GeneratorContext,
  projectIndex: number,
  index: number,
): SimMetricGroup {
  const random = createRandom(ctx.seed, "metric-group", projectIndex, index);
  const projKey = projectKey(ctx.seed, projectIndex);
  const key = `metric-group-${index}`;
  const created = ctx.now - random.int(10, 300) * dayMs;
  const metricIndexes = random.sample(
    Array.from({ length: ctx.counts.metricsPerProject }, (_, m) => m),
    Math.min(3, ctx.counts.metricsPerProject),
  );
  return {
    _id: random.hex(24),
    key,
    name: `Metric group ${index}`,
    kind: random.pick(["funnel", "standard"] as const),
    description: `Metrics watched together (${index})`,
    _links: {
      self: link(`/api/v2/projects/${projKey}/metric-groups/${key}`),
      parent: link(`/api/v2/projects/${projKey}`),
    },
    _access: ownerAccess(`proj/${projKey}:metric-group/${key}`),
    tags: random.sample(tagPool, random.int(0, 2)),
    _creationDate: created,
    _lastModified: created + random.int(0, 9) * dayMs,
    maintainer: { member: memberSummary(memberAt(ctx.seed, random.int(0, memberCount - 1))) },
    metrics: metricIndexes.map((m, position) => ({
      key: metricKey(ctx.seed, projectIndex, m),
      name: metricName(ctx.seed, projectIndex, m),
      kind: "custom",
      _links: { self: link(`/api/v2/metrics/${projKey}/${metricKey(ctx.seed, projectIndex, m)}`) },
      nameInGroup: `Step ${position + 1}`,
      randomizationUnits: ["user"],
    })),
    _version: random.int(1, 4),
    experiments: [],
    experimentCount: 0,
    activeExperimentCount: 0,
    activeGuardedRolloutCount: 0,
  };
}
