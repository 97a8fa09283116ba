/**
 * The logger the engine and resolvers use: winston's `Logger` (what the SDK hands to plugins)
 * fits, and so does a plain object for tests.
 */
export interface Logger {
  /** Debug detail. */
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Progress. */
  info(message: string, fields?: Record<string, unknown>): void;
  /** Something the user should look at; the sync goes on. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /** A failure of one resource or of the sync. */
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
