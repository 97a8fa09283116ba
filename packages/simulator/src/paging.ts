import { pageLimits } from "@cq-launchdarkly/api";

import { invalidRequest } from "./api-error.js";

interface Link {
  href: string;
  type: string;
}

/** An offset-paginated collection as LaunchDarkly returns it. */
export interface OffsetPage<T> {
  items: T[];
  totalCount: number;
  _links: Record<string, Link>;
}

/**
 * Reads `limit` for an operation: the page-limit table's default when absent, 400 when above its known maximum
 * (or below 1). `fallbackDefault` is for operations the table has no default for.
 */
export function readLimit(
  operationId: string,
  query: URLSearchParams,
  fallbackDefault = 20,
): number {
  const entry = (
    pageLimits as Record<string, (typeof pageLimits)[keyof typeof pageLimits] | undefined>
  )[operationId];
  const raw = query.get("limit");
  if (raw === null || raw === "") return entry?.defaultLimit?.value ?? fallbackDefault;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalidRequest(`limit must be a positive integer, got "${raw}"`);
  }
  const max = entry?.maxLimit?.value;
  if (max !== undefined && limit > max) {
    throw invalidRequest(`limit must be at most ${max}, got ${limit}`);
  }
  return limit;
}

/** Reads `offset` (default 0). */
export function readOffset(query: URLSearchParams): number {
  const raw = query.get("offset");
  if (raw === null || raw === "") return 0;
  const offset = Number(raw);
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidRequest(`offset must be a non-negative integer, got "${raw}"`);
  return offset;
}

/** Root-relative href of `path` with the query, `limit` and `offset` replaced. */
function pageHref(path: string, query: URLSearchParams, limit: number, offset: number): string {
  const params = new URLSearchParams(query);
  params.delete("limit");
  params.delete("offset");
  params.set("limit", String(limit));
  params.set("offset", String(offset));
  return `${path}?${params.toString()}`;
}

/**
 * One page of `items` with `first`/`prev`/`next`/`last`/`self` links (root-relative, present only when the
 * page they name exists) and `totalCount`, as the real offset-paginated lists return.
 */
export function offsetPage<T, R = T>(
  operationId: string,
  path: string,
  query: URLSearchParams,
  items: readonly T[],
  map: (item: T) => R = (item) => item as unknown as R,
): OffsetPage<R> {
  const limit = readLimit(operationId, query);
  const offset = readOffset(query);
  const total = items.length;
  const links: Record<string, Link> = {
    self: { href: pageHref(path, query, limit, offset), type: "application/json" },
  };
  const link = (href: string): Link => ({ href, type: "application/json" });
  if (offset > 0) {
    links.first = link(pageHref(path, query, limit, 0));
    links.prev = link(pageHref(path, query, limit, Math.max(0, offset - limit)));
  }
  if (offset + limit < total) {
    links.next = link(pageHref(path, query, limit, offset + limit));
    links.last = link(pageHref(path, query, limit, Math.floor((total - 1) / limit) * limit));
  }
  return { items: items.slice(offset, offset + limit).map(map), totalCount: total, _links: links };
}
