/**
 * Test utilities (`@cq-launchdarkly/state/testing`): the conformance suite every `StateClient`
 * implementation runs, and a small gRPC destination to use as a CloudQuery state backend in tests.
 * Imports vitest; runtime code never imports this module.
 */
export type { StateContractOptions, StateStoreHarness } from "./state-contract-suite.js";
export type {
  StateDestination,
  StateDestinationOptions,
  StoredTable,
  TableStore,
} from "./test-support/state-destination.js";
export { stateContractSuite } from "./state-contract-suite.js";
export { startStateDestination } from "./test-support/state-destination.js";
