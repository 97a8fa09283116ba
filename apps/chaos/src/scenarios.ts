import type { Simulator } from "@cq-launchdarkly/simulator";

import type { PluginSpecExtras } from "./cli-sync.js";
import type { ChaosProfile } from "./profile.js";
import type { Unserved } from "./truth-keys.js";

/** What a scenario's sync must end with. */
export interface ScenarioExpectation {
  /** The CLI's exit code. */
  readonly exitCode: number;
  /** Tables that must report a warning (the API refused them). */
  readonly warningTables?: readonly string[];
  /** Whether the sync must have retried something (the fault was really hit). */
  readonly retried?: boolean;
  /** Whether rows that are not in the truth are acceptable (a resource deleted after it was listed). */
  readonly allowExtra?: boolean;
}

/** One fault-injection scenario: a full sync of every table against a simulator set up by `arrange`. */
export interface Scenario {
  readonly name: string;
  /** `sync`: one sync; `invalid-token`: a sync with a wrong token; `kill-resume`: SIGKILL mid-sync, then again. */
  readonly kind: "sync" | "invalid-token" | "kill-resume";
  /** Plugin spec keys besides the token and URL (e.g. `timeout_secs`). */
  readonly plugin?: PluginSpecExtras;
  /** Destination spec keys besides `connection_string`. */
  readonly destination?: Record<string, unknown>;
  /** Extra CLI arguments (e.g. `--fail-on-warning`). */
  readonly args?: readonly string[];
  /** Installs the faults before the sync starts. */
  arrange?(sim: Simulator, profile: ChaosProfile): void;
  /** What the API refuses in this scenario (not expected; counted as unrecoverable). */
  unserved?(sim: Simulator): Unserved;
  readonly expect: ScenarioExpectation;
}

const projectKeyAt = (sim: Simulator, index: number): string => {
  const key = sim.truth().projects[index]?.project.key;
  if (!key) throw new Error(`the simulator has no project ${index}`);
  return key;
};

const PROJECT_CHILD_TABLES = [
  "launchdarkly_project_flag_defaults",
  "launchdarkly_project_flags",
  "launchdarkly_project_metrics",
  "launchdarkly_project_environment_segments",
];

/** The scenarios of issue 9, in the order they run. */
export const scenarios: readonly Scenario[] = [
  { name: "baseline", kind: "sync", expect: { exitCode: 0 } },
  {
    name: "429 Retry-After",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({
        skip: 5,
        times: 4,
        fault: { kind: "rate-limited", header: "retry-after", retryAfterSeconds: 1 },
      }),
    expect: { exitCode: 0, retried: true },
  },
  {
    name: "429 X-Ratelimit-Reset",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({
        skip: 5,
        times: 4,
        fault: { kind: "rate-limited", header: "ratelimit-reset", resetAfterMs: 700 },
      }),
    expect: { exitCode: 0, retried: true },
  },
  {
    name: "429 without a header",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({ skip: 5, times: 3, fault: { kind: "rate-limited", header: "none" } }),
    expect: { exitCode: 0, retried: true },
  },
  {
    name: "real rate limit (global)",
    kind: "sync",
    arrange: (sim) => sim.faults.setRateLimit({ global: 40, windowMs: 1_000 }),
    expect: { exitCode: 0 },
  },
  {
    name: "real rate limit (per route)",
    kind: "sync",
    arrange: (sim) => sim.faults.setRateLimit({ perRoute: 4, windowMs: 1_000 }),
    expect: { exitCode: 0 },
  },
  {
    name: "5xx burst",
    kind: "sync",
    arrange: (sim, profile) => {
      sim.faults.add({ skip: 8, times: profile.burst, fault: { kind: "server-error" } });
      sim.faults.add({
        route: "getFeatureFlags",
        skip: 1,
        times: 2,
        fault: { kind: "server-error", status: 502 },
      });
    },
    expect: { exitCode: 0, retried: true },
  },
  {
    name: "connection reset mid-body",
    kind: "sync",
    arrange: (sim) => {
      for (const route of ["getFeatureFlags", "getMembers", "getAuditLogEntries", "getSegments"])
        sim.faults.add({ route, skip: 1, times: 1, fault: { kind: "connection-reset" } });
    },
    expect: { exitCode: 0, retried: true },
  },
  {
    name: "responses slower than timeout_secs",
    kind: "sync",
    plugin: { timeout_secs: 1 },
    arrange: (sim) => {
      for (const route of ["getFeatureFlags", "getTokens"])
        sim.faults.add({ route, times: 1, fault: { kind: "slow-body", ms: 2_500 } });
    },
    expect: { exitCode: 0, retried: true },
  },
  {
    name: "403 on one project",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({ projectKey: projectKeyAt(sim, 1), fault: { kind: "forbidden" } }),
    unserved: (sim) => ({ projects: [projectKeyAt(sim, 1)] }),
    expect: { exitCode: 0, warningTables: PROJECT_CHILD_TABLES },
  },
  {
    name: "403 on one project, --fail-on-warning",
    kind: "sync",
    args: ["--fail-on-warning"],
    arrange: (sim) =>
      sim.faults.add({ projectKey: projectKeyAt(sim, 1), fault: { kind: "forbidden" } }),
    unserved: (sim) => ({ projects: [projectKeyAt(sim, 1)] }),
    expect: { exitCode: 1, warningTables: PROJECT_CHILD_TABLES },
  },
  {
    name: "403 on an account-level list",
    kind: "sync",
    arrange: (sim) => sim.faults.add({ route: "getAllWebhooks", fault: { kind: "forbidden" } }),
    unserved: () => ({ tables: ["launchdarkly_webhooks"] }),
    expect: { exitCode: 0, warningTables: ["launchdarkly_webhooks"] },
  },
  {
    name: "flag archived between two pages",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({ route: "getFeatureFlags", fault: { kind: "mutate", action: "archive" } }),
    expect: { exitCode: 0 },
  },
  {
    name: "flag deleted between two pages",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({ route: "getFeatureFlags", fault: { kind: "mutate", action: "delete" } }),
    expect: { exitCode: 0, allowExtra: true },
  },
  {
    name: "malformed JSON in one response",
    kind: "sync",
    arrange: (sim) =>
      sim.faults.add({ route: "getMembers", times: 1, fault: { kind: "malformed-json" } }),
    expect: { exitCode: 0, retried: true },
  },
  // A token LaunchDarkly rejects fails the sync (exit 1); a missing one is a usage error (exit 2).
  { name: "invalid token", kind: "invalid-token", expect: { exitCode: 1 } },
  {
    name: "SIGKILL mid-sync, then resumed",
    kind: "kill-resume",
    // Small batches, so rows are committed before the kill (the default buffers 10,000 per table).
    destination: { batch_size: 50 },
    expect: { exitCode: 0 },
  },
];
