import type { RateLimitConfig } from "./faults.js";
import { routeMatches } from "./faults.js";

/** The outcome of counting one request against the rate limit. */
export interface RateLimitDecision {
  /** False when the request exceeds a budget and must get a 429. */
  allowed: boolean;
  /** `X-Ratelimit-*` headers to send (with the 429 or the normal response). */
  headers: Record<string, string>;
}

/**
 * LaunchDarkly-style rate limiting: fixed windows of `windowMs` (10 s), a global budget shared by every route
 * and a budget per route; `X-Ratelimit-Reset` is the window's end in epoch milliseconds.
 * Rejected requests do not consume budget.
 */
export class RateLimiter {
  private readonly origin: number;
  private windowIndex = -1;
  private globalCount = 0;
  private readonly routeCounts = new Map<string, number>();

  constructor(now: number = Date.now()) {
    this.origin = now;
  }

  /** Counts a request to `operationId`/`pathTemplate` under `config`. */
  check(
    config: RateLimitConfig,
    operationId: string,
    pathTemplate: string,
    now: number = Date.now(),
  ): RateLimitDecision {
    const windowMs = config.windowMs ?? 10_000;
    const index = Math.floor((now - this.origin) / windowMs);
    if (index !== this.windowIndex) {
      this.windowIndex = index;
      this.globalCount = 0;
      this.routeCounts.clear();
    }
    const reset = this.origin + (index + 1) * windowMs;
    const routeLimit =
      Object.entries(config.routes ?? {}).find(([route]) =>
        routeMatches(route, { operationId, pathTemplate }),
      )?.[1] ?? config.perRoute;
    const routeCount = this.routeCounts.get(operationId) ?? 0;
    const allowed =
      (config.global === undefined || this.globalCount < config.global) &&
      (routeLimit === undefined || routeCount < routeLimit);
    if (allowed) {
      this.globalCount++;
      this.routeCounts.set(operationId, routeCount + 1);
    }
    const headers: Record<string, string> = {};
    if (config.global !== undefined) {
      headers["X-Ratelimit-Global-Remaining"] = String(
        Math.max(0, config.global - this.globalCount),
      );
    }
    if (routeLimit !== undefined) {
      headers["X-Ratelimit-Route-Remaining"] = String(
        Math.max(0, routeLimit - (this.routeCounts.get(operationId) ?? 0)),
      );
    }
    if (config.global !== undefined || routeLimit !== undefined)
      headers["X-Ratelimit-Reset"] = String(reset);
    return { allowed, headers };
  }
}
