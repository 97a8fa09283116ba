/** One request the simulator answered (or that was cut off by a fault). */
export interface RequestRecord {
  /** Order of arrival, from 1. */
  seq: number;
  method: string;
  /** URL path without the query. */
  path: string;
  /** The raw query string without `?` ("" when none). */
  query: string;
  /** The operationId, when the path is a documented operation. */
  operationId: string | undefined;
  /** The OpenAPI path template, when documented. */
  pathTemplate: string | undefined;
  /** Status sent (for a reset connection: the status the headers announced). */
  status: number;
  /** Kinds of the faults applied, plus `rate-limit` when the true rate limit refused it. */
  faults: string[];
  /** `LD-API-Version` sent by the client, if any. */
  apiVersion: string | undefined;
  /** Epoch ms at arrival. */
  startedAt: number;
  /** Time until the response finished (or the connection was destroyed). */
  durationMs: number;
}

/** Totals for one route: all requests and per status. */
export interface RouteCounter {
  total: number;
  byStatus: Record<string, number>;
}

/** Filter of {@link RequestLog.count}. */
export interface RequestFilter {
  /** operationId or path template. */
  route?: string;
  status?: number;
  method?: string;
  /** Only requests that had this fault kind applied (or `rate-limit`). */
  fault?: string;
}

/**
 * The request log and counters, so tests and benchmarks can count requests per route and status and compare
 * them with the minimum a sync needs. The log keeps the latest `limit` records; counters count everything.
 */
export class RequestLog {
  private records: RequestRecord[] = [];
  private counters = new Map<string, RouteCounter>();
  private seq = 0;
  private readonly limit: number;

  constructor(limit = 100_000) {
    this.limit = limit;
  }

  /** The recorded requests, oldest first. */
  get entries(): readonly RequestRecord[] {
    return this.records;
  }

  /** Total requests since start or the last `clear()`. */
  get total(): number {
    return this.seq;
  }

  /** Records a finished request (called by the server). */
  record(record: Omit<RequestRecord, "seq">): RequestRecord {
    const full: RequestRecord = { ...record, seq: ++this.seq };
    this.records.push(full);
    if (this.records.length > this.limit) this.records.splice(0, this.records.length - this.limit);
    const key = record.operationId ?? "unmatched";
    const counter = this.counters.get(key) ?? { total: 0, byStatus: {} };
    counter.total++;
    counter.byStatus[String(record.status)] = (counter.byStatus[String(record.status)] ?? 0) + 1;
    this.counters.set(key, counter);
    return full;
  }

  /** Number of recorded requests matching the filter (from the kept log). */
  count(filter: RequestFilter = {}): number {
    return this.records.filter(
      (record) =>
        (filter.route === undefined ||
          filter.route === record.operationId ||
          filter.route === record.pathTemplate) &&
        (filter.status === undefined || filter.status === record.status) &&
        (filter.method === undefined || filter.method.toUpperCase() === record.method) &&
        (filter.fault === undefined || record.faults.includes(filter.fault)),
    ).length;
  }

  /** Counters per operationId (`unmatched` for undocumented paths): total and per status. */
  byRoute(): Record<string, RouteCounter> {
    const out: Record<string, RouteCounter> = {};
    for (const [key, counter] of this.counters)
      out[key] = { total: counter.total, byStatus: { ...counter.byStatus } };
    return out;
  }

  /** Forgets every record and counter. */
  clear(): void {
    this.records = [];
    this.counters = new Map();
    this.seq = 0;
  }
}
