import type { Client } from "openapi-fetch";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import createClient from "openapi-fetch";

import type { AuditLogWalkOptions } from "./audit-log-walk.js";
import type { FetchFn, FetchLayer } from "./fetch-layer.js";
import type { LaunchDarklyInstance } from "./instances.js";
import type { Logger } from "./logger.js";
import type { FallbackMemory, Page } from "./paginate.js";
import type { GetInitArgs, GetPath, ItemOf, ListPath, ResponseOf } from "./path-types.js";
import type { Requester } from "./requester.js";
import type { paths } from "./schema-types.js";
import type { ClientEvent, ClientStats } from "./stats.js";
import { AuditLogWalk } from "./audit-log-walk.js";
import { createBaseFetch } from "./base-fetch.js";
import { adviceForStatus, LaunchDarklyApiError } from "./errors.js";
import { describeRequest, requestOfResponse } from "./fetch-layer.js";
import { instanceBaseUrls } from "./instances.js";
import { linkSignals } from "./linked-signal.js";
import { apiVersionMiddleware } from "./middleware/api-version.js";
import { authMiddleware } from "./middleware/auth.js";
import { rateLimitLayer } from "./middleware/rate-limit.js";
import { retriesSpent, retryLayer } from "./middleware/retry.js";
import { timeoutLayer } from "./middleware/timeout.js";
import { userAgentMiddleware } from "./middleware/user-agent.js";
import { paginate } from "./paginate.js";
import { RateLimiter } from "./rate-limiter.js";
import { StatsRecorder } from "./stats.js";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

/** The API version every request is pinned to unless told otherwise. */
export const DEFAULT_API_VERSION = "20240415";

export interface LaunchDarklyClientOptions {
  /** A personal or service access token (not an SDK key). Sent raw in `Authorization`; never logged. */
  accessToken: string;
  /** The API host, e.g. `https://app.launchdarkly.com`; overrides `instance`. */
  baseUrl?: string | undefined;
  /** Which LaunchDarkly instance: `us` (default), `eu` or `federal`. */
  instance?: LaunchDarklyInstance | undefined;
  /** Time one attempt may take, body included. Default 30000. */
  timeoutMs?: number | undefined;
  /** Retries after a 429, a 5xx or a network error. Default 5. */
  maxRetries?: number | undefined;
  /** Total time one request may spend waiting between retries. Default 5 minutes. */
  maxRetryWaitMs?: number | undefined;
  /** First backoff step for 5xx and network errors, doubling per retry with full jitter. Default 500. */
  retryBaseDelayMs?: number | undefined;
  /** `LD-API-Version` for non-beta calls. Default `20240415`. */
  apiVersion?: string | undefined;
  /** Prepended to this client's own user agent, e.g. `my-tool/1.0`. */
  userAgent?: string | undefined;
  /** A fetch to send requests with (tests, instrumentation). Default: Node's, or undici's when a proxy is set. */
  fetch?: typeof fetch | undefined;
  /** Where retries, page-size fallbacks and warnings are reported. */
  logger?: Logger | undefined;
  /** Aborts every request of this client. */
  signal?: AbortSignal | undefined;
  /** Called for every attempt, retry, 429 and wait, in the async context of the request. */
  onEvent?: ((event: ClientEvent) => void) | undefined;
}

/**
 * openapi-fetch's typed client for LaunchDarkly's `paths` (calls resolve to `{data, error, response}`),
 * plus helpers that page, walk the audit log and throw {@link LaunchDarklyApiError}.
 */
export interface LaunchDarklyClient extends Client<paths> {
  /** The API host requests go to. */
  readonly baseUrl: string;
  /** Totals of requests, retries, 429s and time waited so far. */
  stats(): ClientStats;
  /** A GET that returns the body or throws {@link LaunchDarklyApiError}. */
  getOrThrow<P extends GetPath>(path: P, ...init: GetInitArgs<P>): Promise<ResponseOf<P>>;
  /** Every page of a collection, as each arrives. Throws {@link LaunchDarklyApiError}. */
  paginate<P extends ListPath>(path: P, ...init: GetInitArgs<P>): AsyncIterable<Page<ItemOf<P>>>;
  /** The audit log from newest back to a cursor; see {@link AuditLogWalk}. */
  walkAuditLog(options?: AuditLogWalkOptions): AuditLogWalk;
  /** Describes the client without its token (also what `util.inspect` and `JSON.stringify` show). */
  toString(): string;
}

function compose(base: FetchFn, layers: FetchLayer[]): FetchFn {
  return layers.reduceRight<FetchFn>((next, layer) => layer(next), base);
}

function resolveBaseUrl(options: LaunchDarklyClientOptions): string {
  if (options.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError(
        `baseUrl must be an absolute URL such as https://app.launchdarkly.com, got ${JSON.stringify(options.baseUrl)}`,
      );
    }
    return url.origin + url.pathname.replace(/\/+$/, "").replace(/\/api\/v2$/, "");
  }
  const instance = options.instance ?? "us";
  const url = instanceBaseUrls[instance] as string | undefined;
  if (!url) {
    throw new TypeError(`instance must be one of us, eu, federal; got ${JSON.stringify(instance)}`);
  }
  return url;
}

/**
 * Creates a LaunchDarkly API client. Request path, in order: openapi-fetch middleware sets
 * `Authorization`, `LD-API-Version` (beta where needed) and `User-Agent`; then the transport
 * retries (outermost), waits for the shared rate limiter, and bounds each attempt by the timeout.
 *
 * @example
 * const ld = createLaunchDarklyClient({ accessToken: process.env.LD_ACCESS_TOKEN! });
 * for await (const page of ld.paginate("/api/v2/projects")) console.log(page.items.map((p) => p.key));
 */
export function createLaunchDarklyClient(options: LaunchDarklyClientOptions): LaunchDarklyClient {
  const { accessToken } = options;
  if (typeof accessToken !== "string" || accessToken.trim() === "") {
    throw new TypeError(
      "accessToken is required: a LaunchDarkly personal or service access token (Account settings > Authorization)",
    );
  }
  const baseUrl = resolveBaseUrl(options);
  const stats = new StatsRecorder(options.onEvent);
  const logger = options.logger;

  const transport = compose(createBaseFetch(options.fetch), [
    retryLayer({
      maxRetries: options.maxRetries ?? 5,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 5 * 60_000,
      baseDelayMs: options.retryBaseDelayMs ?? 500,
      stats,
      logger,
    }),
    rateLimitLayer(new RateLimiter(), stats),
    timeoutLayer(options.timeoutMs ?? 30_000),
  ]);
  const clientSignal = options.signal;
  const fetchWithSignal: FetchFn = async (request) => {
    if (!clientSignal) return transport(request);
    const linked = linkSignals([request.signal, clientSignal]);
    try {
      return await transport(new Request(request, { signal: linked.signal }));
    } finally {
      linked.dispose();
    }
  };

  const api = createClient<paths>({ baseUrl, fetch: fetchWithSignal });
  api.use(
    authMiddleware(accessToken),
    apiVersionMiddleware(options.apiVersion ?? DEFAULT_API_VERSION),
    userAgentMiddleware(
      [options.userAgent, `cq-launchdarkly-api/${version}`].filter(Boolean).join(" "),
    ),
  );

  const redact = (text: string) => text.split(accessToken).join("[REDACTED]");

  const requester: Requester = {
    logger,
    async get(path, init) {
      const get = api.GET as unknown as Requester["get"];
      if (!init.signal) return get(path, init);
      // A Request keeps a listener on its signal until it is garbage-collected; a long-lived
      // signal (a whole sync's) passed to thousands of calls would pile them up.
      const linked = linkSignals([init.signal]);
      try {
        return await get(path, { ...init, signal: linked.signal });
      } finally {
        linked.dispose();
      }
    },
    toError(method, { error, response }) {
      const request = requestOfResponse.get(response);
      const target = describeRequest(request ?? new Request(response.url || baseUrl, { method }));
      const body = (typeof error === "object" && error !== null ? error : {}) as {
        code?: unknown;
        message?: unknown;
        id?: unknown;
      };
      const code = typeof body.code === "string" ? body.code : undefined;
      const detail = typeof body.message === "string" ? body.message : response.statusText;
      const retries = retriesSpent.get(response) ?? 0;
      const parts = [
        `LaunchDarkly ${method} ${target.path} failed with ${response.status}${code ? ` ${code}` : ""}: ${detail}`,
        retries > 0 ? `(after ${retries} ${retries === 1 ? "retry" : "retries"})` : "",
        adviceForStatus(response.status),
      ];
      return new LaunchDarklyApiError(redact(parts.filter(Boolean).join(" ")), {
        status: response.status,
        code,
        method,
        path: target.path,
        operationId: target.operation?.operationId,
        requestId:
          response.headers.get("X-Request-Id") ??
          (typeof body.id === "string" ? body.id : undefined),
        retries,
      });
    },
  };

  const fallbacks: FallbackMemory = new Map();
  const description = `LaunchDarklyClient { baseUrl: '${baseUrl}', accessToken: '[REDACTED]' }`;

  return Object.assign(api, {
    baseUrl,
    stats: () => ({ ...stats.totals }),
    async getOrThrow(path: string, init?: Parameters<Requester["get"]>[1]) {
      const result = await requester.get(path, init ?? {});
      if (result.error !== undefined || result.data === undefined) {
        throw requester.toError("GET", result);
      }
      return result.data;
    },
    paginate: (path: string, init?: Parameters<Requester["get"]>[1]) =>
      paginate(requester, baseUrl, fallbacks, path, init),
    walkAuditLog: (walkOptions?: AuditLogWalkOptions) => new AuditLogWalk(requester, walkOptions),
    toString: () => description,
    toJSON: () => ({ baseUrl, accessToken: "[REDACTED]" }),
    [inspect.custom]: () => description,
  }) as unknown as LaunchDarklyClient;
}
