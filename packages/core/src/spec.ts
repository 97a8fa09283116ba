import type { ErrorObject } from "ajv";
import { Ajv } from "ajv";

/** LaunchDarkly instances the plugin knows the API base URL of. */
export type LaunchDarklyInstance = "us" | "eu" | "federal";

/** The audit-log options of the incremental `launchdarkly_auditlog_entries` table. */
export interface AuditLogSpec {
  /** Earliest entry to sync on the first run: an RFC 3339 timestamp or a duration before now (e.g. `720h`). */
  startTime?: string;
  /** LaunchDarkly resource specifier that filters the audit log (e.g. `proj/*:env/production`). */
  spec?: string;
  /** Fetch each entry's full details (one extra request per entry). */
  details: boolean;
}

/** The plugin spec after validation: camelCase keys, defaults applied. */
export interface PluginSpec {
  /** LaunchDarkly API access token; never logged. */
  accessToken: string;
  /** Timeout of a single API request, in seconds. */
  timeoutSecs: number;
  /** API base URL; set only when the spec sets `base_url`. */
  baseUrl?: string;
  /** LaunchDarkly instance; undefined when `base_url` is set. */
  instance?: LaunchDarklyInstance;
  /** Maximum number of API requests in flight, shared by all tables. */
  concurrency: number;
  /** Retries of a failed or rate-limited request. */
  maxRetries: number;
  /** Only sync these project keys; undefined means all projects. */
  projects?: string[];
  /** Sync secret columns (SDK keys, mobile keys, API keys). */
  includeSecrets: boolean;
  /** Maximum rows per Arrow record batch. */
  batchSize: number;
  /** Maximum (approximate) bytes per Arrow record batch. */
  batchSizeBytes: number;
  /** Audit-log options. */
  auditLog: AuditLogSpec;
}

/** Field descriptions, shared by the JSON Schema and the generated configuration reference (R38). */
const descriptions = {
  access_token:
    'LaunchDarkly API access token (personal or service token with at least the Reader role). Use an environment variable, e.g. "${LD_ACCESS_TOKEN}". Never logged.',
  timeout_secs: "Timeout of a single API request, in seconds.",
  base_url:
    "LaunchDarkly API base URL, e.g. https://app.launchdarkly.com. Mutually exclusive with `instance`; use it for relay proxies or tests.",
  instance:
    "LaunchDarkly instance to talk to: `us` (app.launchdarkly.com), `eu` (app.eu.launchdarkly.com) or `federal` (app.launchdarkly.us). Mutually exclusive with `base_url`.",
  concurrency:
    "Maximum number of API requests in flight at once, shared by all tables (parents and children alike). The default comes from `pnpm bench:sync`; lower it when other integrations share the account's rate limit.",
  max_retries:
    "How many times a request is retried after a 429 (rate limited), a 5xx or a network error.",
  projects: "Only sync these project keys. Default: all projects the token can read.",
  include_secrets:
    "Sync secret columns (environment SDK keys, mobile keys and similar). When false these columns are null.",
  batch_size: "Maximum number of rows per Arrow record batch sent to the destination.",
  batch_size_bytes:
    "Maximum approximate size of an Arrow record batch sent to the destination, in bytes.",
  audit_log: "Options of the incremental audit-log table (`launchdarkly_auditlog_entries`).",
  "audit_log.start_time":
    "Earliest audit-log entry to sync on the first run (later runs continue from the saved cursor): an RFC 3339 timestamp (`2024-01-01T00:00:00Z`) or a duration before now (`720h`, `90m`, `1h30m`). Default: the whole audit log.",
  "audit_log.spec":
    "LaunchDarkly resource specifier that filters the audit log, e.g. `proj/*:env/production:flag/*`.",
  "audit_log.details":
    "Fetch each audit-log entry's full details (delta, previous and current versions): one extra request per entry.",
} as const;

/** The default of every optional field; also used by the docs generator. */
const defaults = {
  timeout_secs: 30,
  instance: "us",
  concurrency: 8,
  max_retries: 5,
  include_secrets: false,
  batch_size: 1000,
  batch_size_bytes: 4 * 1024 * 1024,
  "audit_log.details": false,
} as const;

/**
 * JSON Schema (draft-07) of the plugin spec: served by GetSpecSchema and used by `parseSpec`.
 * Keys are snake_case like every CloudQuery plugin spec.
 */
export const specJsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/cq-launchdarkly/cq-launchdarkly/spec.json",
  title: "LaunchDarkly source plugin spec",
  description:
    "The `spec` block of the LaunchDarkly source plugin in a CloudQuery source configuration.",
  type: "object",
  additionalProperties: false,
  required: ["access_token"],
  properties: {
    access_token: { type: "string", minLength: 1, description: descriptions.access_token },
    timeout_secs: {
      type: "integer",
      minimum: 1,
      default: defaults.timeout_secs,
      description: descriptions.timeout_secs,
    },
    base_url: {
      type: "string",
      pattern: "^https?://[^\\s]+$",
      description: descriptions.base_url,
    },
    instance: {
      type: "string",
      enum: ["us", "eu", "federal"],
      default: defaults.instance,
      description: descriptions.instance,
    },
    concurrency: {
      type: "integer",
      minimum: 1,
      maximum: 1000,
      default: defaults.concurrency,
      description: descriptions.concurrency,
    },
    max_retries: {
      type: "integer",
      minimum: 0,
      maximum: 100,
      default: defaults.max_retries,
      description: descriptions.max_retries,
    },
    projects: {
      type: "array",
      items: { type: "string", minLength: 1 },
      uniqueItems: true,
      description: descriptions.projects,
    },
    include_secrets: {
      type: "boolean",
      default: defaults.include_secrets,
      description: descriptions.include_secrets,
    },
    batch_size: {
      type: "integer",
      minimum: 1,
      default: defaults.batch_size,
      description: descriptions.batch_size,
    },
    batch_size_bytes: {
      type: "integer",
      minimum: 1024,
      default: defaults.batch_size_bytes,
      description: descriptions.batch_size_bytes,
    },
    audit_log: {
      type: "object",
      additionalProperties: false,
      description: descriptions.audit_log,
      properties: {
        start_time: {
          type: "string",
          format: "rfc3339-or-duration",
          description: descriptions["audit_log.start_time"],
        },
        spec: { type: "string", minLength: 1, description: descriptions["audit_log.spec"] },
        details: {
          type: "boolean",
          default: defaults["audit_log.details"],
          description: descriptions["audit_log.details"],
        },
      },
    },
  },
} as const;

/** Thrown by `parseSpec`: one line per problem, each naming the field and what is expected. */
export class SpecError extends Error {
  /** One message per problem. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      problems.length === 1
        ? `invalid spec: ${problems[0] ?? ""}`
        : `invalid spec (${problems.length} problems):\n- ${problems.join("\n- ")}`,
    );
    this.name = "SpecError";
    this.problems = problems;
  }
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds of a Go-style duration (`720h`, `1h30m`, `90s`), or undefined when it is not one. */
export function parseDuration(value: string): number | undefined {
  if (!DURATION.test(value)) return undefined;
  let ms = 0;
  for (const match of value.matchAll(DURATION_PART)) {
    ms += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
  }
  return ms;
}

/**
 * Resolves `audit_log.start_time` (RFC 3339 or a duration before `now`) to a Date;
 * undefined when unset.
 */
export function resolveStartTime(value: string | undefined, now = new Date()): Date | undefined {
  if (value === undefined) return undefined;
  const duration = parseDuration(value);
  if (duration !== undefined) return new Date(now.getTime() - duration);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isStartTime(value: string): boolean {
  if (parseDuration(value) !== undefined) return true;
  return RFC3339.test(value) && !Number.isNaN(new Date(value).getTime());
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true });
ajv.addFormat("rfc3339-or-duration", { type: "string", validate: isStartTime });
const validate = ajv.compile(specJsonSchema);

interface SchemaNode {
  type?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
  pattern?: string;
  format?: string;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}

/** What a field expects, in words, derived from its schema node. */
export function describeExpected(node: SchemaNode): string {
  switch (node.type) {
    case "string": {
      if (node.enum) return `one of ${node.enum.map((v) => `"${v}"`).join(", ")}`;
      if (node.format === "rfc3339-or-duration") {
        return "an RFC 3339 timestamp (2024-01-01T00:00:00Z) or a duration such as 720h";
      }
      if (node.pattern) return "an http(s) URL";
      return node.minLength ? "a non-empty string" : "a string";
    }
    case "integer": {
      const bounds: string[] = [];
      if (node.minimum !== undefined) bounds.push(`>= ${node.minimum}`);
      if (node.maximum !== undefined) bounds.push(`<= ${node.maximum}`);
      return `an integer${bounds.length ? ` ${bounds.join(" and ")}` : ""}`;
    }
    case "boolean":
      return "a boolean (true or false)";
    case "array":
      return `a list of unique ${node.items?.minLength ? "non-empty " : ""}strings`;
    case "object":
      return "an object";
    default:
      return "a valid value";
  }
}

function schemaNodeAt(path: readonly string[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = specJsonSchema;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === "array") node = node.items;
    else node = node.properties?.[segment];
  }
  return node;
}

function pathOf(error: ErrorObject): string[] {
  return error.instancePath
    .split("/")
    .filter((part) => part !== "")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function fieldName(path: readonly string[]): string {
  return ["spec", ...path]
    .map((p, i) => (/^\d+$/.test(p) && i > 0 ? `[${p}]` : p))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** The message for a missing access token, in the words of the Go plugin, with a hint. */
const MISSING_TOKEN =
  'spec.access_token is required: no credentials provided. Set access_token to a LaunchDarkly API access token, e.g. access_token: "${LD_ACCESS_TOKEN}"';

function messagesFor(errors: readonly ErrorObject[]): string[] {
  const messages: string[] = [];
  const seen = new Set<string>();
  const push = (key: string, message: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    messages.push(message);
  };
  for (const error of errors) {
    const path = pathOf(error);
    if (error.keyword === "required") {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const full = [...path, missing];
      push(
        full.join("."),
        missing === "access_token" && path.length === 0
          ? MISSING_TOKEN
          : `${fieldName(full)} is required`,
      );
      continue;
    }
    if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(schemaNodeAt(path)?.properties ?? {}).join(", ");
      push(
        `unknown:${[...path, extra].join(".")}`,
        `${fieldName([...path, extra])} is not a known option (known options: ${known})`,
      );
      continue;
    }
    const node = schemaNodeAt(path);
    if (error.keyword === "uniqueItems") {
      push(path.join("."), `${fieldName(path)} must not contain duplicates`);
      continue;
    }
    if (path.length === 0) {
      push("", "spec must be an object (the plugin's nested `spec:` block)");
      continue;
    }
    push(
      path.join("."),
      `${fieldName(path)} must be ${node ? describeExpected(node) : "a valid value"}`,
    );
  }
  return messages;
}

function toObject(input: unknown): unknown {
  if (typeof input !== "string") return input ?? {};
  if (input.trim() === "") return {};
  try {
    return JSON.parse(input) as unknown;
  } catch {
    // Never echo the parser message: V8 quotes part of the input, which may hold the token.
    throw new SpecError(["spec is not valid JSON"]);
  }
}

interface RawSpec {
  access_token: string;
  timeout_secs: number;
  base_url?: string;
  instance: LaunchDarklyInstance;
  concurrency: number;
  max_retries: number;
  projects?: string[];
  include_secrets: boolean;
  batch_size: number;
  batch_size_bytes: number;
  audit_log?: { start_time?: string; spec?: string; details: boolean };
}

/**
 * Validates a plugin spec (JSON text or an object), applies defaults and returns it camelCased.
 * Throws `SpecError` listing every problem; the token's value never appears in it.
 */
export function parseSpec(input: unknown): PluginSpec {
  const value = toObject(input);
  const raw: unknown =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? structuredClone(value)
      : value;
  // Defaults must not turn "base_url only" into "base_url and instance".
  const hadInstance =
    raw !== null &&
    typeof raw === "object" &&
    Object.prototype.hasOwnProperty.call(raw, "instance");
  const problems: string[] = [];
  if (!validate(raw)) problems.push(...messagesFor(validate.errors ?? []));
  const spec = raw as RawSpec;
  if (spec && typeof spec === "object" && spec.base_url !== undefined && hadInstance) {
    problems.push("spec.base_url and spec.instance are mutually exclusive: set only one of them");
  }
  if (problems.length > 0) throw new SpecError(problems);

  const baseUrl = spec.base_url?.replace(/\/+$/, "");
  return {
    accessToken: spec.access_token,
    timeoutSecs: spec.timeout_secs,
    ...(baseUrl !== undefined ? { baseUrl } : { instance: spec.instance }),
    concurrency: spec.concurrency,
    maxRetries: spec.max_retries,
    ...(spec.projects !== undefined ? { projects: spec.projects } : {}),
    includeSecrets: spec.include_secrets,
    batchSize: spec.batch_size,
    batchSizeBytes: spec.batch_size_bytes,
    auditLog: {
      ...(spec.audit_log?.start_time !== undefined ? { startTime: spec.audit_log.start_time } : {}),
      ...(spec.audit_log?.spec !== undefined ? { spec: spec.audit_log.spec } : {}),
      details: spec.audit_log?.details ?? defaults["audit_log.details"],
    },
  };
}

/** Field descriptions and defaults by dotted snake_case path, for the docs generator. */
export const specFieldDocs: Readonly<Record<string, { description: string; default?: unknown }>> =
  Object.fromEntries(
    Object.entries(descriptions).map(([key, description]) => [
      key,
      key in defaults
        ? { description, default: defaults[key as keyof typeof defaults] }
        : { description },
    ]),
  );
