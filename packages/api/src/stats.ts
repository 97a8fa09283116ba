/** Something the client did that callers may want to count or attribute. */
export interface ClientEvent {
  /**
   * `request`: one attempt sent; `retry`: an attempt is repeated; `rate-limited`: a 429 arrived;
   * `wait`: the client paused (`ms`) for a rate limit or a backoff.
   */
  readonly type: "request" | "retry" | "rate-limited" | "wait";
  readonly operationId?: string | undefined;
  readonly ms?: number | undefined;
}

/** Running totals of one client, for sync summaries and benchmarks. */
export interface ClientStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
  /** Time spent waiting for rate limits and backoffs, in milliseconds. */
  waitedMs: number;
}

/** Counts events into totals and forwards them to the caller's listener. */
export class StatsRecorder {
  readonly totals: ClientStats = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };

  private readonly listener: ((event: ClientEvent) => void) | undefined;

  constructor(listener?: (event: ClientEvent) => void) {
    this.listener = listener;
  }

  record(event: ClientEvent): void {
    switch (event.type) {
      case "request":
        this.totals.requests += 1;
        break;
      case "retry":
        this.totals.retries += 1;
        break;
      case "rate-limited":
        this.totals.rateLimited += 1;
        break;
      case "wait":
        this.totals.waitedMs += event.ms ?? 0;
        break;
    }
    this.listener?.(event);
  }
}
