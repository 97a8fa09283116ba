/** How many objects the simulator generates; every count can be overridden. */
export interface DataCounts {
  /** Number of projects. */
  projects: number;
  /** Environments in each project. */
  environmentsPerProject: number;
  /** Feature flags in each project (archived ones included). */
  flagsPerProject: number;
  /** Metrics in each project. */
  metricsPerProject: number;
  /** Segments in each environment of each project. */
  segmentsPerEnvironment: number;
  /** Audit-log entries generated up front (more can be appended at run time). */
  auditEntries: number;
  /** Context kinds in each project (`user` first). */
  contextKindsPerProject: number;
  /** Experiments in each project (over its environments). */
  experimentsPerProject: number;
  /** Experiment layers in each project. */
  layersPerProject: number;
  /** Release pipelines in each project (beta). */
  releasePipelinesPerProject: number;
  /** Metric groups in each project (beta). */
  metricGroupsPerProject: number;
  /** AI Configs in each project. */
  aiConfigsPerProject: number;
  /** Account members (at least the 8 that flags and audit entries name). */
  members: number;
  /** Teams. */
  teams: number;
  /** Custom roles assigned to each team (at most `customRoles`). */
  rolesPerTeam: number;
  /** Maintainers of each team. */
  maintainersPerTeam: number;
  /** Custom roles. */
  customRoles: number;
  /** Access tokens of all members (the caller owns every third). */
  accessTokens: number;
  /** Webhooks. */
  webhooks: number;
  /** Relay Proxy configurations. */
  relayProxyConfigs: number;
  /** Data Export destinations. */
  destinations: number;
  /** Code-references repositories. */
  codeRefsRepositories: number;
  /** Branches of each code-references repository. */
  branchesPerRepository: number;
  /** Approval requests. */
  approvalRequests: number;
  /** Applications (beta). */
  applications: number;
  /** Versions of each application. */
  versionsPerApplication: number;
}

/** The named data sizes: `tiny` for unit tests, `demo` for the CLI demo, `large` for benchmarks. */
export type SizeProfile = "tiny" | "demo" | "large";

/** Counts of each size profile; `tiny` is big enough that every list has at least two pages. */
export const sizeProfiles: Readonly<Record<SizeProfile, Readonly<DataCounts>>> = {
  tiny: {
    projects: 3,
    environmentsPerProject: 4,
    flagsPerProject: 25,
    metricsPerProject: 6,
    segmentsPerEnvironment: 21,
    auditEntries: 45,
    contextKindsPerProject: 3,
    experimentsPerProject: 21,
    layersPerProject: 2,
    releasePipelinesPerProject: 21,
    metricGroupsPerProject: 3,
    aiConfigsPerProject: 21,
    members: 25,
    teams: 4,
    rolesPerTeam: 2,
    maintainersPerTeam: 2,
    customRoles: 22,
    accessTokens: 30,
    webhooks: 3,
    relayProxyConfigs: 2,
    destinations: 5,
    codeRefsRepositories: 2,
    branchesPerRepository: 2,
    approvalRequests: 6,
    applications: 12,
    versionsPerApplication: 3,
  },
  demo: {
    projects: 5,
    environmentsPerProject: 3,
    flagsPerProject: 120,
    metricsPerProject: 30,
    segmentsPerEnvironment: 30,
    auditEntries: 1_000,
    contextKindsPerProject: 3,
    experimentsPerProject: 10,
    layersPerProject: 2,
    releasePipelinesPerProject: 2,
    metricGroupsPerProject: 4,
    aiConfigsPerProject: 5,
    members: 60,
    teams: 8,
    rolesPerTeam: 2,
    maintainersPerTeam: 2,
    customRoles: 12,
    accessTokens: 40,
    webhooks: 4,
    relayProxyConfigs: 2,
    destinations: 3,
    codeRefsRepositories: 6,
    branchesPerRepository: 3,
    approvalRequests: 30,
    applications: 6,
    versionsPerApplication: 8,
  },
  large: {
    projects: 50,
    environmentsPerProject: 5,
    flagsPerProject: 1_000,
    metricsPerProject: 100,
    segmentsPerEnvironment: 50,
    auditEntries: 100_000,
    contextKindsPerProject: 5,
    experimentsPerProject: 60,
    layersPerProject: 5,
    releasePipelinesPerProject: 30,
    metricGroupsPerProject: 60,
    aiConfigsPerProject: 30,
    members: 2_000,
    teams: 250,
    rolesPerTeam: 3,
    maintainersPerTeam: 3,
    customRoles: 150,
    accessTokens: 1_200,
    webhooks: 40,
    relayProxyConfigs: 10,
    destinations: 25,
    codeRefsRepositories: 200,
    branchesPerRepository: 5,
    approvalRequests: 1_000,
    applications: 120,
    versionsPerApplication: 60,
  },
};
