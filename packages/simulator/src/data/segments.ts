import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { environmentKey, flagKey, flagName, projectKey, tagPool } from "./naming.js";

/** A generated segment as the segment list returns it. */
export type SimSegment = Schemas["UserSegment"];

const audiences = [
  ["beta-testers", "Beta testers"],
  ["internal-staff", "Internal staff"],
  ["enterprise-accounts", "Enterprise accounts"],
  ["eu-customers", "EU customers"],
  ["mobile-power-users", "Mobile power users"],
  ["churn-risk", "Churn risk"],
  ["trial-users", "Trial users"],
] as const;

/** The kinds of segment LaunchDarkly has: rule-based, list-based, big (unbounded) and synced. */
const segmentKinds = ["rules", "rules", "list", "list", "big", "synced"] as const;

/** Key of segment `segmentIndex` (the same in every environment of a project, as when copied). */
export function segmentKey(seed: string, projectIndex: number, segmentIndex: number): string {
  const [key] = createRandom(seed, "segment-name", projectIndex, segmentIndex).pick(audiences);
  return `${key}-${segmentIndex}`;
}

function uuid(random: ReturnType<typeof createRandom>): string {
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`;
}

/** Generates segment `segmentIndex` of environment `envIndex` of project `projectIndex`. */
export function generateSegment(
  ctx: GeneratorContext,
  projectIndex: number,
  envIndex: number,
  segmentIndex: number,
): SimSegment {
  const random = createRandom(ctx.seed, "segment", projectIndex, envIndex, segmentIndex);
  const projKey = projectKey(ctx.seed, projectIndex);
  const envKey = environmentKey(envIndex);
  const key = segmentKey(ctx.seed, projectIndex, segmentIndex);
  const [, name] = createRandom(ctx.seed, "segment-name", projectIndex, segmentIndex).pick(
    audiences,
  );
  const kind = segmentKinds[segmentIndex % segmentKinds.length] ?? "rules";
  const creationDate = ctx.now - random.int(20, 500) * dayMs;
  const lastModifiedDate = creationDate + random.int(0, 19) * dayMs;
  const unbounded = kind === "big" || kind === "synced";
  const users = (count: number, prefix: string) =>
    Array.from({ length: count }, () => `${prefix}-${random.int(1, 99_999)}`);
  const flagCount = Math.min(ctx.counts.flagsPerProject, random.int(0, 3));
  const segment: SimSegment = {
    name: `${name} ${segmentIndex}`,
    tags: random.sample(tagPool, random.int(0, 2)),
    creationDate,
    lastModifiedDate,
    key,
    included: kind === "list" ? users(random.int(1, 5), "user") : [],
    excluded: kind === "list" ? users(random.int(0, 2), "user") : [],
    includedContexts:
      kind === "list"
        ? [{ contextKind: "organization", values: users(random.int(1, 3), "org") }]
        : [],
    excludedContexts: [],
    _links: {
      parent: link(`/api/v2/segments/${projKey}/${envKey}`),
      self: link(`/api/v2/segments/${projKey}/${envKey}/${key}`),
      site: link(`/${projKey}/${envKey}/segments/${key}`),
    },
    rules:
      kind === "rules"
        ? Array.from({ length: random.int(1, 3) }, () => ({
            _id: uuid(random),
            clauses: [
              {
                _id: uuid(random),
                attribute: random.pick(["email", "country", "plan"]),
                op: random.pick(["endsWith", "in", "contains"]),
                values: [random.pick(["@example.com", "DE", "enterprise"])],
                contextKind: "user",
                negate: false,
              },
            ],
            ...(random.chance(0.3) ? { weight: random.int(1, 100) * 1000, bucketBy: "key" } : {}),
            ...(random.chance(0.3) ? { description: "Added for the spring launch" } : {}),
          }))
        : [],
    version: random.int(1, 30),
    deleted: false,
    _access: ownerAccess(`proj/${projKey}:env/${envKey}:segment/${key}`),
    _flags: Array.from({ length: flagCount }, () => {
      const f = random.int(0, ctx.counts.flagsPerProject - 1);
      const flag = flagKey(ctx.seed, projectIndex, f);
      return {
        name: flagName(ctx.seed, projectIndex, f),
        key: flag,
        _links: { self: link(`/api/v2/flags/${projKey}/${flag}`) },
        _site: link(`/${projKey}/${envKey}/features/${flag}`),
      };
    }),
    unbounded,
    generation: unbounded ? random.int(1, 6) : 1,
  };
  if (random.chance(0.6)) segment.description = `${name} of ${projKey}, ${envKey}.`;
  if (unbounded) {
    segment.unboundedContextKind = "user";
    segment._unboundedMetadata = {
      envId: random.hex(24),
      segmentId: random.hex(24),
      version: 1,
      includedCount: random.int(10_000, 2_000_000),
      excludedCount: random.int(0, 500),
      lastModified: lastModifiedDate,
      deleted: false,
    };
  }
  if (kind === "synced") {
    segment._external = "amplitude";
    segment._externalLink = `https://analytics.amplitude.com/example/cohort/${random.hex(6)}`;
    segment._importInProgress = random.chance(0.2);
  }
  return segment;
}
