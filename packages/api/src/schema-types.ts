/**
 * The only module that imports the generated OpenAPI types; everything else imports these aliases.
 */
import type { components, operations, paths } from "./generated/schema.js";

export type { components, operations, paths };

/** Every component schema of LaunchDarkly's API, e.g. `Schemas["FeatureFlag"]`. */
export type Schemas = components["schemas"];
