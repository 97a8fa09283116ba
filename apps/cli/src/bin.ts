#!/usr/bin/env node
import { parseArgs } from "node:util";

import type { TablesFormat } from "./commands/tables.js";
import type { LogFormat, LogLevel } from "./output/cli-output.js";
import { CliError, EXIT } from "./cli-error.js";
import { migrateCommand } from "./commands/migrate.js";
import { syncCommand } from "./commands/sync.js";
import { TABLES_FORMATS, tablesCommand } from "./commands/tables.js";
import { testConnectionCommand } from "./commands/test-connection.js";
import { CliOutput, LOG_FORMATS, LOG_LEVELS } from "./output/cli-output.js";
import { USAGE } from "./usage.js";
import { version } from "./version.js";

const COMMAND_OPTIONS: Record<string, readonly string[]> = {
  sync: ["demo", "db", "fail-on-warning"],
  migrate: ["db"],
  "test-connection": ["demo"],
  tables: ["format"],
};
const GLOBAL_OPTIONS = ["log-format", "log-level", "help", "version"];

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new CliError(`--${name} must be one of ${allowed.join(", ")}, got "${value}"`);
  }
  return value as T;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      demo: { type: "boolean" },
      db: { type: "string" },
      "fail-on-warning": { type: "boolean" },
      format: { type: "string" },
      "log-format": { type: "string" },
      "log-level": { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "V" },
    },
  });
  const format: LogFormat = oneOf("log-format", values["log-format"], LOG_FORMATS) ?? "text";
  const level: LogLevel =
    oneOf("log-level", values["log-level"], LOG_LEVELS) ?? (format === "json" ? "info" : "warn");
  const output = new CliOutput({ format, level });
  const [command, ...files] = positionals;
  if (values.version) {
    console.log(version);
    return EXIT.ok;
  }
  if (values.help || command === undefined || command === "help") {
    console.log(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  for (const token of tokens) {
    if (
      token.kind === "option" &&
      !allowed.includes(token.name) &&
      !GLOBAL_OPTIONS.includes(token.name)
    ) {
      throw new CliError(`${command} does not take --${token.name} (see cq-launchdarkly --help)`);
    }
  }
  const config = { files, db: values.db, demo: values.demo ?? false };
  switch (command) {
    case "sync":
      return syncCommand({ ...config, failOnWarning: values["fail-on-warning"] ?? false, output });
    case "migrate":
      return migrateCommand({ ...config, output });
    case "test-connection":
      return testConnectionCommand({ ...config, output });
    default: {
      if (files.length > 0) throw new CliError("tables takes no spec files");
      const tablesFormat: TablesFormat = oneOf("format", values.format, TABLES_FORMATS) ?? "text";
      return tablesCommand({ format: tablesFormat, output });
    }
  }
}

// `cq-launchdarkly tables | head`: a closed pipe ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const jsonLogs =
  process.argv.includes("--log-format=json") ||
  process.argv.some((arg, index) => arg === "--log-format" && process.argv[index + 1] === "json");

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  const known = error instanceof CliError;
  const message = error instanceof Error ? error.message : String(error);
  const text = known || !(error instanceof Error) ? message : (error.stack ?? message);
  if (jsonLogs)
    console.log(JSON.stringify({ time: new Date().toISOString(), level: "error", message }));
  else console.error(`error: ${text}`);
  const usageError =
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS");
  process.exitCode = known ? error.exitCode : usageError ? EXIT.usage : EXIT.syncFailed;
}
