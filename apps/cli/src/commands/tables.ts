import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { flattenTables } from "@cq-launchdarkly/core";
import { allTables } from "@cq-launchdarkly/tables";

import type { CliOutput } from "../output/cli-output.js";
import { EXIT } from "../cli-error.js";

/** `tables --format`. */
export type TablesFormat = "text" | "markdown" | "json";

/** Formats of `tables`, for argument checks. */
export const TABLES_FORMATS: readonly TablesFormat[] = ["text", "markdown", "json"];

/** Options of `cq-launchdarkly tables`. */
export interface TablesCommandOptions {
  /** Output format. */
  format: TablesFormat;
  /** Where everything is printed. */
  output: CliOutput;
  /** The registry; the real one by default. */
  tables?: () => AnyTableDefinition[];
}

interface ColumnInfo {
  name: string;
  type: string;
  primary_key: boolean;
  incremental_key: boolean;
  description: string;
}

interface TableInfo {
  name: string;
  title?: string;
  description: string;
  parent?: string;
  is_incremental: boolean;
  columns: ColumnInfo[];
}

function infoOf(table: AnyTableDefinition, parent: AnyTableDefinition | undefined): TableInfo {
  return {
    name: table.name,
    ...(table.title ? { title: table.title } : {}),
    description: table.description,
    ...(parent ? { parent: parent.name } : {}),
    is_incremental: table.isIncremental ?? false,
    columns: [
      {
        name: "_cq_id",
        type: "uuid",
        primary_key: false,
        incremental_key: false,
        description: "Internal CQ ID of the row",
      },
      {
        name: "_cq_parent_id",
        type: "uuid",
        primary_key: false,
        incremental_key: false,
        description: "Internal CQ ID of the parent row",
      },
      ...table.columns.map((column) => ({
        name: column.name,
        type: column.type,
        primary_key: column.primaryKey ?? false,
        incremental_key: column.incrementalKey ?? false,
        description: column.description ?? "",
      })),
    ],
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function markdown(tables: readonly TableInfo[]): string[] {
  const lines = ["# Tables", ""];
  for (const table of tables) {
    const indent = table.parent ? "  " : "";
    lines.push(
      `${indent}- [${table.name}](#${table.name})${table.is_incremental ? " (incremental)" : ""}`,
    );
  }
  for (const table of tables) {
    lines.push("", `## ${table.name}`, "", table.description, "");
    if (table.parent) lines.push(`Child of [${table.parent}](#${table.parent}).`, "");
    if (table.is_incremental)
      lines.push("This table is incremental: later syncs fetch only new entries.", "");
    const keys = table.columns.filter((column) => column.primary_key).map((column) => column.name);
    if (keys.length > 0)
      lines.push(`Primary key: ${keys.map((key) => `\`${key}\``).join(", ")}.`, "");
    lines.push("| Column | Type | Description |", "| --- | --- | --- |");
    for (const column of table.columns) {
      const name = column.primary_key ? `${column.name} (PK)` : column.name;
      lines.push(`| ${cell(name)} | ${cell(column.type)} | ${cell(column.description)} |`);
    }
  }
  return lines;
}

/**
 * `cq-launchdarkly tables`: lists the tables the plugin syncs (children indented), as text,
 * Markdown (with columns) or JSON (with columns). Needs no token.
 * @returns the process exit code.
 */
export function tablesCommand(options: TablesCommandOptions): number {
  const { output } = options;
  const flat = flattenTables((options.tables ?? allTables)());
  const tables = flat.map(({ table, parent }) => infoOf(table, parent));
  const parents = new Map(flat.map(({ table, parent }) => [table.name, parent?.name]));
  const depthOf = (name: string): number => {
    const parent = parents.get(name);
    return parent === undefined ? 0 : depthOf(parent) + 1;
  };
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(tables, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines =
    options.format === "markdown"
      ? markdown(tables)
      : flat.map(({ table }) => {
          const indent = "  ".repeat(depthOf(table.name));
          return `${indent}${table.name}${table.isIncremental ? " (incremental)" : ""}`;
        });
  for (const line of lines) process.stdout.write(`${output.redact(line)}\n`);
  return EXIT.ok;
}
