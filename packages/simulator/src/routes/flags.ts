import type { Schemas } from "@cq-launchdarkly/api";

import type { SimFlag } from "../data/flags.js";
import type { Route, RouteContext } from "./route.js";
import { invalidRequest, notFound } from "../api-error.js";
import { offsetPage } from "../paging.js";
import { isAtLeast20240415, param, parseFilter, sortBy } from "./route.js";

type FlagConfig = Schemas["FeatureFlagConfig"];

/** The `env` values of a request: repeated `env` parameters (comma lists accepted) plus `filterEnv` in `filter`. */
function requestedEnvironments(ctx: RouteContext, filter: Map<string, string>): string[] {
  const keys = ctx.query.getAll("env").flatMap((value) => value.split(","));
  const filterEnv = filter.get("filterEnv");
  if (filterEnv) keys.push(filterEnv);
  return [...new Set(keys.map((key) => key.trim()).filter(Boolean))];
}

/** A flag's summary environment configuration: without targets, rules and prerequisites. */
function summarize(config: FlagConfig): FlagConfig {
  const {
    targets: _targets,
    contextTargets: _contextTargets,
    rules: _rules,
    prerequisites: _prerequisites,
    ...rest
  } = config;
  return rest;
}

/** The `expand` fields of a request that change a flag's shape. */
interface Expand {
  evaluation: boolean;
  migrationSettings: boolean;
}

function readExpand(ctx: RouteContext): Expand {
  const fields = (ctx.query.get("expand") ?? "").split(",").map((field) => field.trim());
  return {
    evaluation: fields.includes("evaluation"),
    migrationSettings: fields.includes("migrationSettings"),
  };
}

/** An environment configuration without the fields only `expand` adds. */
function withoutUnexpanded(config: FlagConfig, expand: Expand): FlagConfig {
  const { evaluation, migrationSettings, ...rest } = config;
  return {
    ...rest,
    ...(expand.evaluation && evaluation ? { evaluation } : {}),
    ...(expand.migrationSettings && migrationSettings ? { migrationSettings } : {}),
  };
}

/**
 * A copy of `flag` with the configurations of `envKeys` only (all when undefined), summarised if
 * asked, with `evaluation` and `migrationSettings` only when `expand` names them.
 */
function shape(
  flag: SimFlag,
  envKeys: readonly string[] | undefined,
  summary: boolean,
  expand: Expand,
): Schemas["FeatureFlag"] {
  const { environments, migrationSettings, ...flagRest } = flag;
  const rest: Schemas["FeatureFlag"] =
    expand.migrationSettings && migrationSettings ? { ...flagRest, migrationSettings } : flagRest;
  if (envKeys?.length === 0) return rest;
  const selected: Record<string, FlagConfig> = {};
  for (const key of envKeys ?? Object.keys(environments)) {
    const config = environments[key];
    if (config) selected[key] = withoutUnexpanded(summary ? summarize(config) : config, expand);
  }
  return { ...rest, environments: selected };
}

function isFalse(value: string | null): boolean {
  return value === "0" || value === "false";
}

/**
 * `GET /flags/{projectKey}`: offset pages (max 100), summaries by default (`summary=0` for targets, rules and
 * prerequisites), `expand=evaluation,migrationSettings`, per-environment configuration only for the `env` values asked (at most
 * `semantics.flagEnvironmentLimit` under 20240415), archived flags only with `filter=state:archived`.
 * `GET /flags/{projectKey}/{featureFlagKey}`: one flag, every environment unless `env` narrows it.
 */
export const flagRoutes: readonly Route[] = [
  {
    operationId: "getFeatureFlags",
    handle(ctx) {
      const flags = ctx.dataset.flags(param(ctx, "projectKey"));
      if (!flags) throw notFound("Unknown project key");
      const filter = parseFilter(ctx.query.get("filter"));
      const latest = isAtLeast20240415(ctx.apiVersion);
      let envKeys: string[] | undefined = requestedEnvironments(ctx, filter);
      const { flagEnvironmentLimit: max, flagEnvironmentLimitMode: mode } = ctx.options.semantics;
      if (latest && envKeys.length > max && mode !== "ignore") {
        if (mode === "error") {
          throw invalidRequest(
            `A maximum of ${max} environments may be requested at once, got ${envKeys.length}`,
          );
        }
        envKeys = envKeys.slice(0, max);
      }
      // Before 20240415 the list carried every environment when none was asked for.
      if (!latest && envKeys.length === 0) envKeys = undefined;
      const summary = !isFalse(ctx.query.get("summary"));
      const expand = readExpand(ctx);

      const state =
        filter.get("state") ??
        (filter.get("archived") === "true" || ctx.query.get("archived") === "true"
          ? "archived"
          : "live");
      const text = filter.get("query")?.toLowerCase();
      const tags = [...(filter.get("tags")?.split("+") ?? []), ...ctx.query.getAll("tag")].filter(
        Boolean,
      );
      const type = filter.get("type");
      const matching = flags.filter(
        (flag) =>
          (state === "archived"
            ? flag.archived
            : state === "deprecated"
              ? !flag.archived && flag.deprecated
              : !flag.archived) &&
          (!text ||
            flag.key.toLowerCase().includes(text) ||
            flag.name.toLowerCase().includes(text)) &&
          tags.every((tag) => flag.tags.includes(tag)) &&
          (!type || (type === "temporary" ? flag.temporary : !flag.temporary)),
      );
      const sorted = sortBy(matching, ctx.query.get("sort"), {
        key: (flag) => flag.key,
        name: (flag) => flag.name.toLowerCase(),
        creationDate: (flag) => flag.creationDate,
        maintainerId: (flag) => flag.maintainerId ?? "",
        tags: (flag) => flag.tags.join(","),
        type: (flag) => (flag.temporary ? "temporary" : "permanent"),
      });
      return offsetPage(ctx.operationId, ctx.path, ctx.query, sorted, (flag) =>
        shape(flag, envKeys, summary, expand),
      );
    },
  },
  {
    operationId: "getFeatureFlag",
    handle(ctx) {
      const flags = ctx.dataset.flags(param(ctx, "projectKey"));
      if (!flags) throw notFound("Unknown project key");
      const flag = flags.find((candidate) => candidate.key === param(ctx, "featureFlagKey"));
      if (!flag) throw notFound("Unknown flag key");
      const envKeys = requestedEnvironments(ctx, new Map());
      return shape(flag, envKeys.length > 0 ? envKeys : undefined, false, readExpand(ctx));
    },
  },
];
