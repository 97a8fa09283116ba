import type { Logger } from "./logger.js";

/** What the pagination helpers need from the client: untyped GETs and its error factory. */
export interface Requester {
  get(
    path: string,
    init: {
      params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
      signal?: AbortSignal;
    },
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  toError(method: string, result: { error?: unknown; response: Response }): Error;
  readonly logger: Logger | undefined;
}
