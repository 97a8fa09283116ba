import type { Random } from "./random.js";

/**
 * A failure the simulator injects. Latency delays the response; `rate-limited`, `server-error` and
 * `forbidden` replace it; `malformed-json`, `connection-reset` and `slow-body` spoil its body;
 * `mutate` changes the data after a list page is served, so the next page sees shifted offsets.
 */
export type Fault =
  /** Waits `ms` before answering. */
  | { kind: "latency"; ms: number }
  /** Waits a seeded random time in [minMs, maxMs] before answering. */
  | { kind: "latency"; minMs: number; maxMs: number }
  /**
   * 429 `rate_limited`: with `Retry-After` (seconds), with `X-Ratelimit-Reset` (epoch ms), or with no header
   * (as seen by Flagsmith). Defaults: `retry-after`, 1 s, reset 1,000 ms from now.
   */
  | {
      kind: "rate-limited";
      header?: "retry-after" | "ratelimit-reset" | "none";
      retryAfterSeconds?: number;
      resetAfterMs?: number;
    }
  /** A 5xx (default 503) with a JSON error body. */
  | { kind: "server-error"; status?: number }
  /** 403 `forbidden`, e.g. for one project (`projectKey` on the rule) or one resource (`resourceKey`). */
  | { kind: "forbidden" }
  /** 200 with a truncated, unparsable JSON body. */
  | { kind: "malformed-json" }
  /** Headers and half the body are sent, then the connection is destroyed. */
  | { kind: "connection-reset" }
  /** Headers and half the body are sent at once, the rest after `ms`: slower than a client's timeout. */
  | { kind: "slow-body"; ms: number }
  /**
   * After a successful list page, archives (flags only) or deletes an item: `key`, or the first item of the
   * page just served. Applies once unless the rule sets `times`.
   */
  | { kind: "mutate"; action: "archive" | "delete"; key?: string };

/** When and where a fault applies. Rules are evaluated in order; every matching rule applies. */
export interface FaultRule {
  /** Identifies the rule for `faults.remove(id)`; generated when absent. */
  id?: string;
  /** An operationId (`getFeatureFlags`) or path template (`/api/v2/flags/{projectKey}`); absent = every route. */
  route?: string;
  /** Only requests whose `projectKey` path parameter is this. */
  projectKey?: string;
  /** Only requests with this value in any path parameter (a flag key, an environment key, an audit entry id). */
  resourceKey?: string;
  /** Let this many matching requests through first. */
  skip?: number;
  /** Apply to this many matching requests (after `skip`), then expire; absent = unlimited (`mutate`: 1). */
  times?: number;
  fault: Fault;
}

/** A rule with its counters, as `faults.list()` reports it. */
export interface ActiveFaultRule extends FaultRule {
  id: string;
  /** Matching requests seen so far. */
  seen: number;
  /** Times the fault was applied so far. */
  applied: number;
}

/** What a fault rule is matched against. */
export interface FaultTarget {
  operationId: string;
  pathTemplate: string;
  params: Readonly<Record<string, string>>;
}

/** A true rate limit: fixed windows (10 s like LaunchDarkly's), a global budget and per-route budgets. */
export interface RateLimitConfig {
  /** Requests per window across all routes (sends `X-Ratelimit-Global-Remaining`). */
  global?: number;
  /** Requests per window for each route not listed in `routes` (sends `X-Ratelimit-Route-Remaining`). */
  perRoute?: number;
  /** Requests per window for given routes (operationId or path template). */
  routes?: Record<string, number>;
  /** Window length; default 10,000 ms. */
  windowMs?: number;
}

/** Run-time control of injected faults; the same object is `sim.faults`. */
export class FaultController {
  private rules: ActiveFaultRule[] = [];
  private nextId = 1;
  private readonly random: Random;
  /** The current true rate limit, if any (read by the server on each request). */
  rateLimit: RateLimitConfig | undefined;

  constructor(random: Random, rules: readonly FaultRule[] = [], rateLimit?: RateLimitConfig) {
    this.random = random;
    this.rateLimit = rateLimit;
    this.set(rules);
  }

  /** Adds a rule and returns its id. */
  add(rule: FaultRule): string {
    const id = rule.id ?? `fault-${this.nextId++}`;
    const times = rule.times ?? (rule.fault.kind === "mutate" ? 1 : undefined);
    this.rules.push({
      ...rule,
      id,
      ...(times === undefined ? {} : { times }),
      seen: 0,
      applied: 0,
    });
    return id;
  }

  /** Replaces every rule. */
  set(rules: readonly FaultRule[]): void {
    this.rules = [];
    for (const rule of rules) this.add(rule);
  }

  /** Removes a rule; false if no rule has this id. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  /** Removes every rule and the rate limit. */
  clear(): void {
    this.rules = [];
    this.rateLimit = undefined;
  }

  /** Sets or (with undefined) removes the true rate limit. */
  setRateLimit(config: RateLimitConfig | undefined): void {
    this.rateLimit = config;
  }

  /** The rules with their counters. */
  list(): ActiveFaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** The faults to apply to one request, counting it against every matching rule. */
  take(target: FaultTarget): Fault[] {
    const faults: Fault[] = [];
    for (const rule of this.rules) {
      if (!matches(rule, target)) continue;
      rule.seen++;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      rule.applied++;
      faults.push(rule.fault);
    }
    return faults;
  }

  /** The delay of a latency fault (seeded when random). */
  latencyOf(fault: Extract<Fault, { kind: "latency" }>): number {
    return "ms" in fault ? fault.ms : this.random.int(fault.minMs, fault.maxMs);
  }
}

/** Whether a rule's `route` names this operation (by operationId or path template). */
export function routeMatches(
  route: string | undefined,
  target: Pick<FaultTarget, "operationId" | "pathTemplate">,
): boolean {
  return route === undefined || route === target.operationId || route === target.pathTemplate;
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (!routeMatches(rule.route, target)) return false;
  if (rule.projectKey !== undefined && target.params.projectKey !== rule.projectKey) return false;
  if (rule.resourceKey !== undefined && !Object.values(target.params).includes(rule.resourceKey))
    return false;
  return true;
}
