/**
 * Test helpers for packages that validate LaunchDarkly responses themselves: the known deviations of the real
 * API from its OpenAPI document.
 */
export type { SchemaDeviation } from "./schema-deviations.js";
export { applySchemaDeviations, schemaDeviations } from "./schema-deviations.js";
