import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { memberAt, memberCount, memberSummary } from "./members.js";
import { metricKey, metricName, projectKey, tagPool } from "./naming.js";

/** A generated metric as the metric list returns it with `expand=experimentCount` (the route strips that field otherwise). */
export type SimMetric = Schemas["MetricListingRep"];

/** Generates metric `metricIndex` of project `projectIndex`. */
export function generateMetric(
  ctx: GeneratorContext,
  projectIndex: number,
  metricIndex: number,
): SimMetric {
  const random = createRandom(ctx.seed, "metric", projectIndex, metricIndex);
  const projKey = projectKey(ctx.seed, projectIndex);
  const key = metricKey(ctx.seed, projectIndex, metricIndex);
  const kind = random.pick(["custom", "custom", "click", "pageview"] as const);
  const creationDate = ctx.now - random.int(10, 300) * dayMs;
  const maintainer = memberAt(ctx.seed, random.int(0, memberCount - 1));
  const metric: SimMetric = {
    experimentCount: random.int(0, 3),
    metricGroupCount: 0,
    activeExperimentCount: 0,
    activeGuardedRolloutCount: 0,
    _id: random.hex(24),
    _versionId: random.hex(24),
    _version: random.int(1, 5),
    key,
    name: metricName(ctx.seed, projectIndex, metricIndex),
    kind,
    _attachedFlagCount: random.int(0, 4),
    _links: {
      parent: link(`/api/v2/metrics/${projKey}`),
      self: link(`/api/v2/metrics/${projKey}/${key}`),
    },
    _site: link(`/${projKey}/metrics/${key}/details`),
    tags: random.sample(tagPool, random.int(0, 2)),
    _creationDate: creationDate,
    lastModified: { date: new Date(creationDate + random.int(0, 5) * dayMs).toISOString() },
    maintainerId: maintainer._id,
    _maintainer: memberSummary(maintainer),
    dataSource: { key: "launchdarkly", _name: "LaunchDarkly", _integrationKey: "launchdarkly" },
    randomizationUnits: ["user"],
    archived: false,
    _access: ownerAccess(`proj/${projKey}:metric/${key}`),
  };
  // A stream of its own, so fields added later do not change the fields drawn above.
  const extra = createRandom(ctx.seed, "metric-extra", projectIndex, metricIndex);
  if (extra.chance(0.6)) {
    metric.description = `${metric.name}: ${extra.pick(["conversion", "latency", "errors", "engagement"])} tracked for experiments and guarded rollouts.`;
  }
  if (extra.chance(0.5))
    metric.category = extra.pick(["Conversion", "Error monitoring", "Performance"]);
  if (metricIndex % 5 !== 4) metric.lastSeen = ctx.now - extra.int(1, 72) * (dayMs / 24);
  if (metricIndex % 10 === 9) {
    metric.archived = true;
    metric.archivedAt = creationDate + extra.int(1, 9) * dayMs;
  }
  if (kind === "custom") {
    metric.eventKey = `${key}-event`;
    metric.isNumeric = random.chance(0.4);
    metric.successCriteria = random.pick(["HigherThanBaseline", "LowerThanBaseline"] as const);
    if (metric.isNumeric) {
      metric.unit = "ms";
      metric.unitAggregationType = "average";
      const percentile = extra.chance(0.4);
      metric.analysisType = percentile ? "percentile" : "mean";
      if (percentile) metric.percentileValue = extra.pick([90, 95, 99]);
      metric.eventDefault = { disabled: false, value: 0 };
    }
    if (extra.chance(0.4)) {
      metric.filters = {
        type: "group",
        op: "and",
        negate: false,
        values: [
          {
            type: "contextAttribute",
            op: "in",
            contextKind: "user",
            attribute: "country",
            values: [extra.pick(["US", "JP", "DE"])],
            negate: false,
          },
        ],
      };
    }
  } else if (kind === "click") {
    metric.selector = ".buy-button";
    metric.urls = [{ kind: "substring", substring: "/checkout" }];
  } else {
    metric.urls = [{ kind: "exact", url: "https://example.com/welcome" }];
  }
  return metric;
}
