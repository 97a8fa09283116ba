/**
 * Test utilities (`@cq-launchdarkly/state/testing`): the conformance suite every `StateClient`
 * implementation runs. Imports vitest; runtime code never imports this module.
 */
export type { StateContractOptions, StateStoreHarness } from "./state-contract-suite.js";
export { stateContractSuite } from "./state-contract-suite.js";
