import type { PageLimit } from "./page-limit.js";
import { pageLimits } from "./generated/page-limits.js";

/** The page-limit entry of an operation, if it is a list operation. */
export function pageLimitFor(operationId: string): PageLimit | undefined {
  return (pageLimits as Record<string, PageLimit>)[operationId];
}

/**
 * The page size to ask for: the largest known to be accepted, else the documented default.
 * Benchmarks and the simulator read the same table, so "minimum requests" means the same everywhere.
 */
export function pageSizeFor(operationId: string): number | undefined {
  const limits = pageLimitFor(operationId);
  return (limits?.maxLimit ?? limits?.defaultLimit)?.value;
}
