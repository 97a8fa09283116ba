import type { FetchLayer } from "../fetch-layer.js";
import type { RateLimiter } from "../rate-limiter.js";
import type { StatsRecorder } from "../stats.js";
import { describeRequest } from "../fetch-layer.js";
import { parseResetHeader } from "../rate-limiter.js";

/**
 * Passes every attempt through the client's shared {@link RateLimiter}: waits while a budget is
 * spent, learns budgets from the response headers, and on a 429 holds the route (or everything,
 * when the global budget is the one spent) until LaunchDarkly's reset.
 * @see https://launchdarkly.com/docs/api#rate-limiting
 */
export function rateLimitLayer(limiter: RateLimiter, stats: StatsRecorder): FetchLayer {
  return (next) => async (request) => {
    const target = describeRequest(request);
    const operationId = target.operation?.operationId;
    const waited = await limiter.acquire(target.route, request.signal);
    if (waited > 0) stats.record({ type: "wait", operationId, ms: waited });
    stats.record({ type: "request", operationId });
    const response = await next(request);
    limiter.update(target.route, response.headers);
    if (response.status === 429) {
      stats.record({ type: "rate-limited", operationId });
      const until =
        retryAfterMs(response.headers) ??
        parseResetHeader(response.headers.get("X-Ratelimit-Reset"));
      if (until !== undefined) {
        const global = response.headers.get("X-Ratelimit-Global-Remaining") === "0";
        limiter.hold(target.route, until, global);
      }
    }
    return response;
  };
}

/** `Retry-After` as an absolute time (epoch ms): seconds or an HTTP date. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("Retry-After");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}
