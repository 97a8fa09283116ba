import type { Middleware } from "openapi-fetch";

import { matchOperation } from "../operations.js";

/**
 * Pins `LD-API-Version` on every request, and sends `beta` for beta operations (a tag ending in
 * "(beta)"): LaunchDarkly answers 403 to a beta call without it, although only 22 of them declare
 * the header in the document. A version the caller set explicitly is kept.
 * @see https://launchdarkly.com/docs/api#versioning
 */
export function apiVersionMiddleware(apiVersion: string): Middleware {
  return {
    onRequest({ request }) {
      const operation = matchOperation(request.method, new URL(request.url).pathname);
      if (operation?.beta) {
        request.headers.set("LD-API-Version", "beta");
      } else if (!request.headers.has("LD-API-Version")) {
        request.headers.set("LD-API-Version", apiVersion);
      }
      return request;
    },
  };
}
