import type { ClientEvent } from "@cq-launchdarkly/api";
import type { Logger, SyncSummary } from "@cq-launchdarkly/core";
import type { StateClient } from "@cq-launchdarkly/state";
import { createClientFromSpec, recordApiEvent, runSync } from "@cq-launchdarkly/core";
import { SqliteStateClient } from "@cq-launchdarkly/destination-sqlite";

import type { ConfigArguments } from "../config/load-sync-config.js";
import type { CliOutput } from "../output/cli-output.js";
import type { DeleteStaleResult } from "../sync/delete-stale.js";
import { EXIT } from "../cli-error.js";
import { formatCount, formatDuration } from "../output/format.js";
import { ProgressDisplay } from "../output/progress-display.js";
import { renderSummaryTable } from "../output/summary-table.js";
import { asCliError, openDestination, openSession } from "../session.js";
import { watchStopSignals } from "../signals.js";
import { deleteStaleRows } from "../sync/delete-stale.js";
import { createSqliteSink } from "../sync/sqlite-sink.js";
import { TableTracker } from "../sync/table-tracker.js";
import { version } from "../version.js";

/** Options of `cq-launchdarkly sync`. */
export interface SyncCommandOptions extends ConfigArguments {
  /** Exit non-zero when any table had a warning (e.g. a 403). */
  failOnWarning: boolean;
  /** Where everything is printed. */
  output: CliOutput;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `cq-launchdarkly sync`: runs the plugin in process (core's `runSync`) into the SQLite
 * destination, with incremental state in the same file; then delete-stale (only after a
 * successful sync), a summary and the exit code.
 * @returns the process exit code.
 */
export async function syncCommand(options: SyncCommandOptions): Promise<number> {
  const { output } = options;
  const session = await openSession(options, output);
  try {
    const { config, spec } = session;
    const syncTime = new Date();
    const destination = openDestination(config, syncTime);
    let state: SqliteStateClient;
    try {
      state = await SqliteStateClient.open({
        path: config.destination.path,
        tableName: config.source.stateTableName,
        ...(config.destination.busyTimeoutMs !== undefined
          ? { busyTimeoutMs: config.destination.busyTimeoutMs }
          : {}),
      });
    } catch (error) {
      destination.close();
      throw asCliError(error);
    }
    // The cursor may only be saved once the rows it covers are in the file.
    const stateClient: StateClient = {
      getKey: (key) => state.getKey(key),
      setKey: (key, value) => state.setKey(key, value),
      flush: async () => {
        destination.flush();
        await state.flush();
      },
      close: () => Promise.resolve(),
    };

    const tracker = new TableTracker(session.selected);
    const logger: Logger = {
      debug: (message, fields) => output.log("debug", message, fields),
      info: (message, fields) => output.log("info", message, fields),
      warn: (message, fields) => {
        tracker.onLog("warn", fields);
        output.log("warn", message, fields);
      },
      error: (message, fields) => {
        tracker.onLog("error", fields);
        output.log("error", message, fields);
      },
    };
    const sink = createSqliteSink(destination);
    const stop = watchStopSignals(output);
    const client = createClientFromSpec(spec, {
      logger,
      signal: stop.signal,
      userAgent: `cq-launchdarkly-cli/${version}`,
      onEvent: (event: ClientEvent) => {
        recordApiEvent(event);
        tracker.onClientEvent(event);
      },
    });
    output.event("sync_started", {
      database: destination.path,
      source: config.source.name,
      tables: tracker.tables.map((table) => table.table),
    });
    if (!output.interactive) {
      output.print(`Syncing ${tracker.tables.length} tables into ${destination.path}`);
    }
    const progress = new ProgressDisplay(output, tracker);
    progress.start();
    let summary: SyncSummary;
    try {
      summary = await runSync({
        spec,
        tables: tracker.wrap(session.registry),
        stream: sink.stream,
        syncOptions: {
          tables: config.source.tables,
          skipTables: config.source.skipTables,
          skipDependentTables: config.source.skipDependentTables,
          deterministicCQId: config.source.deterministicCqId,
        },
        logger,
        stateClient,
        signal: stop.signal,
        client,
      });
    } finally {
      progress.stop();
      stop.dispose();
    }

    let cleanup: DeleteStaleResult | undefined;
    let closeError: unknown;
    try {
      if (summary.status === "ok") {
        cleanup = deleteStaleRows(
          destination,
          summary.tables,
          (table) => tracker.get(table)?.parent,
          config.source.name,
          syncTime,
        );
      }
    } catch (error) {
      closeError = error;
    }
    try {
      destination.close();
    } catch (error) {
      closeError ??= error;
    }
    await state.close().catch(() => undefined);

    const failure = sink.failure ?? (closeError instanceof Error ? closeError : undefined);
    return report(
      options,
      summary,
      destination.path,
      cleanup,
      failure,
      stop.received,
      (table) => tracker.get(table)?.depth ?? 0,
    );
  } finally {
    await session.close();
  }
}

function report(
  options: SyncCommandOptions,
  summary: SyncSummary,
  database: string,
  cleanup: DeleteStaleResult | undefined,
  failure: Error | undefined,
  signal: NodeJS.Signals | undefined,
  depth: (table: string) => number,
): number {
  const { output } = options;
  const { totals } = summary;
  const deleted = [...(cleanup?.deleted.values() ?? [])].reduce((sum, rows) => sum + rows, 0);
  for (const table of cleanup?.kept ?? []) {
    output.log(
      "warn",
      `${table}: kept rows from earlier syncs (delete-stale skipped) because the table or its parent had warnings or errors`,
      { table },
    );
  }
  const tableFailed = summary.tables.some((table) => table.errors > 0);
  const warned = totals.warnings > 0;
  let exitCode: number = EXIT.ok;
  let verdict: string;
  if (signal) {
    exitCode = signal === "SIGTERM" ? EXIT.sigterm : EXIT.sigint;
    verdict = `Sync interrupted by ${signal}: ${formatCount(totals.rows)} rows received so far were written to ${database} and kept; stale rows were not deleted and the audit-log cursor was not advanced. Run the same command again to resume.`;
  } else if (summary.status !== "ok" || failure) {
    exitCode = EXIT.syncFailed;
    const reason = failure ? failure.message : errorText(summary.error ?? "unknown error");
    verdict = `Sync failed: ${reason.replace(/\.$/, "")}. Rows written before the failure are kept; stale rows were not deleted and the audit-log cursor was not advanced.`;
  } else if (tableFailed) {
    exitCode = EXIT.syncFailed;
    const failed = summary.tables.filter((table) => table.errors > 0).map((table) => table.table);
    verdict = `Sync finished with errors in ${failed.join(", ")} (see the log above). Resources: ${formatCount(totals.rows)}, Errors: ${formatCount(totals.errors)}, Warnings: ${formatCount(totals.warnings)}, Time: ${formatDuration(summary.durationMs)}`;
  } else if (warned && options.failOnWarning) {
    exitCode = EXIT.syncFailed;
    verdict = `Sync completed with warnings (failing because of --fail-on-warning). Resources: ${formatCount(totals.rows)}, Errors: 0, Warnings: ${formatCount(totals.warnings)}, Time: ${formatDuration(summary.durationMs)}`;
  } else {
    verdict = `Sync completed successfully. Resources: ${formatCount(totals.rows)}, Errors: ${formatCount(totals.errors)}, Warnings: ${formatCount(totals.warnings)}, Time: ${formatDuration(summary.durationMs)}`;
  }

  if (output.format === "json") {
    output.json({
      level: exitCode === EXIT.ok ? "info" : "error",
      event: "summary",
      message: verdict,
      status: signal ? "interrupted" : failure ? "failed" : summary.status,
      exitCode,
      database,
      durationMs: summary.durationMs,
      staleRowsDeleted: deleted,
      tables: summary.tables,
      totals,
    });
    return exitCode;
  }
  output.print("");
  for (const line of renderSummaryTable(summary.tables, totals, depth)) output.print(line);
  output.print("");
  if (deleted > 0)
    output.print(
      `Deleted ${formatCount(deleted)} stale rows (resources gone since the last sync).`,
    );
  if (exitCode === EXIT.ok) {
    output.print(verdict);
    output.print(
      `Wrote ${database}. Try: sqlite3 ${database} "select key, name from launchdarkly_projects"`,
    );
  } else {
    output.error(verdict);
  }
  return exitCode;
}
