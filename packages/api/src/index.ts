export type { PageLimit, PaginationStyle, SourcedLimit } from "./page-limit.js";
export type { OperationInfo } from "./operations.js";
export { matchOperation } from "./operations.js";
export { pageLimits } from "./generated/page-limits.js";
