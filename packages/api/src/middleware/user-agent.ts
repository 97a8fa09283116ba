import type { Middleware } from "openapi-fetch";

/** Identifies the caller to LaunchDarkly, e.g. `cq-launchdarkly/1.2.0 cq-launchdarkly-api/0.1.0`. */
export function userAgentMiddleware(userAgent: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("User-Agent", userAgent);
      return request;
    },
  };
}
