import type { Options } from "prettier";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "prettier";

import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { createTablesForSdk } from "@cq-launchdarkly/core";

import { allTables } from "../src/all-tables.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The SDK's table and column types, as `createTablesForSdk` returns them (the SDK is core's dependency). */
type Table = ReturnType<typeof createTablesForSdk>[number];
type Column = Table["columns"][number];

/** Where the docs go (the SDK's `package` command copies apps/plugin/docs). */
export const docsDir = resolve(here, "../../../apps/plugin/docs");
/** The directory of the table pages. */
export const tablesDir = join(docsDir, "tables");

interface Operation {
  method: string;
  path: string;
  operationId: string;
  beta: boolean;
}

/**
 * The documented GET operations, from the api package's committed generated table (not exported by
 * the package, so read as text here; it is regenerated only from LaunchDarkly's document).
 */
function loadOperations(): Map<string, Operation> {
  const text = readFileSync(resolve(here, "../../api/src/generated/operations.ts"), "utf8");
  const byId = new Map<string, Operation>();
  for (const match of text.matchAll(/\["(GET)", "([^"]+)", "([^"]+)", (true|false)\]/g)) {
    const [, method = "", path = "", operationId = "", beta] = match;
    byId.set(operationId.toLowerCase(), { method, path, operationId, beta: beta === "true" });
  }
  return byId;
}

const docsUrl = /https:\/\/launchdarkly\.com\/docs\/api\/[\w-]+\/[\w-]+/;

/** The API docs link in a table description, and the operation it documents (its last segment, camelCased). */
function operationOf(
  definition: AnyTableDefinition,
  operations: Map<string, Operation>,
): { url: string | undefined; operation: Operation | undefined } {
  const url = docsUrl.exec(definition.description)?.[0];
  const slug = url?.split("/").pop() ?? "";
  const operation = operations.get(slug.replace(/-/g, "").toLowerCase());
  return { url, operation };
}

interface Node {
  definition: AnyTableDefinition;
  sdk: Table;
  parent: Node | undefined;
  children: Node[];
}

function nodesOf(definitions: readonly AnyTableDefinition[]): Node[] {
  const build = (definition: AnyTableDefinition, sdk: Table, parent: Node | undefined): Node => {
    const node: Node = { definition, sdk, parent, children: [] };
    const children = definition.children ?? [];
    node.children = children.map((child, i) => {
      const sdkChild = sdk.relations[i];
      if (!sdkChild) throw new Error(`no SDK table for ${child.name}`);
      return build(child, sdkChild, node);
    });
    return node;
  };
  const sdkTables = createTablesForSdk(definitions);
  return definitions.map((definition, i) => {
    const sdk = sdkTables[i];
    if (!sdk) throw new Error(`no SDK table for ${definition.name}`);
    return build(definition, sdk, undefined);
  });
}

function flatten(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** The column's Arrow type as the SDK writes it into tables.json (`DataType.toString()`). */
// eslint-disable-next-line @typescript-eslint/no-base-to-string -- Arrow types define toString()
const typeName = (column: Column): string => String(column.type);
const link = (name: string) => `[${name}](${name}.md)`;
const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const withoutUrl = (description: string) => description.replace(docsUrl, "").trim();

function secretColumns(node: Node): Column[] {
  return node.sdk.columns.filter((column) => column.description.includes("include_secrets"));
}

function renderTablePage(node: Node, operations: Map<string, Operation>): string {
  const { definition, sdk } = node;
  const { url, operation } = operationOf(definition, operations);
  const keys = sdk.columns.filter((column) => column.primaryKey).map((column) => code(column.name));
  const lines = [
    `# Table: ${definition.name}`,
    "",
    `${withoutUrl(definition.description)}${definition.isIncremental ? " Synced incrementally." : ""}`,
    "",
    "| | |",
    "| --- | --- |",
    `| API operation | ${operation ? `${code(`${operation.method} ${operation.path}`)} (${code(operation.operationId)})${operation.beta ? ", beta: sent with `LD-API-Version: beta`" : ""}` : "see the docs link"} |`,
    `| API docs | ${url ? `<${url}>` : "-"} |`,
    `| Primary key | ${keys.length > 0 ? keys.join(", ") : "`_cq_id`"} |`,
    `| Parent table | ${node.parent ? link(node.parent.definition.name) : "-"} |`,
    `| Child tables | ${node.children.map((child) => link(child.definition.name)).join(", ") || "-"} |`,
    `| Permission | ${cell(definition.requiredPermission ?? "-")} |`,
    "",
  ];
  const secrets = secretColumns(node);
  if (secrets.length > 0) {
    lines.push(
      `Secret columns (${secrets.map((column) => code(column.name)).join(", ")}) are NULL unless the spec sets \`include_secrets: true\`; see [secrets](README.md#secrets-and-include_secrets).`,
      "",
    );
  }
  lines.push("## Columns", "", "| Name | Type | Description |", "| --- | --- | --- |");
  for (const column of sdk.columns) {
    const flags = [column.primaryKey ? "PK" : "", column.incrementalKey ? "incremental key" : ""]
      .filter(Boolean)
      .join(", ");
    lines.push(
      `| ${code(column.name)}${flags ? ` (${flags})` : ""} | ${code(typeName(column))} | ${cell(column.description)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** API resources left out on purpose, with the reason (kept here so the docs list them). */
const leftOut: readonly [resource: string, reason: string][] = [
  [
    "Integration audit-log subscriptions (`GET /integrations/{integrationKey}`)",
    "no endpoint lists the integration keys in use, so a sync would have to try every known integration kind (dozens of requests, most empty), and the items carry credentials (`config`, `apiKey`, `url`). Planned as an opt-in table with a configured list of integration keys.",
  ],
  [
    "Integration configurations, delivery configurations, big-segment stores, flag imports (beta)",
    "per integration key, as above, and mostly credentials.",
  ],
  [
    "Contexts and context instances",
    "end-user records (personal data), per environment and context kind with cursor paging: potentially millions of rows; not account configuration.",
  ],
  [
    "Flag triggers, scheduled changes, workflows, flag links, followers, per-flag approval requests",
    "one request per flag and environment (thousands on a large account, against shared rate limits); the account-wide `launchdarkly_approval_requests` covers approvals.",
  ],
  [
    "Experiment results, holdouts (beta), per-environment experiments",
    "results are computed analytics, not configuration; `launchdarkly_project_experiments` already lists every environment's experiments.",
  ],
  [
    "Release progressions, per-flag releases, release policies (beta)",
    "per pipeline or per flag; may follow once the beta APIs settle.",
  ],
  [
    "Code-references extinctions and statistics",
    "map-shaped aggregates (flag key to lists) derived from the branches already synced.",
  ],
  ["OAuth clients", "account-owner only, and items carry `_clientSecret`."],
  [
    "Views (beta), tags, workflow templates, engineering insights (beta), usage and metering data",
    "not requested yet; easy to add as tables of the same shape.",
  ],
  ["Users (`/users`, `/user-search`)", "deprecated by LaunchDarkly in favour of contexts."],
];

function renderReadme(roots: readonly Node[], all: readonly Node[]): string {
  const tree = (nodes: readonly Node[], depth: number): string[] =>
    nodes.flatMap((node) => [
      `${"  ".repeat(depth)}- ${link(node.definition.name)}`,
      ...tree(node.children, depth + 1),
    ]);
  const secretRows = all.flatMap((node) =>
    secretColumns(node).map(
      (column) =>
        `| ${link(node.definition.name)} | ${code(column.name)} | ${cell(column.description)} |`,
    ),
  );
  return [
    "# Tables",
    "",
    `The plugin syncs ${all.length} tables. Child tables are synced for each row of their parent, and need their parent selected too (CloudQuery's \`skip_dependent_tables\` is true by default, so list them or use a wildcard).`,
    "Every table has `_cq_id` and `_cq_parent_id`; child tables also carry their parent's keys (`project_id` and `project_key` under projects).",
    "This page and the table pages are generated from the table definitions (`pnpm --filter @cq-launchdarkly/tables generate:docs`); CI fails when they are stale.",
    "",
    ...tree(roots, 0),
    "",
    "The role the access token needs is on the [permissions](../permissions.md) page.",
    "",
    "## Secrets and `include_secrets`",
    "",
    "LaunchDarkly returns some secrets in plain text. By default the plugin drops them before a row is built, so they never reach a destination or a log line: these columns stay NULL (JSON columns that embed secrets lose just those fields). Set `include_secrets: true` in the spec to store them (only do so if the destination is as protected as LaunchDarkly itself).",
    "",
    "| Table | Column | What it holds |",
    "| --- | --- | --- |",
    ...secretRows,
    "",
    "Embedded environments (e.g. in `launchdarkly_approval_requests.environments`) lose their `apiKey` and `mobileKey` the same way. Access tokens are safe: LaunchDarkly only ever returns their last 4 characters (`launchdarkly_access_tokens.token`).",
    "",
    "## What is not synced, and why",
    "",
    ...leftOut.map(([resource, reason]) => `- **${resource}**: ${reason}`),
    "",
  ].join("\n");
}

function renderPermissions(all: readonly Node[]): string {
  const policy = [{ effect: "allow", actions: ["viewProject"], resources: ["proj/*"] }];
  return [
    "# Permissions",
    "",
    "The plugin only reads. Give it a **service token** (or a personal token) whose role can see everything you want to sync:",
    "",
    "- The built-in **Reader** role covers every table except the complete access-token list.",
    "- `launchdarkly_access_tokens` lists every member's tokens only for an **Admin** or **Owner** token (`showAll=true`). With any other role LaunchDarkly refuses that, and the plugin warns and syncs only the token owner's own tokens.",
    "- On accounts whose members start with the **No access** role, a custom role must grant viewing. Project data (projects and every `launchdarkly_project_*` table) is covered by `viewProject`:",
    "",
    "```json",
    JSON.stringify(policy, null, 2),
    "```",
    "",
    "  Restrict `resources` (e.g. `proj/web-*`) to sync only some projects, together with the spec's `projects` list. Account-level tables (members, teams, roles, webhooks, Relay Proxy configurations, Data Export destinations, code references, approval requests, applications) follow the token's base role: use a Reader-based service token for them.",
    "",
    "A table the token may not read is not an error: LaunchDarkly answers 403, the plugin logs one warning naming the table and the permission below, and the rest of the sync goes on.",
    "",
    "| Table | Needs |",
    "| --- | --- |",
    ...all.map(
      (node) =>
        `| [${node.definition.name}](tables/${node.definition.name}.md) | ${cell(node.definition.requiredPermission ?? "the Reader role")} |`,
    ),
    "",
    "Beta resources (release pipelines, metric groups, applications) are read with `LD-API-Version: beta`; LaunchDarkly answers 403 to them without it, which the plugin never omits.",
    "",
  ].join("\n");
}

/** Every generated docs file: path (absolute) and formatted content. */
export async function renderDocs(): Promise<Map<string, string>> {
  const operations = loadOperations();
  const roots = nodesOf(allTables());
  const all = flatten(roots);
  const files = new Map<string, string>();
  files.set(join(tablesDir, "README.md"), renderReadme(roots, all));
  for (const node of all) {
    files.set(join(tablesDir, `${node.definition.name}.md`), renderTablePage(node, operations));
  }
  files.set(join(docsDir, "permissions.md"), renderPermissions(all));

  // Imported rather than found with resolveConfig (see packages/core/scripts/render-docs.ts).
  const sharedConfig = "@cq-launchdarkly/prettier-config";
  const { default: config } = (await import(sharedConfig)) as { default: Options };
  const formatted = new Map<string, string>();
  for (const [path, text] of files) {
    formatted.set(path, await format(text, { ...config, plugins: [], filepath: path }));
  }
  return formatted;
}
