import type { FetchLayer } from "../fetch-layer.js";
import type { Logger } from "../logger.js";
import type { StatsRecorder } from "../stats.js";
import { LaunchDarklyApiError } from "../errors.js";
import { describeRequest } from "../fetch-layer.js";
import { parseResetHeader } from "../rate-limiter.js";
import { sleep } from "../sleep.js";
import { retryAfterMs } from "./rate-limit.js";

export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Total time one request may spend waiting between attempts. */
  readonly maxRetryWaitMs: number;
  /** First backoff step; doubles per retry (full jitter). */
  readonly baseDelayMs: number;
  readonly stats: StatsRecorder;
  readonly logger?: Logger | undefined;
  readonly random?: () => number;
}

/** How many retries the client made before handing back this (failed) response. */
export const retriesSpent = new WeakMap<Response, number>();

const MAX_BACKOFF_MS = 30_000;

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Retries 429, 5xx and network errors (timeouts and cut connections included) with exponential
 * backoff and full jitter, bounded by `maxRetries` and by `maxRetryWaitMs` in total. A 429 waits
 * for `Retry-After` (seconds) if present, else until `X-Ratelimit-Reset`, else a backoff.
 * Aborting the caller's signal stops at once.
 */
export function retryLayer(options: RetryOptions): FetchLayer {
  const random = options.random ?? Math.random;
  const backoff = (retry: number, base: number) =>
    Math.floor(random() * Math.min(MAX_BACKOFF_MS, base * 2 ** retry));

  return (next) => async (request) => {
    const target = describeRequest(request);
    const operationId = target.operation?.operationId;
    let waitedMs = 0;
    for (let retry = 0; ; retry++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await next(request.clone());
      } catch (error) {
        if (request.signal.aborted) throw error;
        failure = error;
      }
      if (response && !isRetryableStatus(response.status)) return response;

      let delay: number;
      if (response?.status === 429) {
        const now = Date.now();
        const until =
          retryAfterMs(response.headers, now) ??
          parseResetHeader(response.headers.get("X-Ratelimit-Reset"));
        // Without a hint, back off from one second: LaunchDarkly's windows are 10 s long.
        delay = until !== undefined ? Math.max(0, until - now) : 1000 + backoff(retry, 1000);
      } else {
        delay = backoff(retry, options.baseDelayMs);
      }

      const exhausted = retry >= options.maxRetries;
      const overBudget = waitedMs + delay > options.maxRetryWaitMs;
      if (exhausted || overBudget) {
        const why = exhausted
          ? `after ${retry} ${retry === 1 ? "retry" : "retries"}`
          : `after ${retry} ${retry === 1 ? "retry" : "retries"}: the next wait (${delay} ms) would pass max_retry_wait (${options.maxRetryWaitMs} ms)`;
        if (response) {
          retriesSpent.set(response, retry);
          options.logger?.warn(
            `LaunchDarkly ${target.method} ${target.path} still failing ${why}`,
            {
              status: response.status,
              operationId,
            },
          );
          return response;
        }
        const cause = failure instanceof Error ? failure.message : String(failure);
        throw new LaunchDarklyApiError(
          `${target.method} ${target.path} failed ${why}: ${cause}. Check that ${new URL(request.url).host} is reachable (proxy settings: HTTPS_PROXY, NO_PROXY).`,
          {
            method: target.method,
            path: target.path,
            operationId,
            retries: retry,
            cause: failure,
          },
        );
      }

      if (response) await response.body?.cancel();
      options.stats.record({ type: "retry", operationId });
      if (delay > 0) {
        await sleep(delay, request.signal);
        waitedMs += delay;
        options.stats.record({ type: "wait", operationId, ms: delay });
      }
    }
  };
}
