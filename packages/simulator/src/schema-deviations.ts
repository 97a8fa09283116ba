/**
 * Where the real LaunchDarkly API is known to differ from its OpenAPI document. The schema-validation test
 * applies these to the document before validating simulator responses; any other mismatch is a simulator bug.
 */
export interface SchemaDeviation {
  /** Component schema name, e.g. `FlagStatusRep`. */
  schema: string;
  /** Property of that schema. */
  property: string;
  /** Keywords merged into the property's schema (OpenAPI 3.0), e.g. `{ nullable: true }`. */
  change: Record<string, unknown>;
  /** What the real API does. */
  reason: string;
  /** Where that is documented. */
  source: string;
}

const mcpOverlay =
  "launchdarkly/mcp-server spec-fix overlay (schemas/): 'API returns null for lastRequested when a flag has never been evaluated'";

/** The known deviations, each with its source. */
export const schemaDeviations: readonly SchemaDeviation[] = [
  {
    schema: "FlagStatusRep",
    property: "lastRequested",
    change: { nullable: true },
    reason: "null when the flag has never been evaluated in the environment",
    source: mcpOverlay,
  },
  {
    schema: "FeatureFlagStatus",
    property: "lastRequested",
    change: { nullable: true },
    reason: "null when the flag has never been evaluated in the environment",
    source: mcpOverlay,
  },
];

interface SchemaDocument {
  components?: {
    schemas?: Record<string, { properties?: Record<string, Record<string, unknown>> }>;
  };
}

/**
 * Returns a copy of an OpenAPI document with the deviations applied (the input is not changed).
 * Throws if a deviation names a schema or property the document lacks, so stale entries are noticed.
 */
export function applySchemaDeviations<T>(
  document: T,
  deviations: readonly SchemaDeviation[] = schemaDeviations,
): T {
  const copy = structuredClone(document);
  const schemas = (copy as SchemaDocument).components?.schemas ?? {};
  for (const deviation of deviations) {
    const property = schemas[deviation.schema]?.properties?.[deviation.property];
    if (!property)
      throw new Error(`Schema deviation for missing ${deviation.schema}.${deviation.property}`);
    Object.assign(property, deviation.change);
  }
  return copy;
}
