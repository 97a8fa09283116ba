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
  /** Audit-log entries generated up front (more can be appended at run time). */
  auditEntries: number;
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
    auditEntries: 45,
  },
  demo: {
    projects: 5,
    environmentsPerProject: 3,
    flagsPerProject: 120,
    metricsPerProject: 30,
    auditEntries: 1_000,
  },
  large: {
    projects: 50,
    environmentsPerProject: 5,
    flagsPerProject: 1_000,
    metricsPerProject: 100,
    auditEntries: 100_000,
  },
};
