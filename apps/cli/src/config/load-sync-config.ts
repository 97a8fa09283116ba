import type { PluginSpec } from "@cq-launchdarkly/core";
import { parseSpec, SpecError } from "@cq-launchdarkly/core";

import type { SourceConfig, SyncConfig } from "./sync-config.js";
import { CliError } from "../cli-error.js";
import { expandVariables } from "./expand-variables.js";
import { readSpecFiles } from "./read-spec-files.js";
import { parseSpecDocuments } from "./spec-document.js";
import { syncConfigOf } from "./sync-config.js";

/** The database file used when no spec file and no `--db` is given. */
export const DEFAULT_DATABASE = "./launchdarkly.db";

/** What the command line says about configuration. */
export interface ConfigArguments {
  /** Spec files or directories; none means the built-in default (all tables, `LD_ACCESS_TOKEN`). */
  files: readonly string[];
  /** `--db`: overrides the destination's `connection_string`. */
  db?: string | undefined;
  /** `--demo`: the access token comes from the simulator, so none is required. */
  demo: boolean;
  /** False for commands that never call the API (`migrate`): no token is required. */
  needsToken?: boolean;
  /** Environment (for `${VAR}` and `LD_ACCESS_TOKEN`); `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

const DEMO_HINT = "Or add --demo to sync from the built-in LaunchDarkly simulator instead.";

function defaultConfig(args: ConfigArguments, env: NodeJS.ProcessEnv): SyncConfig {
  const token = env.LD_ACCESS_TOKEN;
  if (!args.demo && args.needsToken !== false && (token === undefined || token.trim() === "")) {
    throw new CliError(
      "No LaunchDarkly access token: set LD_ACCESS_TOKEN to an API access token with the Reader role " +
        "(Account settings > Authorization), or pass a spec file. " +
        "To try it without an account, run: cq-launchdarkly sync --demo",
    );
  }
  return {
    source: {
      name: "launchdarkly",
      tables: ["*"],
      skipTables: [],
      skipDependentTables: false,
      deterministicCqId: false,
      stateTableName: "cq_state_launchdarkly",
      pluginSpec: token ? { access_token: token } : {},
      where: () => "(built-in spec)",
    },
    destination: {
      name: "sqlite",
      path: DEFAULT_DATABASE,
      writeMode: "overwrite-delete-stale",
      migrateMode: "safe",
    },
    notes: [],
  };
}

/**
 * Loads the sync configuration: spec files (expanded, parsed, validated) or the built-in default,
 * with `--db` applied.
 * @throws CliError
 */
export function loadSyncConfig(args: ConfigArguments): SyncConfig {
  const env = args.env ?? process.env;
  const config =
    args.files.length === 0
      ? defaultConfig(args, env)
      : syncConfigOf(
          readSpecFiles(args.files).flatMap(({ file, text }) =>
            parseSpecDocuments(file, expandVariables(text, { file, env })),
          ),
        );
  if (args.db !== undefined) config.destination.path = args.db;
  return config;
}

/**
 * Validates the plugin spec with core's `parseSpec`; each problem gets the file and line of the
 * field it names. `overrides` (the simulator's URL and token for `--demo`) replace spec fields.
 * @throws CliError
 */
export function pluginSpecOf(
  source: SourceConfig,
  overrides: Record<string, unknown> = {},
): PluginSpec {
  const raw: Record<string, unknown> = { ...source.pluginSpec, ...overrides };
  if ("base_url" in overrides) delete raw.instance;
  try {
    return parseSpec(raw);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    const lines = error.problems.map((problem) => {
      const field = /\bspec\.([A-Za-z0-9_.[\]]+)/.exec(problem)?.[1];
      const path = field?.split(/[.[\]]+/).filter((part) => part !== "") ?? [];
      const missingToken = problem.startsWith("spec.access_token is required");
      return `${source.where(["spec", ...path])}: source "${source.name}": ${problem}${missingToken ? ` ${DEMO_HINT}` : ""}`;
    });
    throw new CliError(
      lines.length === 1 ? (lines[0] ?? "") : `invalid plugin spec:\n${lines.join("\n")}`,
    );
  }
}
