import type { Simulator } from "@cq-launchdarkly/simulator";
import { startSimulator } from "@cq-launchdarkly/simulator";

/** The built-in simulator serving demo data, and the spec fields that point the plugin at it. */
export interface Demo {
  /** The running simulator. */
  readonly simulator: Simulator;
  /** `base_url` and `access_token` of the simulator, to override the plugin spec with. */
  readonly overrides: Record<string, unknown>;
  /** Stops the simulator. */
  stop(): Promise<void>;
}

/** Starts the LaunchDarkly simulator with its `demo` data set (5 projects x 3 environments x 120 flags, 1,000 audit entries). */
export async function startDemo(): Promise<Demo> {
  const simulator = await startSimulator({ size: "demo" });
  return {
    simulator,
    overrides: { base_url: simulator.url, access_token: simulator.accessToken },
    stop: () => simulator.stop(),
  };
}
