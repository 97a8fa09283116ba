import type { DataCounts } from "@cq-launchdarkly/simulator";
import { sizeProfiles } from "@cq-launchdarkly/simulator";

/** How big the chaos suite runs: `ci` (the package's `test`) or `full` (`pnpm test:chaos`). */
export interface ChaosProfile {
  readonly name: "ci" | "full";
  /** Simulator data counts of every scenario. */
  readonly counts: Readonly<DataCounts>;
  /** Latency per request while the sync is to be killed (ms), so the kill lands mid-sync. */
  readonly killLatencyMs: number;
  /** The sync is killed once the simulator has answered this many requests. */
  readonly killAfterRequests: number;
  /** How many consecutive requests a 5xx burst fails. */
  readonly burst: number;
  /** Scenarios also run through the gRPC plugin + gRPC SQLite destination (names). */
  readonly grpcScenarios: readonly string[] | "all";
}

/** Every list still has at least two pages (the offset-shift scenario needs a second flag page). */
const ciCounts: DataCounts = {
  ...sizeProfiles.tiny,
  projects: 2,
  environmentsPerProject: 2,
  flagsPerProject: 120,
};

const fullCounts: DataCounts = {
  ...sizeProfiles.tiny,
  projects: 4,
  environmentsPerProject: 5,
  flagsPerProject: 260,
  segmentsPerEnvironment: 45,
  auditEntries: 400,
  members: 60,
  accessTokens: 80,
};

/** The profile selected by `CHAOS_PROFILE` (`full` for `pnpm test:chaos`; anything else is `ci`). */
export function chaosProfile(env: NodeJS.ProcessEnv = process.env): ChaosProfile {
  if (env.CHAOS_PROFILE === "full") {
    return {
      name: "full",
      counts: fullCounts,
      killLatencyMs: 30,
      killAfterRequests: 120,
      burst: 4,
      grpcScenarios: "all",
    };
  }
  return {
    name: "ci",
    counts: ciCounts,
    killLatencyMs: 30,
    killAfterRequests: 60,
    burst: 3,
    grpcScenarios: [
      "baseline",
      "429 Retry-After",
      "real rate limit (per route)",
      "5xx burst",
      "connection reset mid-body",
      "403 on one project",
      "invalid token",
      "SIGKILL mid-sync, then resumed",
    ],
  };
}
