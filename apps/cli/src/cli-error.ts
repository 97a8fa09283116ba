/** Exit codes of `cq-launchdarkly`. */
export const EXIT = {
  /** Every table synced (warnings allowed unless `--fail-on-warning`). */
  ok: 0,
  /** The sync ran and a table failed, the sync failed, or a warning with `--fail-on-warning`. */
  syncFailed: 1,
  /** Bad arguments, spec files, token or database path: nothing was synced. */
  usage: 2,
  /** Interrupted by SIGINT (128 + 2, as shells report it). */
  sigint: 130,
  /** Stopped by SIGTERM (128 + 15). */
  sigterm: 143,
} as const;

/**
 * An error the CLI reports as one clear message (no stack trace) before exiting with `exitCode`.
 * Messages never contain the access token.
 */
export class CliError extends Error {
  override readonly name = "CliError";
  /** The process exit code. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.usage, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
