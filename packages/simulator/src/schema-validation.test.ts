import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { matchOperation } from "@cq-launchdarkly/api";

import type { Simulator } from "./server.js";
import { servedOperations } from "./router.js";
import { startSimulator } from "./server.js";
import { get } from "./test-support/http.js";
import { createResponseValidator, loadSpec, specHelp } from "./test-support/openapi-validator.js";

/** Requests covering every served operation, with the query variants that change the response's shape. */
function requestsFor(sim: Simulator): [operationId: string, path: string][] {
  const project = sim.truth().projects[0];
  if (!project) throw new Error("no project");
  const p = project.project.key;
  const [env0, env1] = project.environments.map((env) => env.key);
  const flag = project.flags[0]?.key ?? "";
  const archived = project.flags.find((f) => f.archived)?.key;
  const auditId = sim.truth().auditLog[0]?._id ?? "";
  return [
    ["getProjects", "/api/v2/projects"],
    ["getProjects", "/api/v2/projects?expand=environments&limit=2"],
    ["getProject", `/api/v2/projects/${p}`],
    ["getProject", `/api/v2/projects/${p}?expand=environments`],
    ["getEnvironmentsByProject", `/api/v2/projects/${p}/environments`],
    ["getEnvironment", `/api/v2/projects/${p}/environments/${env0}`],
    ["getFeatureFlags", `/api/v2/flags/${p}`],
    ["getFeatureFlags", `/api/v2/flags/${p}?env=${env0}&env=${env1}`],
    ["getFeatureFlags", `/api/v2/flags/${p}?env=${env0}&summary=0&limit=100`],
    ["getFeatureFlags", `/api/v2/flags/${p}?filter=state:archived&env=${env0}&summary=0`],
    [
      "getFeatureFlags",
      `/api/v2/flags/${p}?env=${env0}&env=${env1}&summary=0&limit=100&expand=evaluation,migrationSettings`,
    ],
    ["getFeatureFlag", `/api/v2/flags/${p}/${flag}`],
    ...(archived
      ? ([["getFeatureFlag", `/api/v2/flags/${p}/${archived}`]] as [string, string][])
      : []),
    ["getFlagDefaultsByProject", `/api/v2/projects/${p}/flag-defaults`],
    ["getMetrics", `/api/v2/metrics/${p}?limit=50`],
    ["getMetrics", `/api/v2/metrics/${p}?limit=50&expand=experimentCount`],
    ["getSegments", `/api/v2/segments/${p}/${env0}?limit=50`],
    ["getFeatureFlagStatuses", `/api/v2/flag-statuses/${p}/${env0}`],
    ["getAuditLogEntries", "/api/v2/auditlog?limit=20"],
    ["getAuditLogEntry", `/api/v2/auditlog/${auditId}`],
    ["getCallerIdentity", "/api/v2/caller-identity"],
    ...accountRequests(sim, p),
  ];
}

/** Requests of the project children and account-level resources (issue 5, part B). */
function accountRequests(sim: Simulator, p: string): [operationId: string, path: string][] {
  const { account } = sim.truth();
  const team = account.teams[0]?.team.key ?? "";
  const repo = account.repositories[0]?.repository.name ?? "";
  const app = account.applications[0]?.application.key ?? "";
  return [
    ["getContextKindsByProjectKey", `/api/v2/projects/${p}/context-kinds`],
    ["getExperimentsAnyEnv", `/api/v2/projects/${p}/experiments`],
    [
      "getExperimentsAnyEnv",
      `/api/v2/projects/${p}/experiments?expand=previousIterations,draftIteration,analysisConfig`,
    ],
    ["getLayers", `/api/v2/projects/${p}/layers`],
    ["getAllReleasePipelines", `/api/v2/projects/${p}/release-pipelines`],
    ["getMetricGroups", `/api/v2/projects/${p}/metric-groups?limit=50`],
    ["getAIConfigs", `/api/v2/projects/${p}/ai-configs`],
    ["getMembers", "/api/v2/members?expand=customRoles,roleAttributes"],
    ["getTeams", "/api/v2/teams?limit=100&expand=members,roleAttributes"],
    ["getTeamRoles", `/api/v2/teams/${team}/roles`],
    ["getTeamMaintainers", `/api/v2/teams/${team}/maintainers`],
    ["getCustomRoles", "/api/v2/roles"],
    ["getTokens", "/api/v2/tokens?showAll=true"],
    ["getAllWebhooks", "/api/v2/webhooks"],
    ["getRelayProxyConfigs", "/api/v2/account/relay-auto-configs"],
    ["getDestinations", "/api/v2/destinations"],
    ["getRepositories", "/api/v2/code-refs/repositories"],
    ["getRepositories", "/api/v2/code-refs/repositories?withBranches=true"],
    ["getBranches", `/api/v2/code-refs/repositories/${repo}/branches`],
    ["getApprovalRequests", "/api/v2/approval-requests?limit=200&expand=flag,project,environments"],
    ["getApplications", "/api/v2/applications?expand=flags"],
    ["getApplicationVersions", `/api/v2/applications/${app}/versions`],
  ];
}

describe("responses match LaunchDarkly's OpenAPI document", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ size: "tiny", seed: "schema" });
  });
  afterAll(() => sim.stop());

  it("has the document (LD_OPENAPI_SPEC)", () => {
    expect(process.env.LD_OPENAPI_SPEC, specHelp).toBeTruthy();
    expect(() => loadSpec({})).toThrow(/LD_OPENAPI_SPEC is not set.*export LD_OPENAPI_SPEC=/);
  });

  it("catches a response that breaks its schema", () => {
    const validate = createResponseValidator(loadSpec());
    const errors = validate("getProjects", { items: [{ key: 1 }], _links: { self: { href: 2 } } });
    expect(errors.join("\n")).toMatch(/\/items\/0 must have required property '_id'/);
    expect(errors.join("\n")).toMatch(/\/items\/0\/key must be string/);
    expect(errors.join("\n")).toMatch(/\/_links\/self\/href must be string/);
  });

  it("validates a response of every list and detail endpoint served", async () => {
    const validate = createResponseValidator(loadSpec());
    const requests = requestsFor(sim);
    expect(new Set(requests.map(([operationId]) => operationId))).toEqual(
      new Set(servedOperations()),
    );
    const failures: string[] = [];
    for (const [operationId, path] of requests) {
      const beta = matchOperation("GET", path.split("?")[0] ?? path)?.beta === true;
      const response = await get(sim, path, beta ? { "LD-API-Version": "beta" } : {});
      expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(200);
      for (const error of validate(operationId, response.body))
        failures.push(`${operationId} ${path}: ${error}`);
    }
    expect(failures).toEqual([]);
  });

  it("flags the deviations it knows about: a never-evaluated flag's lastRequested is null", async () => {
    const project = sim.truth().projects[0];
    const envKey = project?.environments[0]?.key ?? "";
    const statuses = project?.flagStatuses[envKey] ?? [];
    expect(statuses.some((status) => status.lastRequested === null)).toBe(true);
    const validate = createResponseValidator(loadSpec(process.env, false));
    const response = await get(
      sim,
      `/api/v2/flag-statuses/${project?.project.key ?? ""}/${envKey}`,
    );
    expect(validate("getFeatureFlagStatuses", response.body).join("\n")).toMatch(
      /lastRequested.*must be string/,
    );
  });
});
