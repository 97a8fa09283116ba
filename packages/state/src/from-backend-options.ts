import type { CloudQueryStateBackendOptions } from "./cloudquery-state-backend.js";
import type { StateClient } from "./state-client.js";
import { connectCloudQueryStateBackend } from "./cloudquery-state-backend.js";
import { createNoopStateClient } from "./noop-state-client.js";
import { StateBackendError } from "./state-backend-error.js";

/** `backend_options` of a sync request, as the JS SDK passes them (`SyncOptions.backendOptions`). */
export interface BackendOptions {
  /** `backend_options.table_name`: table of the state rows; empty when unset. */
  tableName?: string | null;
  /** `backend_options.connection`: gRPC target of the backend destination; empty when unset. */
  connection?: string | null;
}

/** Tuning for the CloudQuery backend; connection and table name come from `BackendOptions`. */
export type BackendConnectOptions = Omit<CloudQueryStateBackendOptions, "connection" | "tableName">;

/**
 * The state client for a sync: the no-op client when `backend_options` is unset (both fields
 * empty), otherwise the CloudQuery gRPC backend. Half-set options are a spec error, as in Go.
 * @throws StateBackendError (`config`) when only one field is set, or any connect error.
 */
export async function fromBackendOptions(
  backend: BackendOptions | null | undefined,
  options: BackendConnectOptions = {},
): Promise<StateClient> {
  const tableName = backend?.tableName?.trim() ?? "";
  const connection = backend?.connection?.trim() ?? "";
  if (!tableName && !connection) return createNoopStateClient();
  if (!connection) {
    throw new StateBackendError(
      "config",
      `backend_options.table_name is set ("${tableName}") but backend_options.connection is ` +
        `empty: set both to keep incremental state in a destination (e.g. connection: ` +
        `"@@plugins.<destination>.connection"), or neither to sync without state.`,
    );
  }
  if (!tableName) {
    throw new StateBackendError(
      "config",
      `backend_options.connection is set but backend_options.table_name is empty: set both to ` +
        `keep incremental state in a destination, or neither to sync without state.`,
    );
  }
  return connectCloudQueryStateBackend({ ...options, connection, tableName });
}
