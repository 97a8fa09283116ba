import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { CliError } from "../cli-error.js";

/** One spec file's text. */
export interface SpecFile {
  /** The path as given (or inside a given directory), for messages. */
  file: string;
  /** The file's text, before variable expansion. */
  text: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads spec files; a directory stands for its `*.yml` and `*.yaml` files in name order
 * (as `cloudquery sync <dir>`).
 * @throws CliError when a path cannot be read or a directory holds no spec file.
 */
export function readSpecFiles(paths: readonly string[]): SpecFile[] {
  const files: string[] = [];
  for (const given of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(given).isDirectory();
    } catch (error) {
      throw new CliError(`cannot read spec file ${given}: ${errorText(error)}`);
    }
    if (!isDirectory) {
      files.push(given);
      continue;
    }
    const inside = readdirSync(given)
      .filter((name) => /\.ya?ml$/i.test(name))
      .sort()
      .map((name) => path.join(given, name));
    if (inside.length === 0) {
      throw new CliError(`spec directory ${given} holds no *.yml or *.yaml file`);
    }
    files.push(...inside);
  }
  return files.map((file) => {
    try {
      return { file, text: readFileSync(file, "utf8") };
    } catch (error) {
      throw new CliError(`cannot read spec file ${file}: ${errorText(error)}`);
    }
  });
}
