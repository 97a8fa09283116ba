import type {
  Client,
  NewClientFunction,
  Plugin,
  TableOptions,
} from "@cloudquery/plugin-sdk-javascript/plugin/plugin";
import type { Table } from "@cloudquery/plugin-sdk-javascript/schema/table";
import { createRequire } from "node:module";
import {
  newPlugin,
  newUnimplementedDestination,
} from "@cloudquery/plugin-sdk-javascript/plugin/plugin";

import type { AnyTableDefinition, PluginSpec } from "@cq-launchdarkly/core";
import {
  createTablesForSdk,
  flattenTables,
  parseSpec,
  runSync,
  selectTables,
  specJsonSchema,
  testConnection,
} from "@cq-launchdarkly/core";
import { allTables } from "@cq-launchdarkly/tables";

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

export interface LaunchDarklyPluginOptions {
  /** Aborts running syncs (the entry point wires SIGTERM and SIGINT to it). */
  signal?: AbortSignal;
  /** The table registry; the real one by default. */
  tables?: () => AnyTableDefinition[];
}

/** The SDK tables of a selection, keeping parents and their selected children only. */
function sdkTablesFor(definitions: AnyTableDefinition[], options: TableOptions): Table[] {
  const selected = new Set(
    flattenTables(selectTables(definitions, options)).map(({ table }) => table.name),
  );
  const prune = (tables: Table[]): Table[] =>
    tables
      .filter((table) => selected.has(table.name))
      .map((table) => ({ ...table, relations: prune(table.relations) }));
  return prune(createTablesForSdk(definitions));
}

/**
 * The LaunchDarkly source plugin: the SDK serves the gRPC protocol, GetTables and packaging;
 * Sync runs core's streaming engine instead of the SDK scheduler (see core's README for why).
 */
export function createLaunchDarklyPlugin(
  options: LaunchDarklyPluginOptions = {},
): Plugin & { drain(): Promise<void> } {
  const registry = options.tables ?? allTables;
  const running = new Set<Promise<unknown>>();

  const newClient: NewClientFunction = (logger, rawSpec, { noConnection }) => {
    // `package` and docs call Init with an empty spec and no_connection: tables need no token.
    const spec: PluginSpec | undefined = noConnection ? undefined : parseSpec(rawSpec);
    const client: Client = {
      ...newUnimplementedDestination(),
      tables: (tableOptions) => Promise.resolve(sdkTablesFor(registry(), tableOptions)),
      sync(syncOptions) {
        if (!spec) {
          syncOptions.stream.emit(
            "error",
            new Error("the plugin was initialised with no_connection; Init it with a spec to sync"),
          );
          return;
        }
        const sync = runSync({
          spec,
          tables: registry(),
          stream: syncOptions.stream,
          syncOptions,
          logger,
          userAgent: `cq-launchdarkly-plugin/${version}`,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        running.add(sync);
        void sync.finally(() => running.delete(sync));
      },
      close: () => Promise.resolve(),
    };
    return Promise.resolve(client);
  };

  const plugin = newPlugin("launchdarkly", version, newClient, {
    team: "cq-launchdarkly",
    kind: "source",
    // `package` runs `docker buildx build -f <dir>/<dockerFile> .` in the directory it is given:
    // run it from the repository root, so the build sees the whole workspace.
    dockerFile: "apps/plugin/Dockerfile",
    jsonSchema: JSON.stringify(specJsonSchema),
  });
  plugin.testConnection = (rawSpec) => testConnection(rawSpec);
  /** Resolves once every running sync has ended its stream (runSync never rejects). */
  const drain = async () => {
    await Promise.all([...running]);
  };
  return Object.assign(plugin, { drain });
}
