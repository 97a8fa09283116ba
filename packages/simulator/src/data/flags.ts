import type { Schemas } from "@cq-launchdarkly/api";

import type { Random } from "../random.js";
import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs, link } from "./context.js";
import { memberAt, memberCount, memberSummary } from "./members.js";
import {
  environmentKey,
  environmentName,
  flagKey,
  flagName,
  projectKey,
  tagPool,
} from "./naming.js";

/** A generated flag holding the full configuration of every environment; routes cut it down per request. */
export type SimFlag = Schemas["FeatureFlag"] & {
  environments: Record<string, Schemas["FeatureFlagConfig"]>;
};

type Variation = Schemas["Variation"];
type FlagConfig = Schemas["FeatureFlagConfig"];

const variationShapes = ["boolean", "string", "number", "json"] as const;

function variationsFor(random: Random, shape: (typeof variationShapes)[number]): Variation[] {
  const id = () =>
    `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`;
  switch (shape) {
    case "boolean":
      return [
        { _id: id(), value: true, name: "On" },
        { _id: id(), value: false, name: "Off" },
      ];
    case "string":
      return ["control", "treatment-a", "treatment-b"]
        .slice(0, random.int(2, 3))
        .map((value) => ({ _id: id(), value, name: value }));
    case "number":
      return [10, 25, 50, 100].slice(0, random.int(2, 4)).map((value) => ({ _id: id(), value }));
    case "json":
      return [
        { _id: id(), value: { layout: "grid", columns: 3 }, name: "Grid" },
        { _id: id(), value: { layout: "list", columns: 1 }, name: "List" },
      ];
  }
}

function rollout(random: Random, variationCount: number): Schemas["Rollout"] {
  const weights: Schemas["WeightedVariation"][] = [];
  let left = 100_000;
  for (let v = 0; v < variationCount; v++) {
    const weight = v === variationCount - 1 ? left : random.int(0, left);
    left -= weight;
    weights.push({ variation: v, weight });
  }
  return { variations: weights, bucketBy: "key", contextKind: "user" };
}

function environmentConfig(
  ctx: GeneratorContext,
  random: Random,
  projKey: string,
  projectIndex: number,
  flagIndex: number,
  key: string,
  envIndex: number,
  variationCount: number,
  archived: boolean,
  creationDate: number,
  migration: boolean,
): FlagConfig {
  const envKey = environmentKey(envIndex);
  // A stream of its own, so fields added later do not change the fields drawn below.
  const extra = createRandom(ctx.seed, "flag-env-extra", projectIndex, flagIndex, envIndex);
  const targets: Schemas["Target"][] = random.chance(0.4)
    ? [
        {
          values: [`user-${random.int(1, 999)}`, `user-${random.int(1, 999)}`],
          variation: 0,
          contextKind: "user",
        },
      ]
    : [];
  const contextTargets: Schemas["Target"][] = random.chance(0.2)
    ? [
        {
          values: [`org-${random.int(1, 99)}`],
          variation: variationCount - 1,
          contextKind: "organization",
        },
      ]
    : [];
  const rules: Schemas["Rule"][] = Array.from({ length: random.int(0, 3) }, (_, r) => ({
    _id: `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-8${random.hex(3)}-${random.hex(12)}`,
    ...(random.chance(0.5)
      ? { variation: random.int(0, variationCount - 1) }
      : { rollout: rollout(random, variationCount) }),
    clauses: [
      {
        _id: random.hex(24),
        attribute: random.pick(["email", "country", "plan", "key"]),
        op: random.pick(["in", "endsWith", "startsWith", "contains"]),
        values: [random.pick(["@example.com", "US", "enterprise", "beta-"])],
        contextKind: "user",
        negate: random.chance(0.1),
      },
    ],
    trackEvents: false,
    ...(r === 0 && random.chance(0.3) ? { ref: `rule-${r}` } : {}),
  }));
  const prerequisites: Schemas["Prerequisite"][] =
    flagIndex > 0 && random.chance(0.15)
      ? [{ key: flagKey(ctx.seed, projectIndex, random.int(0, flagIndex - 1)), variation: 0 }]
      : [];
  const fallthrough = random.chance(0.7)
    ? { variation: random.int(0, variationCount - 1) }
    : { rollout: rollout(random, variationCount) };
  const offVariation = variationCount - 1;
  const summaryVariations: Schemas["AllVariationsSummary"] = {};
  for (let v = 0; v < variationCount; v++) {
    summaryVariations[String(v)] = {
      rules: rules.filter((rule) => rule.variation === v).length,
      nullRules: 0,
      targets: targets
        .filter((target) => target.variation === v)
        .reduce((n, t) => n + t.values.length, 0),
      contextTargets: contextTargets.filter((target) => target.variation === v).length,
      ...(fallthrough.variation === v ? { isFallthrough: true } : {}),
      ...(offVariation === v ? { isOff: true } : {}),
    };
  }
  const config: FlagConfig = {
    on: !archived && random.chance(0.6),
    archived,
    salt: random.hex(32),
    sel: random.hex(32),
    lastModified: creationDate + random.int(0, 30) * dayMs,
    version: random.int(1, 40),
    targets,
    contextTargets,
    rules,
    fallthrough,
    offVariation,
    prerequisites,
    _site: link(`/${projKey}/${envKey}/features/${key}`),
    _environmentName: environmentName(envIndex),
    trackEvents: random.chance(0.1),
    trackEventsFallthrough: false,
    _summary: { variations: summaryVariations, prerequisites: prerequisites.length },
    _access: ownerAccess(`proj/${projKey}:env/${envKey}:flag/${key}`),
    // Only with `expand=evaluation` (the route strips it otherwise).
    evaluation: {
      contextKinds: archived
        ? []
        : extra.sample(["user", "organization", "device"], extra.int(1, 2)),
    },
  };
  if (flagIndex % 10 === 3 && envIndex === 0) {
    config._debugEventsUntilDate = ctx.now + extra.int(1, 24) * (dayMs / 24);
  }
  // Only with `expand=migrationSettings`, and only on migration flags.
  if (migration) config.migrationSettings = { checkRatio: extra.pick([1, 5, 10]) };
  return config;
}

/** Maintainer teams flags may name (`maintainerTeamKey`): the first teams of `teams.ts`'s naming. */
export const maintainerTeams = [
  { key: "platform-0", name: "Platform 0" },
  { key: "growth-1", name: "Growth 1" },
  { key: "payments-2", name: "Payments 2" },
] as const;

/** Generates flag `flagIndex` of project `projectIndex`, with every environment's configuration. */
export function generateFlag(
  ctx: GeneratorContext,
  projectIndex: number,
  flagIndex: number,
): SimFlag {
  const random = createRandom(ctx.seed, "flag", projectIndex, flagIndex);
  const projKey = projectKey(ctx.seed, projectIndex);
  const key = flagKey(ctx.seed, projectIndex, flagIndex);
  const shape = random.pick(variationShapes);
  const variations = variationsFor(random, shape);
  const flagCount = Math.max(1, ctx.counts.flagsPerProject);
  const creationDate =
    ctx.now -
    400 * dayMs +
    Math.floor((flagIndex / flagCount) * 300 * dayMs) +
    random.int(0, 3_600_000);
  const archived = random.chance(0.08);
  const deprecated = !archived && random.chance(0.06);
  const maintainer = memberAt(ctx.seed, random.int(0, memberCount - 1));
  // A stream of its own, so fields added later do not change the fields drawn from `random`.
  const extra = createRandom(ctx.seed, "flag-extra", projectIndex, flagIndex);
  const migration = flagIndex % 20 === 7;
  const environments: Record<string, FlagConfig> = {};
  for (let e = 0; e < ctx.counts.environmentsPerProject; e++) {
    environments[environmentKey(e)] = environmentConfig(
      ctx,
      createRandom(ctx.seed, "flag-env", projectIndex, flagIndex, e),
      projKey,
      projectIndex,
      flagIndex,
      key,
      e,
      variations.length,
      archived,
      creationDate,
      migration,
    );
  }
  const flag: SimFlag = {
    name: flagName(ctx.seed, projectIndex, flagIndex),
    kind: shape === "boolean" ? "boolean" : "multivariate",
    key,
    _version: random.int(1, 60),
    creationDate,
    clientSideAvailability: {
      usingMobileKey: random.chance(0.3),
      usingEnvironmentId: random.chance(0.4),
    },
    variations,
    temporary: random.chance(0.7),
    tags: random.sample(tagPool, random.int(0, 3)),
    _links: {
      parent: link(`/api/v2/flags/${projKey}`),
      self: link(`/api/v2/flags/${projKey}/${key}`),
    },
    maintainerId: maintainer._id,
    _maintainer: memberSummary(maintainer),
    experiments: { baselineIdx: 0, items: [] },
    customProperties: random.chance(0.2)
      ? { "jira.issues": { name: "Jira issues", value: [`PROJ-${random.int(100, 999)}`] } }
      : {},
    archived,
    deprecated,
    defaults: { onVariation: 0, offVariation: variations.length - 1 },
    environments,
  };
  if (archived) flag.archivedDate = creationDate + random.int(1, 60) * dayMs;
  if (extra.chance(0.6)) {
    flag.description = `${flag.name}: ${extra.pick(["rollout of", "kill switch for", "experiment on", "entitlement for"])} ${key.split("-").slice(0, 2).join(" ")}.`;
  }
  flag.includeInSnippet = flag.clientSideAvailability?.usingEnvironmentId ?? false;
  flag.goalIds = [];
  if (flagIndex % 4 === 1) {
    const team = extra.pick(maintainerTeams);
    flag.maintainerTeamKey = team.key;
    flag._maintainerTeam = {
      key: team.key,
      name: team.name,
      _links: {
        parent: link("/api/v2/teams"),
        roles: link(`/api/v2/teams/${team.key}/roles`),
        self: link(`/api/v2/teams/${team.key}`),
      },
    };
  }
  if (migration) {
    flag._purpose = "migration";
    // Only with `expand=migrationSettings` (the route strips it otherwise).
    flag.migrationSettings = { contextKind: "device", stageCount: extra.pick([4, 6]) };
  }
  if (deprecated) flag.deprecatedDate = creationDate + random.int(1, 60) * dayMs;
  return flag;
}
