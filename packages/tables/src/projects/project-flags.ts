import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition, ResolverContext } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable, msEpochTimestamp } from "@cq-launchdarkly/core";

import { projectEnvironmentPages } from "./project-environment-list.js";
import { projectFlagEnvironments } from "./project-flag-environments.js";
import { projectParentKeys } from "./project-parent-keys.js";

export type Flag = Schemas["FeatureFlag"];

/** Under API version 20240415 the flag list returns environment configuration for at most 3 `env` values. */
export const environmentsPerFlagRequest = 3;

/** Walks of one list that came back inconsistent (an item archived or created mid-walk) are repeated this often. */
const maxWalks = 3;

/** `expand` fields that add columns: per-environment `evaluation`, and migration flags' settings. */
const flagExpand = "evaluation,migrationSettings";

/** Splits `keys` into batches of at most `size` (one empty batch when there are none). */
export function batchesOf<T>(keys: readonly T[], size: number): T[][] {
  if (keys.length === 0) return [[]];
  const batches: T[][] = [];
  for (let start = 0; start < keys.length; start += size) {
    batches.push(keys.slice(start, start + size));
  }
  return batches;
}

/** Adds a page's flags to `flags`: later walks refresh the top-level fields, environments accumulate. */
function merge(flags: Map<string, Flag>, items: readonly Flag[]): void {
  for (const flag of items) {
    const known = flags.get(flag.key);
    flags.set(flag.key, {
      ...flag,
      environments: { ...known?.environments, ...flag.environments },
    });
  }
}

/**
 * Walks one flag list (live or archived, for one batch of environments) into `flags`, yielding
 * after every page so each resolver step is one request. LaunchDarkly pages by offset, so a flag
 * archived (or created) between two pages shifts the offsets and another flag is skipped
 * (launchdarkly/ld-openapi#134): when `totalCount` changed during the walk or fewer flags came
 * back than it announced, the walk is repeated (up to `maxWalks` times) and merged by key.
 */
async function* walkFlags(
  ctx: ResolverContext,
  projectKey: string,
  environments: readonly string[],
  archived: boolean,
  flags: Map<string, Flag>,
): AsyncGenerator<never[]> {
  const query = {
    summary: false,
    expand: flagExpand,
    // The API takes `env` repeated; the document types it as one string.
    ...(environments.length > 0 ? { env: environments as unknown as string } : {}),
    ...(archived ? { filter: "state:archived" } : {}),
  };
  for (let walk = 1; ; walk++) {
    let first: number | undefined;
    let last: number | undefined;
    const seen = new Set<string>();
    const pages = ctx.client.paginate("/api/v2/flags/{projectKey}", {
      params: { path: { projectKey }, query },
    });
    for await (const page of pages) {
      first ??= page.totalCount;
      last = page.totalCount;
      for (const flag of page.items) seen.add(flag.key);
      merge(flags, page.items);
      yield [];
    }
    const consistent = first === last && (last === undefined || seen.size >= last);
    if (consistent) return;
    if (walk >= maxWalks) {
      ctx.logger.warn(
        `launchdarkly_project_flags: the ${archived ? "archived" : "live"} flags of project ${projectKey} kept changing during ${walk} walks; some flags may be missing until the next sync`,
        { projectKey, totalCount: last, seen: seen.size },
      );
      return;
    }
    ctx.logger.debug(
      `launchdarkly_project_flags: flags of project ${projectKey} changed during the walk (totalCount ${String(first)} -> ${String(last)}, ${seen.size} seen); walking again`,
    );
  }
}

/**
 * `launchdarkly_project_flags`: every flag of each project, archived ones included, with its
 * configuration in every environment (`environments`, a JSON map environment key -> config, as in
 * CloudQuery's Go plugin; also the rows of `launchdarkly_project_flag_environments`).
 *
 * Requests per project: none for the environment keys when the project list embedded the complete
 * environment list (`expand=environments`; else one walk of it), then for each batch of at most 3 environments (the
 * most the API returns configuration for under 20240415) one walk of the live and one of the
 * archived flags, 100 a page, `summary=0`. A flag's row is complete only after the last batch, so
 * the rows of one project are emitted together: memory holds one project's flags with every
 * environment's configuration at a time per project being resolved (projects resolve in parallel
 * up to `concurrency`).
 * @see https://launchdarkly.com/docs/api/feature-flags/get-feature-flags
 */
export function projectFlags(): AnyTableDefinition {
  return defineTable<Flag>({
    name: "launchdarkly_project_flags",
    title: "LaunchDarkly Project Flags",
    description:
      "Feature flags of each project, archived ones included. https://launchdarkly.com/docs/api/feature-flags/get-feature-flags",
    requiredPermission: "a role with `viewProject` on `proj/*` (the built-in Reader role has it)",
    columns: [
      ...projectParentKeys<Flag>(),
      ...columnsFromFields<Flag>({
        key: { type: "utf8", primaryKey: true, description: "The flag's key." },
        name: "utf8",
        kind: "utf8",
        description: "utf8",
        _version: "int64",
        creationDate: { type: "timestamp", resolve: msEpochTimestamp("creationDate") },
        includeInSnippet: "bool",
        clientSideAvailability: "json",
        variations: "json",
        temporary: "bool",
        tags: "list<utf8>",
        maintainerId: "utf8",
        _maintainer: "json",
        maintainerTeamKey: "utf8",
        _maintainerTeam: "json",
        goalIds: "list<utf8>",
        experiments: "json",
        customProperties: "json",
        archived: "bool",
        archivedDate: { type: "timestamp", resolve: msEpochTimestamp("archivedDate") },
        deprecated: "bool",
        deprecatedDate: { type: "timestamp", resolve: msEpochTimestamp("deprecatedDate") },
        defaults: "json",
        _purpose: "utf8",
        migrationSettings: "json",
        environments: {
          type: "json",
          description: "The flag's configuration in each environment, by environment key.",
        },
      }),
    ],
    children: [projectFlagEnvironments()],
    async *resolve(ctx, parent) {
      const projectKey = String(parent?.row.key);
      const environmentKeys: string[] = [];
      for await (const page of projectEnvironmentPages(ctx, parent)) {
        environmentKeys.push(...page.map((environment) => environment.key));
        yield [];
      }
      const flags = new Map<string, Flag>();
      for (const batch of batchesOf(environmentKeys, environmentsPerFlagRequest)) {
        // Live first, then archived: a flag archived in between shows up in the second walk.
        yield* walkFlags(ctx, projectKey, batch, false, flags);
        yield* walkFlags(ctx, projectKey, batch, true, flags);
      }
      yield [...flags.values()];
    },
  });
}
