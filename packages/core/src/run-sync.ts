import type { StateClient } from "@cq-launchdarkly/state";
import { fromBackendOptions } from "@cq-launchdarkly/state";

import type { LaunchDarklyClient } from "./api-client.js";
import type { PriorityLimiter } from "./engine/limiter.js";
import type { SyncOutput } from "./engine/sync-stream.js";
import type { SyncSummary } from "./engine/sync-summary.js";
import type { Logger } from "./logger.js";
import type { AnyTableDefinition } from "./model/table-definition.js";
import type { PluginSpec } from "./spec.js";
import { createClientFromSpec } from "./api-client.js";
import { FatalSyncError, logSummary, runEngine } from "./engine/engine.js";
import { emptyTableSummary, recordApiEvent, totalOf } from "./engine/sync-summary.js";
import { selectTables } from "./engine/table-selection.js";

/** The CloudQuery sync request options (the SDK's `SyncOptions` without the stream). */
export interface SyncRequestOptions {
  /** `tables` globs. */
  tables: readonly string[];
  /** `skip_tables` globs. */
  skipTables?: readonly string[];
  /** `skip_dependent_tables`. */
  skipDependentTables?: boolean;
  /** `deterministic_cq_id`. */
  deterministicCQId?: boolean;
  /** `backend_options`; used to open the state client when `stateClient` is not given. */
  backendOptions?: { tableName?: string | null; connection?: string | null };
}

/** Options of `runSync`. */
export interface RunSyncOptions {
  /** The parsed spec. */
  spec: PluginSpec;
  /** All table definitions (the registry); selection happens here. */
  tables: readonly AnyTableDefinition[];
  /** The SDK's Sync stream or any object-mode Writable. Ended (or errored) by `runSync`. */
  stream: SyncOutput;
  /** Selection, `deterministic_cq_id` and backend options of the request. */
  syncOptions: SyncRequestOptions;
  /** Logger (winston's fits). */
  logger: Logger;
  /** State client; when absent one is opened from `syncOptions.backendOptions` and closed at the end. */
  stateClient?: StateClient;
  /** Cancels the sync (SIGTERM/SIGINT in the apps). */
  signal?: AbortSignal;
  /** An API client to use instead of one built from the spec (tests); its `onEvent` must call `recordApiEvent`. */
  client?: LaunchDarklyClient;
  /** Replaces `fetch` of the API client built from the spec (tests). */
  fetch?: typeof fetch;
  /** Prepended to the API client's User-Agent, e.g. `cq-launchdarkly-plugin/0.1.0`. */
  userAgent?: string;
  /** Flush interval of partially filled batches, in ms (default 1000). */
  flushIntervalMs?: number;
  /** Receives the engine's limiter after the sync (tests, benchmarks). */
  onLimiter?: (limiter: PriorityLimiter) => void;
}

function failedSummary(error: Error, tables: string[], started: number): SyncSummary {
  const summaries = tables.map((table) => emptyTableSummary(table));
  return {
    status: "failed",
    error,
    tables: summaries,
    totals: totalOf(summaries),
    durationMs: Date.now() - started,
  };
}

function endWithError(stream: SyncOutput, error: Error): void {
  try {
    // gRPC streams turn an 'error' event into an error status for the client; without a listener
    // an 'error' event would throw, so end plainly instead.
    if (stream.listenerCount("error") > 0) stream.emit("error", error);
    else stream.end();
  } catch {
    // The stream is already gone; nothing more to tell the client.
  }
}

/**
 * The one wiring function of a sync (used by apps/plugin and the CLI): selection -> API client ->
 * state client -> engine -> state flush -> end of stream. Never rejects: failures end the stream
 * with an error and come back in the summary. State is flushed only when the sync succeeded, and
 * before the stream ends (the CLI may stop the backend right after EOF).
 */
export async function runSync(options: RunSyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const { logger, spec, stream, syncOptions } = options;
  let state: StateClient | undefined = options.stateClient;
  const ownsState = !options.stateClient;
  try {
    const selected = selectTables(options.tables, {
      tables: syncOptions.tables,
      skipTables: syncOptions.skipTables ?? [],
      skipDependentTables: syncOptions.skipDependentTables ?? false,
    });
    state ??= await fromBackendOptions(syncOptions.backendOptions);
    const client =
      options.client ??
      createClientFromSpec(spec, {
        logger,
        onEvent: recordApiEvent,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      });
    const summary = await runEngine({
      tables: selected,
      context: { client, spec, logger, state },
      stream,
      deterministicCqId: syncOptions.deterministicCQId ?? false,
      concurrency: spec.concurrency,
      batchSize: spec.batchSize,
      batchSizeBytes: spec.batchSizeBytes,
      ...(options.flushIntervalMs !== undefined
        ? { flushIntervalMs: options.flushIntervalMs }
        : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onLimiter ? { onLimiter: options.onLimiter } : {}),
    });
    if (summary.status === "ok") {
      try {
        await state.flush();
      } catch (error) {
        const failure = new FatalSyncError(
          `rows were sent but the incremental state could not be saved: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
        logger.error(failure.message);
        summary.status = "failed";
        summary.error = failure;
      }
    }
    if (summary.status === "ok") stream.end();
    else endWithError(stream, summary.error ?? new Error(`sync ${summary.status}`));
    return summary;
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    logger.error(`sync failed: ${failure.message}`);
    const summary = failedSummary(failure, [], started);
    logSummary(logger, summary);
    endWithError(stream, failure);
    return summary;
  } finally {
    if (ownsState && state) {
      await state.close().catch((error: unknown) => {
        logger.warn(
          `closing the state client failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }
  }
}
