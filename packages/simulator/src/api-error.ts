/**
 * An error answered as LaunchDarkly does: a status and a JSON body `{code, message}`.
 * Route handlers throw it; the server turns it into the response.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  /** The JSON body the API sends. */
  toBody(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** 400 `invalid_request`. */
export function invalidRequest(message: string): ApiError {
  return new ApiError(400, "invalid_request", message);
}

/** 404 `not_found`. */
export function notFound(message = "Unknown resource"): ApiError {
  return new ApiError(404, "not_found", message);
}
