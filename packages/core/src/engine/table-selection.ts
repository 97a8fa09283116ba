import type { AnyTableDefinition } from "../model/table-definition.js";

/** CloudQuery's table selection options of a sync (or GetTables) request. */
export interface TableSelection {
  /** Glob patterns of tables to sync (`*` matches any run of characters). */
  tables: readonly string[];
  /** Glob patterns of tables to leave out; their children go too. */
  skipTables?: readonly string[];
  /** Do not sync children of selected tables unless they are selected themselves. */
  skipDependentTables?: boolean;
}

/** A selection that cannot be satisfied: a pattern without match, or a skipped parent of a selected child. */
export class TableSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TableSelectionError";
  }
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

interface Flat {
  table: AnyTableDefinition;
  parents: AnyTableDefinition[];
}

function flatten(
  tables: readonly AnyTableDefinition[],
  parents: AnyTableDefinition[] = [],
): Flat[] {
  return tables.flatMap((table) => [
    { table, parents },
    ...flatten(table.children ?? [], [...parents, table]),
  ]);
}

/**
 * The table tree a selection keeps, following CloudQuery's rules: a selected child brings its
 * parent, children of selected tables come along unless `skipDependentTables`, a skipped table
 * takes its children with it. Errors: a `tables` or `skip_tables` pattern matching no table, and
 * skipping the parent of a child that a pattern selected without also matching that parent
 * (e.g. `tables: [launchdarkly_project_environments]`, `skip_tables: [launchdarkly_projects]`).
 */
export function selectTables(
  tables: readonly AnyTableDefinition[],
  selection: TableSelection,
): AnyTableDefinition[] {
  const all = flatten(tables);
  const include = selection.tables.map((pattern) => ({ pattern, re: globToRegExp(pattern) }));
  const skip = (selection.skipTables ?? []).map((pattern) => ({
    pattern,
    re: globToRegExp(pattern),
  }));
  const problems: string[] = [];
  for (const { pattern, re } of include) {
    if (!all.some(({ table }) => re.test(table.name))) {
      problems.push(`tables: pattern "${pattern}" matches no table`);
    }
  }
  for (const { pattern, re } of skip) {
    if (!all.some(({ table }) => re.test(table.name))) {
      problems.push(`skip_tables: pattern "${pattern}" matches no table`);
    }
  }
  const isSkipped = (name: string) => skip.some(({ re }) => re.test(name));
  for (const { table, parents } of all) {
    const selectors = include.filter(({ re }) => re.test(table.name));
    if (selectors.length === 0 || isSkipped(table.name)) continue;
    const skippedParent = parents.find((parent) => isSkipped(parent.name));
    if (!skippedParent) continue;
    const broad = selectors.some(({ re }) => re.test(skippedParent.name));
    if (!broad) {
      problems.push(
        `can't skip parent table ${skippedParent.name} while its child ${table.name} is selected: remove it from skip_tables or drop the child from tables`,
      );
    }
  }
  if (problems.length > 0) throw new TableSelectionError(problems.join("; "));

  const walk = (
    table: AnyTableDefinition,
    parentSelected: boolean,
  ): AnyTableDefinition | undefined => {
    if (isSkipped(table.name)) return undefined;
    let keep =
      (parentSelected && !selection.skipDependentTables) ||
      include.some(({ re }) => re.test(table.name));
    const children: AnyTableDefinition[] = [];
    for (const child of table.children ?? []) {
      const kept = walk(child, keep);
      if (kept) children.push(kept);
    }
    if (children.length > 0) keep = true;
    return keep ? { ...table, children } : undefined;
  };
  return tables.map((table) => walk(table, false)).filter((table) => table !== undefined);
}

/** Every table of a tree in depth-first order, each with its parent. */
export function flattenTables(
  tables: readonly AnyTableDefinition[],
  parent?: AnyTableDefinition,
): { table: AnyTableDefinition; parent: AnyTableDefinition | undefined }[] {
  return tables.flatMap((table) => [
    { table, parent },
    ...flattenTables(table.children ?? [], table),
  ]);
}
