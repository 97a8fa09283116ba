import type { Middleware } from "openapi-fetch";

/**
 * Sends the access token as LaunchDarkly expects it: the raw token in `Authorization`, no "Bearer".
 * The token lives only in this closure, so it never shows in the client's or its options' inspect output.
 * @see https://launchdarkly.com/docs/api#authentication
 */
export function authMiddleware(accessToken: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", accessToken);
      return request;
    },
  };
}
