import type { AnyTableDefinition, PluginSpec } from "@cq-launchdarkly/core";
import { selectTables, TableSelectionError } from "@cq-launchdarkly/core";
import { SqliteDestination, SqliteDestinationError } from "@cq-launchdarkly/destination-sqlite";
import { allTables } from "@cq-launchdarkly/tables";

import type { ConfigArguments } from "./config/load-sync-config.js";
import type { SyncConfig } from "./config/sync-config.js";
import type { Demo } from "./demo.js";
import type { CliOutput } from "./output/cli-output.js";
import { CliError } from "./cli-error.js";
import { loadSyncConfig, pluginSpecOf } from "./config/load-sync-config.js";
import { startDemo } from "./demo.js";

/** A validated configuration, with the simulator running for `--demo`. */
export interface Session {
  /** Spec files (or the default) with `--db` applied. */
  readonly config: SyncConfig;
  /** The parsed plugin spec (pointing at the simulator with `--demo`). */
  readonly spec: PluginSpec;
  /** The whole table registry. */
  readonly registry: AnyTableDefinition[];
  /** The selected table tree (`tables`, `skip_tables`, `skip_dependent_tables`). */
  readonly selected: AnyTableDefinition[];
  /** The simulator, with `--demo`. */
  readonly demo: Demo | undefined;
  /** Stops the simulator, if any. */
  close(): Promise<void>;
}

/**
 * Loads and validates the configuration, starts the simulator for `--demo`, parses the plugin spec
 * and selects tables; every problem is a `CliError` naming file and line where there is one.
 */
export async function openSession(args: ConfigArguments, output: CliOutput): Promise<Session> {
  const config = loadSyncConfig(args);
  for (const note of config.notes) output.log("warn", note);
  const demo = args.demo ? await startDemo() : undefined;
  try {
    const placeholder =
      args.needsToken === false && config.source.pluginSpec.access_token === undefined
        ? { access_token: "not-used-by-this-command" }
        : {};
    const spec = pluginSpecOf(config.source, demo?.overrides ?? placeholder);
    output.addSecret(spec.accessToken);
    if (demo) {
      output.notice(
        `Demo mode: syncing from the built-in LaunchDarkly simulator at ${demo.simulator.url} (generated data, no account needed).`,
      );
    }
    const registry = allTables();
    let selected: AnyTableDefinition[];
    try {
      selected = selectTables(registry, {
        tables: config.source.tables,
        skipTables: config.source.skipTables,
        skipDependentTables: config.source.skipDependentTables,
      });
    } catch (error) {
      if (!(error instanceof TableSelectionError)) throw error;
      throw new CliError(
        `${config.source.where(["tables"])}: source "${config.source.name}": ${error.message} (run \`cq-launchdarkly tables\` for the list)`,
      );
    }
    return { config, spec, registry, selected, demo, close: async () => demo?.stop() };
  } catch (error) {
    await demo?.stop();
    throw error;
  }
}

/**
 * Opens the SQLite destination of a configuration; `_cq_source_name`/`_cq_sync_time` are added
 * with the source name and `syncTime`.
 * @throws CliError naming the file and what to do (missing directory, read-only, locked, not a database).
 */
export function openDestination(config: SyncConfig, syncTime: Date): SqliteDestination {
  const { destination, source } = config;
  try {
    return SqliteDestination.open({
      path: destination.path,
      writeMode: destination.writeMode,
      migrateMode: destination.migrateMode,
      sourceName: source.name,
      syncTime,
      ...(destination.batchSize !== undefined ? { batchSize: destination.batchSize } : {}),
      ...(destination.batchSizeBytes !== undefined
        ? { batchSizeBytes: destination.batchSizeBytes }
        : {}),
      ...(destination.busyTimeoutMs !== undefined
        ? { busyTimeoutMs: destination.busyTimeoutMs }
        : {}),
    });
  } catch (error) {
    throw asCliError(error);
  }
}

/** A destination error as a `CliError` (its message already names the file and the remedy). */
export function asCliError(error: unknown): unknown {
  return error instanceof SqliteDestinationError
    ? new CliError(error.message, undefined, { cause: error })
    : error;
}
