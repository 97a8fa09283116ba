import { readFileSync } from "node:fs";
import path from "node:path";

import { CliError } from "../cli-error.js";

const VARIABLE = /\$\{([^}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a spec file's text came from, for messages. */
export interface ExpandOptions {
  /** The spec file (for messages). */
  file: string;
  /** Environment variables; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /** Directory `${file:...}` paths are relative to; the working directory by default (as CloudQuery). */
  cwd?: string;
}

function hintFor(name: string): string {
  return name === "LD_ACCESS_TOKEN"
    ? " Export a LaunchDarkly API access token (Reader role) as LD_ACCESS_TOKEN, or add --demo to sync from the built-in simulator instead."
    : "";
}

/**
 * Expands `${file:./path}` (the file's text, trailing newline dropped) and `${ENV_VAR}` in a spec
 * file's text before it is parsed, as the CloudQuery CLI does. Lines that are YAML comments are
 * left alone. An unset variable or unreadable file is an error naming the file and line.
 * @throws CliError
 */
export function expandVariables(text: string, options: ExpandOptions): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  return text
    .split("\n")
    .map((line, index) => {
      if (line.trimStart().startsWith("#")) return line;
      const where = `${options.file}:${index + 1}`;
      return line.replace(VARIABLE, (match, inner: string) => {
        if (inner.startsWith("file:")) {
          const target = path.resolve(cwd, inner.slice("file:".length).trim());
          try {
            return readFileSync(target, "utf8").replace(/\r?\n$/, "");
          } catch (error) {
            throw new CliError(
              `${where}: cannot read ${match}: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        }
        if (inner.startsWith("time:")) {
          throw new CliError(
            `${where}: ${match}: \${time:...} expansion is not supported by cq-launchdarkly; write the value out.`,
          );
        }
        if (!ENV_NAME.test(inner)) return match;
        const value = env[inner];
        if (value === undefined) {
          throw new CliError(
            `${where}: environment variable ${inner} is not set (referenced as ${match}).${hintFor(inner)}`,
          );
        }
        return value;
      });
    })
    .join("\n");
}
