import type { OperationInfo } from "./operations.js";
import { matchOperation } from "./operations.js";

/** The fetch the transport layers pass requests through. */
export type FetchFn = (request: Request) => Promise<Response>;

/**
 * One transport concern (timeout, rate limit, retry) wrapped around the next fetch.
 * These run below openapi-fetch's middleware because they must re-send or hold requests.
 */
export type FetchLayer = (next: FetchFn) => FetchFn;

/** The operation a request addresses, and a route key the rate limiter groups by. */
export interface RequestTarget {
  readonly method: string;
  readonly path: string;
  readonly operation: OperationInfo | undefined;
  /** `GET /api/v2/flags/{projectKey}`: LaunchDarkly's route limits are per URL pattern and verb. */
  readonly route: string;
}

export function describeRequest(request: Request): RequestTarget {
  const path = new URL(request.url).pathname;
  const operation = matchOperation(request.method, path);
  return {
    method: request.method,
    path,
    operation,
    route: `${request.method} ${operation?.pathTemplate ?? path}`,
  };
}

/** The request a response answers: the transport rebuilds responses, whose `url` is then empty. */
export const requestOfResponse = new WeakMap<Response, Request>();
