export type { BackendConnectOptions, BackendOptions } from "./from-backend-options.js";
export type { CloudQueryStateBackendOptions } from "./cloudquery-state-backend.js";
export type { StateBackendErrorReason } from "./state-backend-error.js";
export type { StateClient } from "./state-client.js";
export { connectCloudQueryStateBackend } from "./cloudquery-state-backend.js";
export { createMemoryStateClient } from "./memory-state-client.js";
export { createNoopStateClient } from "./noop-state-client.js";
export { fromBackendOptions } from "./from-backend-options.js";
export { StateBackendError } from "./state-backend-error.js";
