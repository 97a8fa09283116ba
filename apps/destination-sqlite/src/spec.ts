import type { ErrorObject } from "ajv";
import { Ajv } from "ajv";

import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_BATCH_SIZE_BYTES,
  DEFAULT_BUSY_TIMEOUT_MS,
} from "@cq-launchdarkly/destination-sqlite";

/** The destination plugin's spec after validation: camelCase keys, defaults applied. */
export interface DestinationSpec {
  /** Path of the SQLite database file (created when missing). */
  connectionString: string;
  /** Rows buffered per table before they are written in one transaction. */
  batchSize: number;
  /** Approximate bytes buffered per table before they are written. */
  batchSizeBytes: number;
  /** How long a write waits for another connection's lock, in milliseconds. */
  busyTimeoutMs: number;
}

const descriptions = {
  connection_string:
    "Path of the SQLite database file, created when missing (e.g. `./launchdarkly.db`). Relative paths resolve against the plugin process's working directory. Its directory must exist.",
  batch_size:
    "Rows buffered per table before they are written in one transaction (CloudQuery's `batch_size`).",
  batch_size_bytes:
    "Approximate bytes buffered per table before they are written (CloudQuery's `batch_size_bytes`).",
  busy_timeout_ms:
    "How long a write waits for a lock held by another connection (e.g. a second process on the same file), in milliseconds.",
} as const;

/**
 * JSON Schema (draft-07) of the nested `spec:` block of the SQLite destination, served by
 * GetSpecSchema and enforced at Init. `write_mode` and `migrate_mode` are not here: they belong
 * to the destination's top-level spec, and the CloudQuery CLI applies them itself.
 */
export const destinationSpecJsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/cq-launchdarkly/cq-launchdarkly/destination-sqlite-spec.json",
  title: "SQLite destination plugin spec",
  description:
    "The `spec` block of the SQLite destination in a CloudQuery destination configuration.",
  type: "object",
  additionalProperties: false,
  required: ["connection_string"],
  properties: {
    connection_string: {
      type: "string",
      minLength: 1,
      description: descriptions.connection_string,
    },
    batch_size: {
      type: "integer",
      minimum: 1,
      default: DEFAULT_BATCH_SIZE,
      description: descriptions.batch_size,
    },
    batch_size_bytes: {
      type: "integer",
      minimum: 1,
      default: DEFAULT_BATCH_SIZE_BYTES,
      description: descriptions.batch_size_bytes,
    },
    busy_timeout_ms: {
      type: "integer",
      minimum: 0,
      default: DEFAULT_BUSY_TIMEOUT_MS,
      description: descriptions.busy_timeout_ms,
    },
  },
} as const;

/** Thrown by {@link parseDestinationSpec}: one line per problem, each naming the field. */
export class DestinationSpecError extends Error {
  /** One message per problem. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `invalid SQLite destination spec: ${problems[0] ?? ""}`
        : `invalid SQLite destination spec (${problems.length} problems):\n- ${problems.join("\n- ")}`,
    );
    this.name = "DestinationSpecError";
    this.problems = problems;
  }
}

/** Keys of CloudQuery's top-level destination spec that users put in the nested block by mistake. */
const TOP_LEVEL_KEYS = new Set(["write_mode", "migrate_mode", "pk_mode", "sync_summary"]);

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
const validate = ajv.compile(destinationSpecJsonSchema);

function problemOf(error: ErrorObject): string {
  const field = error.instancePath.replace(/^\//, "").replace(/\//g, ".");
  switch (error.keyword) {
    case "required": {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return `${missing} is required (${descriptions[missing as keyof typeof descriptions]})`;
    }
    case "additionalProperties": {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(destinationSpecJsonSchema.properties).join(", ");
      return TOP_LEVEL_KEYS.has(extra)
        ? `${extra} is not a plugin setting: set it on the destination itself (next to name, path and registry), not inside its spec block`
        : `unknown field ${extra} (known fields: ${known})`;
    }
    case "type":
      return `${field} must be ${(error.params as { type: string }).type === "integer" ? "an integer" : `a ${(error.params as { type: string }).type}`}`;
    case "minimum":
      return `${field} must be an integer >= ${String((error.params as { limit: number }).limit)}`;
    case "minLength":
      return `${field} must be a non-empty string`;
    default:
      return `${field || "spec"} ${error.message ?? "is invalid"}`;
  }
}

/**
 * Validates the raw JSON spec Init receives and applies defaults.
 * @throws DestinationSpecError naming every field that is missing, unknown or invalid.
 */
export function parseDestinationSpec(raw: string): DestinationSpec {
  if (raw.trim() === "") {
    throw new DestinationSpecError([
      `the spec is empty; connection_string is required (${descriptions.connection_string})`,
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new DestinationSpecError([
      `the spec is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DestinationSpecError(["the spec must be an object with a connection_string"]);
  }
  const spec = { ...(value as Record<string, unknown>) };
  if (!validate(spec)) {
    throw new DestinationSpecError((validate.errors ?? []).map(problemOf));
  }
  return {
    connectionString: spec.connection_string as string,
    batchSize: spec.batch_size as number,
    batchSizeBytes: spec.batch_size_bytes as number,
    busyTimeoutMs: spec.busy_timeout_ms as number,
  };
}
