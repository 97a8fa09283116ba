/** What went wrong in one LaunchDarkly API call. */
export interface LaunchDarklyApiErrorDetails {
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  readonly status?: number | undefined;
  /** LaunchDarkly's error `code`, e.g. `unauthorized`, `rate_limited`. */
  readonly code?: string | undefined;
  readonly method: string;
  /** The request path without the query string, e.g. `/api/v2/flags/my-project`. */
  readonly path: string;
  /** The OpenAPI operation id, when the path is one the document describes. */
  readonly operationId?: string | undefined;
  /** LaunchDarkly's request id (quote it to LaunchDarkly support). */
  readonly requestId?: string | undefined;
  /** How many times the request was retried before giving up. */
  readonly retries?: number | undefined;
  readonly cause?: unknown;
}

const BRAND = Symbol.for("@cq-launchdarkly/api/LaunchDarklyApiError");

/**
 * The one error type the client's helpers throw. Its message names the call and what to do;
 * it never contains the access token (the client redacts it from every message).
 */
export class LaunchDarklyApiError extends Error {
  override readonly name = "LaunchDarklyApiError";
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly method: string;
  readonly path: string;
  readonly operationId: string | undefined;
  readonly requestId: string | undefined;
  readonly retries: number;
  readonly [BRAND] = true;

  constructor(message: string, details: LaunchDarklyApiErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.method = details.method;
    this.path = details.path;
    this.operationId = details.operationId;
    this.requestId = details.requestId;
    this.retries = details.retries ?? 0;
  }
}

/** True for a {@link LaunchDarklyApiError}, also across copies of this package. */
export function isLaunchDarklyApiError(error: unknown): error is LaunchDarklyApiError {
  return typeof error === "object" && error !== null && BRAND in error;
}

/** What a status means for the caller, appended to error messages. */
export function adviceForStatus(status: number | undefined): string {
  switch (status) {
    case 401:
      return "Check the access token: it must be a LaunchDarkly personal or service access token (not an SDK key).";
    case 403:
      return "The access token's role does not allow this call; give it a role that can read this resource.";
    case 404:
      return "The resource does not exist (it may have been deleted).";
    case 429:
      return "LaunchDarkly's rate limit was still exceeded after retrying; lower the concurrency or retry later.";
    default:
      if (status !== undefined && status >= 500) {
        return "LaunchDarkly answered with a server error after retrying; retry later.";
      }
      return "";
  }
}
