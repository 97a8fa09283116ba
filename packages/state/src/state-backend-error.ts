/**
 * What went wrong with a state backend, for callers that branch on it:
 * `config` half-set `backend_options`, `unreachable` dial/handshake failure, `protocol` the backend
 * does not speak plugin protocol v3, `migrate`/`read`/`write` a failed call, `closed` use after close.
 */
export type StateBackendErrorReason =
  "config" | "unreachable" | "protocol" | "migrate" | "read" | "write" | "closed";

/** Thrown by state clients; the message names what failed and what to check. */
export class StateBackendError extends Error {
  override readonly name = "StateBackendError";
  /** Machine-readable category of the failure. */
  readonly reason: StateBackendErrorReason;

  constructor(reason: StateBackendErrorReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.reason = reason;
  }
}
