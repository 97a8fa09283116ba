export type { PageLimit, PaginationStyle, SourcedLimit } from "./page-limit.js";
export type { OperationInfo } from "./operations.js";
export type { components, operations, paths, Schemas } from "./schema-types.js";
export { matchOperation } from "./operations.js";
export { pageLimits } from "./generated/page-limits.js";
