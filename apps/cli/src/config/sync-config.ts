import type { MigrateMode, WriteMode } from "@cq-launchdarkly/destination-sqlite";
import { MIGRATE_MODES, WRITE_MODES } from "@cq-launchdarkly/destination-sqlite";

import type { SpecDocument } from "./spec-document.js";
import { CliError } from "../cli-error.js";
import { parseConnectionString } from "./connection-string.js";

/** The source document: our plugin, how to select tables, where state goes. */
export interface SourceConfig {
  /** `name`; also `_cq_source_name` and the default state table `cq_state_<name>`. */
  name: string;
  /** `tables` globs. */
  tables: string[];
  /** `skip_tables` globs. */
  skipTables: string[];
  /** `skip_dependent_tables` (CloudQuery's default: true). */
  skipDependentTables: boolean;
  /** `deterministic_cq_id`. */
  deterministicCqId: boolean;
  /** The state table for incremental tables (`backend_options.table_name`, default `cq_state_<name>`). */
  stateTableName: string;
  /** The plugin's own `spec:` block, snake_case, validated later by core's `parseSpec`. */
  pluginSpec: Record<string, unknown>;
  /** `file:line` of a key of this document, for messages. */
  where(path: readonly (string | number)[]): string;
}

/** The SQLite destination document. */
export interface DestinationConfig {
  /** `name`. */
  name: string;
  /** The database file, from `spec.connection_string`. */
  path: string;
  /** `write_mode`. */
  writeMode: WriteMode;
  /** `migrate_mode`. */
  migrateMode: MigrateMode;
  /** `spec.batch_size`. */
  batchSize?: number;
  /** `spec.batch_size_bytes`. */
  batchSizeBytes?: number;
  /** Busy timeout from the connection string, in ms. */
  busyTimeoutMs?: number;
}

/** One source and one SQLite destination, validated. */
export interface SyncConfig {
  source: SourceConfig;
  destination: DestinationConfig;
  /** Options that were accepted and ignored, one message each. */
  notes: string[];
}

const COMMON_KEYS = ["name", "path", "registry", "version", "docker_registry_auth_token"];
const SOURCE_KEYS = [
  ...COMMON_KEYS,
  "tables",
  "skip_tables",
  "skip_dependent_tables",
  "destinations",
  "backend_options",
  "deterministic_cq_id",
  "otel_endpoint",
  "otel_endpoint_insecure",
  "spec",
];
const DESTINATION_KEYS = [
  ...COMMON_KEYS,
  "write_mode",
  "migrate_mode",
  "pk_mode",
  "sync_group_id",
  "send_sync_summary",
  "transformers",
  "spec",
];
const DESTINATION_SPEC_KEYS = ["connection_string", "batch_size", "batch_size_bytes"];
const BACKEND_KEYS = ["table_name", "connection"];
const DOCUMENT_KEYS = ["kind", "spec"];

type Path = (string | number)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads one document's fields with messages that name file, line and field. */
class Fields {
  readonly document: SpecDocument;
  readonly label: string;

  constructor(document: SpecDocument, label: string) {
    this.document = document;
    this.label = label;
  }

  fail(path: Path, message: string): never {
    throw new CliError(`${this.document.where(path)}: ${this.label}: ${message}`);
  }

  object(
    path: Path,
    value: unknown,
    known: readonly string[],
    name: string,
  ): Record<string, unknown> {
    if (value === undefined || value === null) return {};
    if (!isObject(value)) this.fail(path, `${name || "spec"} must be a mapping`);
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.fail(
          [...path, key],
          `unknown key "${name === "document" || name === "" ? key : `${name}.${key}`}" (known keys: ${known.join(", ")})`,
        );
      }
    }
    return value;
  }

  string(path: Path, value: unknown, name: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" || value === "")
      this.fail(path, `${name} must be a non-empty string`);
    return value;
  }

  boolean(path: Path, value: unknown, name: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") this.fail(path, `${name} must be true or false`);
    return value;
  }

  integer(path: Path, value: unknown, name: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      this.fail(path, `${name} must be an integer of at least 1`);
    }
    return value;
  }

  strings(path: Path, value: unknown, name: string): string[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item === "")) {
      this.fail(path, `${name} must be a list of non-empty strings, e.g. ["*"]`);
    }
    return value as string[];
  }

  oneOf<T extends string>(path: Path, value: unknown, allowed: readonly T[], name: string) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" || !allowed.includes(value as T)) {
      this.fail(path, `${name} must be one of ${allowed.join(", ")}`);
    }
    return value as T;
  }
}

interface Located {
  document: SpecDocument;
  spec: Record<string, unknown>;
}

function sourceOf({ document, spec }: Located, destination: DestinationConfig, notes: string[]) {
  const name = typeof spec.name === "string" && spec.name !== "" ? spec.name : undefined;
  const f: Fields = new Fields(document, `source ${name ? `"${name}"` : "(unnamed)"}`);
  const at = (key: string): Path => ["spec", key];
  f.object(["spec"], spec, SOURCE_KEYS, "");
  if (!name) f.fail(["spec"], 'name is required, e.g. name: "launchdarkly"');
  const tables = f.strings(at("tables"), spec.tables, "tables");
  if (!tables || tables.length === 0)
    f.fail(at("tables"), 'tables is required, e.g. tables: ["*"]');
  const destinations = f.strings(at("destinations"), spec.destinations, "destinations");
  if (!destinations?.includes(destination.name)) {
    f.fail(
      at("destinations"),
      `destinations must name the SQLite destination, e.g. destinations: ["${destination.name}"]`,
    );
  }
  const extra = destinations.filter((entry) => entry !== destination.name);
  if (extra.length > 0) {
    f.fail(at("destinations"), `unknown destination(s) ${extra.map((e) => `"${e}"`).join(", ")}`);
  }
  const backend = f.object(
    at("backend_options"),
    spec.backend_options,
    BACKEND_KEYS,
    "backend_options",
  );
  const stateTableName =
    f.string(
      [...at("backend_options"), "table_name"],
      backend.table_name,
      "backend_options.table_name",
    ) ?? `cq_state_${name}`;
  const connection = f.string(
    [...at("backend_options"), "connection"],
    backend.connection,
    "backend_options.connection",
  );
  const expected = `@@plugins.${destination.name}.connection`;
  if (connection !== undefined && connection !== expected) {
    f.fail(
      [...at("backend_options"), "connection"],
      `backend_options.connection must be "${expected}": cq-launchdarkly keeps incremental state in the SQLite destination's file`,
    );
  }
  if (spec.otel_endpoint !== undefined)
    notes.push(
      `${document.where(at("otel_endpoint"))}: otel_endpoint is ignored by cq-launchdarkly`,
    );
  if (spec.spec !== undefined && spec.spec !== null && !isObject(spec.spec)) {
    f.fail(at("spec"), "spec (the plugin spec) must be a mapping");
  }
  const pluginSpec = isObject(spec.spec) ? spec.spec : {};
  return {
    name,
    tables,
    skipTables: f.strings(at("skip_tables"), spec.skip_tables, "skip_tables") ?? [],
    skipDependentTables:
      f.boolean(at("skip_dependent_tables"), spec.skip_dependent_tables, "skip_dependent_tables") ??
      true,
    deterministicCqId:
      f.boolean(at("deterministic_cq_id"), spec.deterministic_cq_id, "deterministic_cq_id") ??
      false,
    stateTableName,
    pluginSpec,
    where: (path: readonly (string | number)[]) => document.where(["spec", ...path]),
  } satisfies SourceConfig;
}

function destinationOf({ document, spec }: Located): DestinationConfig {
  const name = typeof spec.name === "string" && spec.name !== "" ? spec.name : undefined;
  const f: Fields = new Fields(document, `destination ${name ? `"${name}"` : "(unnamed)"}`);
  const at = (key: string): Path => ["spec", key];
  f.object(["spec"], spec, DESTINATION_KEYS, "");
  if (!name) f.fail(["spec"], 'name is required, e.g. name: "sqlite"');
  const pluginPath = f.string(at("path"), spec.path, "path");
  if (pluginPath !== undefined && !/sqlite/i.test(pluginPath)) {
    f.fail(
      at("path"),
      `cq-launchdarkly writes to SQLite only (path "${pluginPath}"); use the CloudQuery CLI with the plugin for other destinations`,
    );
  }
  const pkMode = f.oneOf(at("pk_mode"), spec.pk_mode, ["default", "cq-id-only"], "pk_mode");
  if (pkMode === "cq-id-only")
    f.fail(at("pk_mode"), "pk_mode: cq-id-only is not supported by cq-launchdarkly");
  if (spec.sync_group_id !== undefined)
    f.fail(at("sync_group_id"), "sync_group_id is not supported by cq-launchdarkly");
  if (spec.send_sync_summary === true) {
    f.fail(at("send_sync_summary"), "send_sync_summary is not supported by cq-launchdarkly");
  }
  if (Array.isArray(spec.transformers) && spec.transformers.length > 0) {
    f.fail(at("transformers"), "transformers are not supported by cq-launchdarkly");
  }
  const inner = f.object(at("spec"), spec.spec, DESTINATION_SPEC_KEYS, "spec");
  const connectionString = f.string(
    [...at("spec"), "connection_string"],
    inner.connection_string,
    "spec.connection_string",
  );
  if (connectionString === undefined) {
    f.fail(
      at("spec"),
      'spec.connection_string is required, e.g. connection_string: "./launchdarkly.db"',
    );
  }
  const connection = parseConnectionString(connectionString);
  const batchSize = f.integer([...at("spec"), "batch_size"], inner.batch_size, "spec.batch_size");
  const batchSizeBytes = f.integer(
    [...at("spec"), "batch_size_bytes"],
    inner.batch_size_bytes,
    "spec.batch_size_bytes",
  );
  return {
    name,
    path: connection.path,
    writeMode:
      f.oneOf(at("write_mode"), spec.write_mode, WRITE_MODES, "write_mode") ??
      "overwrite-delete-stale",
    migrateMode:
      f.oneOf(at("migrate_mode"), spec.migrate_mode, MIGRATE_MODES, "migrate_mode") ?? "safe",
    ...(batchSize !== undefined ? { batchSize } : {}),
    ...(batchSizeBytes !== undefined ? { batchSizeBytes } : {}),
    ...(connection.busyTimeoutMs !== undefined ? { busyTimeoutMs: connection.busyTimeoutMs } : {}),
  };
}

/**
 * Validates CloudQuery spec documents for `cq-launchdarkly`: exactly one `kind: source` (this
 * plugin; its `path` is not used) and one `kind: destination` (SQLite). Unknown keys of these
 * levels are errors with file and line; the plugin's own `spec:` is checked by core's `parseSpec`.
 * @throws CliError
 */
export function syncConfigOf(documents: readonly SpecDocument[]): SyncConfig {
  const sources: Located[] = [];
  const destinations: Located[] = [];
  for (const document of documents) {
    const f: Fields = new Fields(document, "spec document");
    const value = f.object([], document.value, DOCUMENT_KEYS, "document");
    const kind = f.oneOf(["kind"], value.kind, ["source", "destination", "transformer"], "kind");
    if (kind === undefined) f.fail([], "kind is required (source or destination)");
    if (kind === "transformer")
      f.fail(["kind"], "transformer documents are not supported by cq-launchdarkly");
    if (!isObject(value.spec)) f.fail(["spec"], "spec must be a mapping");
    const name = typeof value.spec.name === "string" ? `"${value.spec.name}"` : "(unnamed)";
    new Fields(document, `${kind} ${name}`).object(
      ["spec"],
      value.spec,
      kind === "source" ? SOURCE_KEYS : DESTINATION_KEYS,
      "",
    );
    (kind === "source" ? sources : destinations).push({ document, spec: value.spec });
  }
  const [source, secondSource] = sources;
  const [destination, secondDestination] = destinations;
  if (!source) throw new CliError("the spec files hold no `kind: source` document");
  if (!destination)
    throw new CliError(
      "the spec files hold no `kind: destination` document (the SQLite destination)",
    );
  if (secondSource) {
    throw new CliError(
      `${secondSource.document.where([])}: cq-launchdarkly syncs one source; found a second \`kind: source\` document`,
    );
  }
  if (secondDestination) {
    throw new CliError(
      `${secondDestination.document.where([])}: cq-launchdarkly writes to one SQLite destination; found a second \`kind: destination\` document`,
    );
  }
  const notes: string[] = [];
  const destinationConfig = destinationOf(destination);
  return {
    source: sourceOf(source, destinationConfig, notes),
    destination: destinationConfig,
    notes,
  };
}
