import type { StateClient } from "./state-client.js";

/**
 * The client used when no state backend is configured: every value is dropped and every key reads
 * as missing, so incremental tables resync from the start (CloudQuery Go SDK `state.NoOpClient`).
 */
export function createNoopStateClient(): StateClient {
  return {
    getKey: () => Promise.resolve(undefined),
    setKey: () => Promise.resolve(),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
