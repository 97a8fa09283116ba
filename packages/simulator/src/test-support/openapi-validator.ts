import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";

import { applySchemaDeviations } from "../schema-deviations.js";

interface OpenApiOperation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

/** How to provide the document, quoted by the failing test. */
export const specHelp =
  "LD_OPENAPI_SPEC is not set. The schema test needs LaunchDarkly's OpenAPI document (not committed to this repo): " +
  "export LD_OPENAPI_SPEC=/path/to/openapi.json, e.g. the shared copy (../shared/launchdarkly/openapi.json from the repo root) " +
  "or a download of https://app.launchdarkly.com/api/v2/openapi.json";

/**
 * Reads the document named by `LD_OPENAPI_SPEC`, with the known deviations applied unless `deviations` is
 * false; throws {@link specHelp} when the variable is unset.
 */
export function loadSpec(env: NodeJS.ProcessEnv = process.env, deviations = true): OpenApiDocument {
  const path = env.LD_OPENAPI_SPEC;
  if (!path) throw new Error(specHelp);
  const document = JSON.parse(readFileSync(path, "utf8")) as OpenApiDocument;
  return deviations ? applySchemaDeviations(document) : document;
}

/** A validator of response bodies against an operation's documented 200 schema. */
export type ResponseValidator = (operationId: string, body: unknown) => string[];

// ajv-formats is CommonJS: its default import is the module object, whose `default` is the plugin.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

/**
 * Compiles response schemas with OpenAPI 3.0 semantics: `nullable` (ajv's OpenAPI keyword), `$ref`s into
 * `components`, additional properties allowed wherever the document allows them, unknown keywords
 * (`example`, `deprecated`, `x-*`) and the non-standard `format: "string"` ignored.
 */
export function createResponseValidator(spec: OpenApiDocument): ResponseValidator {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("string", true);
  ajv.addSchema({ $id: "ld-openapi.json", components: spec.components });
  const byOperation = new Map<string, unknown>();
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      const schema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
      if (operation.operationId && schema) byOperation.set(operation.operationId, schema);
    }
  }
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (operationId, body) => {
    let validate = compiled.get(operationId);
    if (!validate) {
      const schema = byOperation.get(operationId);
      if (!schema) return [`${operationId} has no documented 200 application/json schema`];
      const rewritten = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', '"ld-openapi.json#/components/'),
      ) as object;
      validate = ajv.compile(rewritten);
      compiled.set(operationId, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
    );
  };
}
