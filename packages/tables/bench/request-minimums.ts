import type { SimAuditEntry, Truth } from "@cq-launchdarkly/simulator";
import { pageLimits, pageSizeFor } from "@cq-launchdarkly/api";

import { environmentsPerFlagRequest } from "../src/projects/project-flags.js";

/** Requests an offset walk of `items` needs at `pageSize` (an empty list still costs one). */
export function pagesFor(items: number, pageSize: number | undefined): number {
  if (pageSize === undefined) return 1;
  return Math.max(1, Math.ceil(items / pageSize));
}

const pageSize = (operationId: string): number | undefined => pageSizeFor(operationId);
const sum = <T>(items: readonly T[], of: (item: T) => number) =>
  items.reduce((total, item) => total + of(item), 0);

/**
 * How many environments `expand=environments` embeds in a project of the projects list. The real
 * API pages the embedded list with an undocumented page size; the simulator embeds the first page
 * at the environment list's documented default (20). A project with more environments than that
 * has an incomplete embedded list, and its environment list is walked from the start.
 */
const embeddedEnvironments = pageLimits.getEnvironmentsByProject.defaultLimit.value;

/**
 * AI Configs have no documented page size, so the client sends no `limit` and gets the server's
 * default page: the simulator's 20 (the real API's is undocumented too).
 */
const aiConfigsPage = pageSize("getAIConfigs") ?? 20;

/** Requests to learn a project's environments: none when the embedded list was complete. */
function environmentListRequests(environments: number): number {
  return environments <= embeddedEnvironments
    ? 0
    : pagesFor(environments, pageSize("getEnvironmentsByProject"));
}

/**
 * Requests the audit-log walker (`AuditLogWalk` in @cq-launchdarkly/api) makes for a full walk of
 * `entries` (newest first) at `limit` a page, against the simulator's default `before` semantics
 * (exclusive: `date < before`).
 *
 * The floor for any walk is ceil(entries / limit), but the API pages by date, not offset, and the
 * document says neither whether `before` is inclusive nor what happens to several entries in one
 * millisecond. So the walker asks for `before = oldest date on the page + 1`: each page after the
 * first re-reads the entries of the previous page's oldest millisecond (at least one, two when a
 * same-millisecond pair straddles the page boundary) and yields only the rest. The walk ends with
 * a short page; when the last page is exactly full, one more (empty or all-repeat) request finds
 * the end. Rather than a closed formula, this replays the walker's page boundaries over the
 * simulator's dates (a page of repeats only would step `before` past its millisecond, as the
 * walker does), so the model is exactly what that design needs: ~entries / (limit - 1) requests.
 */
export function auditLogWalkRequests(entries: readonly SimAuditEntry[], limit: number): number {
  let requests = 0;
  let before: number | undefined;
  let start = 0; // first index with date < before (entries are newest first)
  let seen = 0; // entries [0, seen) were yielded
  for (;;) {
    requests += 1;
    if (before !== undefined) {
      while (start < entries.length && (entries[start]?.date ?? 0) >= before) start += 1;
    }
    const end = Math.min(entries.length, start + limit);
    const fresh = Math.max(0, end - Math.max(start, seen));
    seen = Math.max(seen, end);
    if (end - start < limit) return requests;
    const oldest = entries[end - 1]?.date ?? 0;
    if (fresh > 0) before = before === undefined ? oldest + 1 : Math.min(before, oldest + 1);
    else before = before === oldest ? oldest - 1 : oldest;
  }
}

/**
 * The fewest requests each table can make for the simulator's data, from the page-limit table
 * (`pageSizeFor`): ceil(items / page size) per parent (an empty list still costs one), per
 * environment batch for flags; one request per parent for unpaginated lists. Child tables whose
 * rows come from their parent's requests are 0. Every table in the registry has an entry.
 */
export const requestMinimums: Readonly<Record<string, (truth: Truth) => number>> = {
  // Projects with `expand=environments`: the embedded environment lists cost no request.
  launchdarkly_projects: (truth) => pagesFor(truth.projects.length, pageSize("getProjects")),
  launchdarkly_project_environments: (truth) =>
    sum(truth.projects, (p) => environmentListRequests(p.environments.length)),
  launchdarkly_project_flag_defaults: (truth) => truth.projects.length,
  // Per project: its environment keys (from the embedded list when complete), then per batch of
  // <= 3 environments one walk of the live and one of the archived flags.
  launchdarkly_project_flags: (truth) =>
    sum(truth.projects, (p) => {
      const batches = Math.max(1, Math.ceil(p.environments.length / environmentsPerFlagRequest));
      const archived = p.flags.filter((flag) => flag.archived).length;
      const live = p.flags.length - archived;
      const flagPage = pageSize("getFeatureFlags");
      return (
        environmentListRequests(p.environments.length) +
        batches * (pagesFor(live, flagPage) + pagesFor(archived, flagPage))
      );
    }),
  // Filled from the flags table's batched requests.
  launchdarkly_project_flag_environments: () => 0,
  launchdarkly_project_metrics: (truth) =>
    sum(truth.projects, (p) => pagesFor(p.metrics.length, pageSize("getMetrics"))),
  // One unpaginated request per environment.
  launchdarkly_project_environment_flag_statuses: (truth) =>
    sum(truth.projects, (p) => p.environments.length),
  launchdarkly_project_environment_segments: (truth) =>
    sum(truth.projects, (p) =>
      sum(Object.values(p.segments), (list) => pagesFor(list.length, pageSize("getSegments"))),
    ),
  // Unpaginated: one request per project.
  launchdarkly_project_context_kinds: (truth) => truth.projects.length,
  launchdarkly_project_experiments: (truth) =>
    sum(truth.projects, (p) => pagesFor(p.experiments.length, pageSize("getExperimentsAnyEnv"))),
  // Unpaginated: one request per project.
  launchdarkly_project_layers: (truth) => truth.projects.length,
  launchdarkly_project_release_pipelines: (truth) =>
    sum(truth.projects, (p) =>
      pagesFor(p.releasePipelines.length, pageSize("getAllReleasePipelines")),
    ),
  launchdarkly_project_metric_groups: (truth) =>
    sum(truth.projects, (p) => pagesFor(p.metricGroups.length, pageSize("getMetricGroups"))),
  launchdarkly_project_ai_configs: (truth) =>
    sum(truth.projects, (p) => pagesFor(p.aiConfigs.length, aiConfigsPage)),

  launchdarkly_members: (truth) => pagesFor(truth.account.members.length, pageSize("getMembers")),
  launchdarkly_teams: (truth) => pagesFor(truth.account.teams.length, pageSize("getTeams")),
  launchdarkly_team_roles: (truth) =>
    sum(truth.account.teams, (t) => pagesFor(t.roles.length, pageSize("getTeamRoles"))),
  launchdarkly_team_maintainers: (truth) =>
    sum(truth.account.teams, (t) => pagesFor(t.maintainers.length, pageSize("getTeamMaintainers"))),
  launchdarkly_custom_roles: (truth) =>
    pagesFor(truth.account.customRoles.length, pageSize("getCustomRoles")),
  // `showAll=true`: every member's tokens in one walk.
  launchdarkly_access_tokens: (truth) =>
    pagesFor(truth.account.accessTokens.length, pageSize("getTokens")),
  // Unpaginated account lists: one request each.
  launchdarkly_webhooks: () => 1,
  launchdarkly_relay_proxy_configs: () => 1,
  launchdarkly_destinations: () => 1,
  launchdarkly_code_refs_repositories: () => 1,
  // Unpaginated: one request per repository.
  launchdarkly_code_refs_repository_branches: (truth) => truth.account.repositories.length,
  launchdarkly_approval_requests: (truth) =>
    pagesFor(truth.account.approvalRequests.length, pageSize("getApprovalRequests")),
  launchdarkly_applications: (truth) =>
    pagesFor(truth.account.applications.length, pageSize("getApplications")),
  launchdarkly_application_versions: (truth) =>
    sum(truth.account.applications, (a) =>
      pagesFor(a.versions.length, pageSize("getApplicationVersions")),
    ),
  // A full walk (no saved cursor, no start time, details off): see `auditLogWalkRequests`.
  launchdarkly_auditlog_entries: (truth) =>
    auditLogWalkRequests(truth.auditLog, pageSize("getAuditLogEntries") ?? 20),
};
