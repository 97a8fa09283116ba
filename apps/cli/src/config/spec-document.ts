import type { Node } from "yaml";
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";

import { CliError } from "../cli-error.js";

/** One `kind: ... spec: ...` YAML document of a spec file, able to point at its own lines. */
export interface SpecDocument {
  /** The spec file. */
  file: string;
  /** The document as plain data. */
  value: unknown;
  /** `file:line` of the key (or item) at `path`, or of its deepest existing ancestor. */
  where(path: readonly (string | number)[]): string;
}

function nodeAt(root: unknown, path: readonly (string | number)[]): Node | undefined {
  let node: unknown = root;
  let keyNode: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      keyNode = node;
    } else {
      break;
    }
  }
  return (keyNode ?? root) as Node | undefined;
}

/**
 * Parses a spec file's (expanded) text into its YAML documents, skipping empty ones.
 * @throws CliError naming file, line and column of the first YAML error.
 */
export function parseSpecDocuments(file: string, text: string): SpecDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: true });
  if (!Array.isArray(documents)) return [];
  const result: SpecDocument[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const position = error.linePos?.[0];
      const at = position ? `${file}:${position.line}:${position.col}` : file;
      const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "");
      throw new CliError(`${at}: invalid YAML: ${reason ?? error.code}`);
    }
    if (document.contents === null) continue;
    const startOffset = document.contents.range?.[0] ?? 0;
    const value: unknown = document.toJS();
    result.push({
      file,
      value,
      where(path) {
        const node = nodeAt(document.contents, path);
        const offset = node?.range?.[0] ?? startOffset;
        return `${file}:${lineCounter.linePos(offset).line}`;
      },
    });
  }
  return result;
}
