import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";

import { createTablesForSdk } from "@cq-launchdarkly/core";
import { SqliteStateClient } from "@cq-launchdarkly/destination-sqlite";

import type { ConfigArguments } from "../config/load-sync-config.js";
import type { CliOutput } from "../output/cli-output.js";
import { EXIT } from "../cli-error.js";
import { asCliError, openDestination, openSession } from "../session.js";

/** Options of `cq-launchdarkly migrate`. */
export interface MigrateCommandOptions extends ConfigArguments {
  /** Where everything is printed. */
  output: CliOutput;
}

function flatten(tables: readonly Table[]): Table[] {
  return tables.flatMap((table) => [table, ...flatten(table.relations)]);
}

/**
 * `cq-launchdarkly migrate`: creates (or safely updates) the selected tables and the state table
 * in the SQLite file, with the same columns a sync creates, without fetching anything.
 * @returns the process exit code.
 */
export async function migrateCommand(options: MigrateCommandOptions): Promise<number> {
  const { output } = options;
  // Nothing is fetched: no token is needed.
  const session = await openSession({ ...options, demo: false, needsToken: false }, output);
  try {
    const { config } = session;
    const destination = openDestination(config, new Date());
    const tables = flatten(createTablesForSdk(session.selected));
    try {
      for (const table of tables) destination.migrateTable(table);
    } catch (error) {
      throw asCliError(error);
    } finally {
      destination.close();
    }
    try {
      const state = await SqliteStateClient.open({
        path: config.destination.path,
        tableName: config.source.stateTableName,
      });
      await state.close();
    } catch (error) {
      throw asCliError(error);
    }
    const names = [...tables.map((table) => table.name), config.source.stateTableName];
    output.event("migrated", { database: destination.path, tables: names });
    for (const name of names) output.print(`migrated ${name}`);
    output.print(`Migrated ${names.length} tables in ${destination.path}`);
    return EXIT.ok;
  } finally {
    await session.close();
  }
}
