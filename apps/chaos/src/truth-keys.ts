import type { ProjectTruth, Truth } from "@cq-launchdarkly/simulator";

/** The rows a table must hold: its primary-key columns and one JSON key (`[v1, v2, ...]`) per row. */
export interface ExpectedTable {
  /** Primary-key columns, in key order. */
  readonly columns: readonly string[];
  /** `JSON.stringify` of the key values of every expected row. */
  readonly keys: readonly string[];
}

/** Expected rows per table name. */
export type ExpectedRows = Record<string, ExpectedTable>;

/** What the API does not serve in a scenario, so the rows cannot be expected. */
export interface Unserved {
  /** Project keys whose routes the API refuses (403 on the project; its embedded environments stay). */
  readonly projects?: readonly string[];
  /** Tables the API refuses entirely (a 403 on an account-level list). */
  readonly tables?: readonly string[];
}

const key = (...values: unknown[]): string => JSON.stringify(values);

function table(columns: readonly string[], keys: readonly string[]): ExpectedTable {
  return { columns, keys };
}

/** Rows of the project-scoped tables of one project. */
function projectTables(p: ProjectTruth): ExpectedRows {
  const id = p.project._id;
  const envs = p.environments.map((e) => e.key);
  return {
    launchdarkly_project_environments: table(
      ["project_id", "id"],
      p.environments.map((e) => key(id, e._id)),
    ),
    launchdarkly_project_environment_flag_statuses: table(
      ["project_id", "environment_key", "flag_key"],
      envs.flatMap((env) => p.flags.map((f) => key(id, env, f.key))),
    ),
    launchdarkly_project_environment_segments: table(
      ["project_id", "environment_key", "key"],
      Object.entries(p.segments).flatMap(([env, list]) => list.map((s) => key(id, env, s.key))),
    ),
    launchdarkly_project_flag_defaults: table(["project_id"], [key(id)]),
    launchdarkly_project_flags: table(
      ["project_id", "key"],
      p.flags.map((f) => key(id, f.key)),
    ),
    launchdarkly_project_flag_environments: table(
      ["project_id", "flag_key", "environment_key"],
      p.flags.flatMap((f) => envs.map((env) => key(id, f.key, env))),
    ),
    launchdarkly_project_metrics: table(
      ["project_id", "id"],
      p.metrics.map((m) => key(id, m._id)),
    ),
    launchdarkly_project_context_kinds: table(
      ["project_id", "key"],
      p.contextKinds.map((k) => key(id, k.key)),
    ),
    launchdarkly_project_experiments: table(
      ["project_id", "environment_key", "key"],
      p.experiments.map((e) => key(id, e.environmentKey, e.key)),
    ),
    launchdarkly_project_layers: table(
      ["project_id", "key"],
      p.layers.map((l) => key(id, l.key)),
    ),
    launchdarkly_project_release_pipelines: table(
      ["project_id", "key"],
      p.releasePipelines.map((r) => key(id, r.key)),
    ),
    launchdarkly_project_metric_groups: table(
      ["project_id", "id"],
      p.metricGroups.map((g) => key(id, g._id)),
    ),
    launchdarkly_project_ai_configs: table(
      ["project_id", "key"],
      p.aiConfigs.map((a) => key(id, a.key)),
    ),
  };
}

/** Rows of the account-level tables and the audit log. */
function accountTables(truth: Truth): ExpectedRows {
  const a = truth.account;
  return {
    launchdarkly_members: table(
      ["id"],
      a.members.map((m) => key(m._id)),
    ),
    launchdarkly_teams: table(
      ["key"],
      a.teams.map(({ team }) => key(team.key)),
    ),
    launchdarkly_team_roles: table(
      ["team_key", "key"],
      a.teams.flatMap(({ team, roles }) => roles.map((r) => key(team.key, r.key))),
    ),
    launchdarkly_team_maintainers: table(
      ["team_key", "id"],
      a.teams.flatMap(({ team, maintainers }) => maintainers.map((m) => key(team.key, m._id))),
    ),
    launchdarkly_custom_roles: table(
      ["id"],
      a.customRoles.map((r) => key(r._id)),
    ),
    launchdarkly_access_tokens: table(
      ["id"],
      a.accessTokens.map((t) => key(t._id)),
    ),
    launchdarkly_webhooks: table(
      ["id"],
      a.webhooks.map((w) => key(w._id)),
    ),
    launchdarkly_relay_proxy_configs: table(
      ["id"],
      a.relayProxyConfigs.map((c) => key(c._id)),
    ),
    launchdarkly_destinations: table(
      ["id"],
      a.destinations.map((d) => key(d._id)),
    ),
    launchdarkly_code_refs_repositories: table(
      ["name"],
      a.repositories.map(({ repository }) => key(repository.name)),
    ),
    launchdarkly_code_refs_repository_branches: table(
      ["repository_name", "name"],
      a.repositories.flatMap(({ repository, branches }) =>
        branches.map((b) => key(repository.name, b.name)),
      ),
    ),
    launchdarkly_approval_requests: table(
      ["id"],
      a.approvalRequests.map((r) => key(r._id)),
    ),
    launchdarkly_applications: table(
      ["key"],
      a.applications.map(({ application }) => key(application.key)),
    ),
    launchdarkly_application_versions: table(
      ["application_key", "key"],
      a.applications.flatMap(({ application, versions }) =>
        versions.map((v) => key(application.key, v.key)),
      ),
    ),
    launchdarkly_auditlog_entries: table(
      ["id"],
      truth.auditLog.map((e) => key(e._id)),
    ),
  };
}

/**
 * Every row a full sync of every table must produce for the simulator's `truth()`, as primary keys
 * (the mapping the table tests in packages/tables use). `unserved` removes what the API refuses in
 * a scenario; {@link unservedRows} gives those rows to report as unrecoverable.
 */
export function expectedRows(truth: Truth, unserved: Unserved = {}): ExpectedRows {
  const refused = new Set(unserved.projects ?? []);
  const merged: Record<string, { columns: readonly string[]; keys: string[] }> = {
    launchdarkly_projects: { columns: ["id"], keys: truth.projects.map((p) => key(p.project._id)) },
  };
  for (const p of truth.projects) {
    for (const [name, rows] of Object.entries(projectTables(p))) {
      // A refused project's environments still come embedded in the project list
      // (`expand=environments`, a route outside the project), so they are served.
      if (refused.has(p.project.key) && name !== "launchdarkly_project_environments") continue;
      const target = (merged[name] ??= { columns: rows.columns, keys: [] });
      target.keys.push(...rows.keys);
    }
  }
  for (const [name, rows] of Object.entries(accountTables(truth))) {
    merged[name] = { columns: rows.columns, keys: [...rows.keys] };
  }
  for (const name of unserved.tables ?? []) {
    const rows = merged[name];
    if (rows) rows.keys = [];
  }
  // Project tables of refused projects still exist (empty) when every project is refused.
  const shapes = truth.projects[0] ? projectTables(truth.projects[0]) : {};
  for (const [name, rows] of Object.entries(shapes))
    merged[name] ??= { columns: rows.columns, keys: [] };
  return merged;
}

/** How many rows exist in the truth but are not served in the scenario (reported as unrecoverable). */
export function unservedRows(truth: Truth, unserved: Unserved): number {
  const all = expectedRows(truth);
  const served = expectedRows(truth, unserved);
  let count = 0;
  for (const [name, rows] of Object.entries(all))
    count += rows.keys.length - (served[name]?.keys.length ?? 0);
  return count;
}
