import type { Truth } from "@cq-launchdarkly/simulator";
import { pageSizeFor } from "@cq-launchdarkly/api";

import { pagesFor, requestMinimums } from "../../../packages/tables/bench/request-minimums.js";

const sum = <T>(items: readonly T[], of: (item: T) => number) =>
  items.reduce((total, item) => total + of(item), 0);
const pages = (items: number, operationId: string) => pagesFor(items, pageSizeFor(operationId));

/**
 * The fewest requests of the tables packages/tables/bench/request-minimums.ts does not model
 * (project children, account-level tables, the audit log), in the same way: ceil(items / page
 * size) per parent, one request per parent for unpaged lists.
 */
const moreMinimums: Readonly<Record<string, (truth: Truth) => number>> = {
  launchdarkly_project_context_kinds: (t) => t.projects.length,
  launchdarkly_project_layers: (t) => t.projects.length,
  launchdarkly_project_experiments: (t) =>
    sum(t.projects, (p) => pages(p.experiments.length, "getExperimentsAnyEnv")),
  launchdarkly_project_release_pipelines: (t) =>
    sum(t.projects, (p) => pages(p.releasePipelines.length, "getAllReleasePipelines")),
  launchdarkly_project_metric_groups: (t) =>
    sum(t.projects, (p) => pages(p.metricGroups.length, "getMetricGroups")),
  launchdarkly_project_ai_configs: (t) =>
    sum(t.projects, (p) => pages(p.aiConfigs.length, "getAIConfigs")),
  launchdarkly_members: (t) => pages(t.account.members.length, "getMembers"),
  launchdarkly_teams: (t) => pages(t.account.teams.length, "getTeams"),
  launchdarkly_team_roles: (t) =>
    sum(t.account.teams, (team) => pages(team.roles.length, "getTeamRoles")),
  launchdarkly_team_maintainers: (t) =>
    sum(t.account.teams, (team) => pages(team.maintainers.length, "getTeamMaintainers")),
  launchdarkly_custom_roles: (t) => pages(t.account.customRoles.length, "getCustomRoles"),
  launchdarkly_access_tokens: (t) => pages(t.account.accessTokens.length, "getTokens"),
  launchdarkly_webhooks: () => 1,
  launchdarkly_relay_proxy_configs: () => 1,
  launchdarkly_destinations: () => 1,
  launchdarkly_code_refs_repositories: () => 1,
  launchdarkly_code_refs_repository_branches: (t) => t.account.repositories.length,
  launchdarkly_approval_requests: (t) =>
    pages(t.account.approvalRequests.length, "getApprovalRequests"),
  launchdarkly_applications: (t) => pages(t.account.applications.length, "getApplications"),
  launchdarkly_application_versions: (t) =>
    sum(t.account.applications, (a) => pages(a.versions.length, "getApplicationVersions")),
  launchdarkly_auditlog_entries: (t) => pages(t.auditLog.length, "getAuditLogEntries"),
};

/** The fewest requests a full sync of every table needs for `truth`, and the tables without a model. */
export function minimumRequests(
  truth: Truth,
  tables: readonly string[],
): { total: number; unmodelled: string[] } {
  let total = 0;
  const unmodelled: string[] = [];
  for (const table of tables) {
    const model = requestMinimums[table] ?? moreMinimums[table];
    if (model) total += model(truth);
    else unmodelled.push(table);
  }
  return { total, unmodelled };
}

/**
 * The longest chain of requests that must run one after another: each list's pages follow
 * `_links.next` (or the audit log's `before`), and a child list starts after its parent's page.
 * Parents: projects (1 page) -> environments -> statuses/segments; projects -> flags (environment
 * list, then each walk's pages); teams/applications/repositories -> their child lists.
 */
export function longestChain(truth: Truth): number {
  const flagPage = pageSizeFor("getFeatureFlags");
  const projectDepth = pages(truth.projects.length, "getProjects");
  const perProject = truth.projects.map((p) => {
    const archived = p.flags.filter((f) => f.archived).length;
    const flagWalk =
      1 + Math.max(pagesFor(p.flags.length - archived, flagPage), pagesFor(archived, flagPage));
    const segmentWalk =
      1 +
      Math.max(0, ...Object.values(p.segments).map((list) => pages(list.length, "getSegments")));
    return Math.max(
      flagWalk,
      segmentWalk,
      pages(p.experiments.length, "getExperimentsAnyEnv"),
      pages(p.releasePipelines.length, "getAllReleasePipelines"),
      pages(p.aiConfigs.length, "getAIConfigs"),
      pages(p.metrics.length, "getMetrics"),
    );
  });
  const a = truth.account;
  return Math.max(
    pages(truth.auditLog.length, "getAuditLogEntries"),
    projectDepth + Math.max(0, ...perProject),
    pages(a.members.length, "getMembers"),
    pages(a.accessTokens.length, "getTokens"),
    pages(a.customRoles.length, "getCustomRoles"),
    pages(a.applications.length, "getApplications") + 1,
    pages(a.teams.length, "getTeams") + 1,
  );
}
