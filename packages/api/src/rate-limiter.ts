import { sleep } from "./sleep.js";

interface Budget {
  /** Requests LaunchDarkly still allows in this window, less those sent since it said so. */
  remaining: number;
  /** When the window resets (epoch ms). */
  resetAt: number;
}

/**
 * Reads `X-Ratelimit-Reset`: epoch milliseconds per LaunchDarkly's docs; a value below 1e12 is
 * taken as seconds, since some proxies and older tools send seconds.
 */
export function parseResetHeader(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) return undefined;
  return number < 1e12 ? number * 1000 : number;
}

/**
 * One limiter shared by every request of a client. LaunchDarkly limits the whole account (global)
 * and each route per 10-second window, and says how much is left in `X-Ratelimit-*-Remaining`.
 * When a budget is spent, new requests of that route (or all, for the global budget) wait for
 * the reset instead of running into a wall of 429s. Requests already in flight are not recalled.
 */
export class RateLimiter {
  private global: Budget | undefined;
  private readonly routes = new Map<string, Budget>();

  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  /** Waits until `route` may send, then takes one request from its budgets. Returns the ms waited. */
  async acquire(route: string, signal?: AbortSignal): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.now();
      const blockedUntil = Math.max(
        this.blockedUntil(this.global, now),
        this.blockedUntil(this.routes.get(route), now),
      );
      if (blockedUntil <= now) break;
      const pause = blockedUntil - now;
      await sleep(pause, signal);
      waited += pause;
    }
    this.take(this.global);
    this.take(this.routes.get(route));
    return waited;
  }

  /** Learns the budgets from a response's headers. */
  update(route: string, headers: Headers): void {
    const resetAt = parseResetHeader(headers.get("X-Ratelimit-Reset"));
    if (resetAt === undefined) return;
    this.global = this.merge(this.global, headers.get("X-Ratelimit-Global-Remaining"), resetAt);
    const routeBudget = this.merge(
      this.routes.get(route),
      headers.get("X-Ratelimit-Route-Remaining"),
      resetAt,
    );
    if (routeBudget) this.routes.set(route, routeBudget);
  }

  /** Holds `route` (or everything, when `global`) until `until` after a 429. */
  hold(route: string, until: number, global: boolean): void {
    const budget = { remaining: 0, resetAt: until };
    if (global) this.global = budget;
    else this.routes.set(route, budget);
  }

  private blockedUntil(budget: Budget | undefined, now: number): number {
    if (!budget || budget.resetAt <= now || budget.remaining > 0) return 0;
    return budget.resetAt;
  }

  private take(budget: Budget | undefined): void {
    if (budget && budget.resetAt > this.now()) budget.remaining -= 1;
  }

  private merge(
    current: Budget | undefined,
    header: string | null,
    resetAt: number,
  ): Budget | undefined {
    if (header === null || header.trim() === "") return current;
    const remaining = Number(header);
    if (!Number.isFinite(remaining)) return current;
    // Responses of one window arrive out of order; the smallest figure is the freshest.
    if (current?.resetAt === resetAt) {
      return { remaining: Math.min(current.remaining, remaining), resetAt };
    }
    return { remaining, resetAt };
  }
}
