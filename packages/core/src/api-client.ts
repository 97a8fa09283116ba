import type { ClientEvent, LaunchDarklyClient } from "@cq-launchdarkly/api";
import { createLaunchDarklyClient } from "@cq-launchdarkly/api";

import type { Logger } from "./logger.js";
import type { PluginSpec } from "./spec.js";

export type { LaunchDarklyClient };

/** Options of `createClientFromSpec` beyond the spec. */
export interface ClientFromSpecOptions {
  /** Receives the client's retries and warnings. */
  logger?: Logger;
  /** Aborts every request. */
  signal?: AbortSignal;
  /** Request/retry/wait events, called in the async context of the request. */
  onEvent?: (event: ClientEvent) => void;
  /** Replaces `fetch` (tests). */
  fetch?: typeof fetch;
  /** Prepended to the client's User-Agent. */
  userAgent?: string;
}

/** Builds the LaunchDarkly API client a parsed spec describes. */
export function createClientFromSpec(
  spec: PluginSpec,
  options: ClientFromSpecOptions = {},
): LaunchDarklyClient {
  return createLaunchDarklyClient({
    accessToken: spec.accessToken,
    baseUrl: spec.baseUrl,
    instance: spec.instance,
    timeoutMs: spec.timeoutSecs * 1000,
    maxRetries: spec.maxRetries,
    logger: options.logger,
    signal: options.signal,
    onEvent: options.onEvent,
    fetch: options.fetch,
    userAgent: options.userAgent,
  });
}
