import type { Requester } from "./requester.js";
import { matchOperation } from "./operations.js";
import { pageLimitFor, pageSizeFor } from "./page-size.js";

/** One page of a collection, yielded as soon as it arrives. */
export interface Page<T> {
  readonly items: T[];
  /** The collection's `totalCount`, when LaunchDarkly sends it. */
  readonly totalCount: number | undefined;
  readonly response: Response;
}

interface Collection {
  items?: unknown[];
  totalCount?: number;
  _links?: Record<string, { href?: string } | undefined>;
}

type QueryValue = string | number | boolean | string[] | undefined;

/** The query of a `_links.next` href, with repeated keys (`env=a&env=b`) kept as arrays. */
function queryOfHref(href: string, baseUrl: string): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of new URL(href, baseUrl).searchParams) {
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [String(existing), value];
  }
  return query;
}

/** Operations whose page size was refused once by this client: ask for the default from then on. */
export type FallbackMemory = Map<string, number>;

/**
 * Walks a collection page by page: follows `_links.next` (a root-relative href, resolved against
 * the base URL), or where a response has no links, advances `offset` itself. It stops on a
 * missing `next` link, or (without links) on an empty or short page that `totalCount` does not
 * contradict. Page size comes from the page-limit table; if the API refuses it with 400, the
 * documented default is used instead and that is logged once.
 */
export async function* paginate<T>(
  requester: Requester,
  baseUrl: string,
  fallbacks: FallbackMemory,
  pathTemplate: string,
  init: {
    params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
    signal?: AbortSignal;
  } = {},
): AsyncGenerator<Page<T>, void, undefined> {
  const operationId = matchOperation("GET", pathTemplate)?.operationId ?? pathTemplate;
  const limits = pageLimitFor(operationId);
  const callerQuery = init.params?.query ?? {};
  const explicitLimit = callerQuery.limit as number | undefined;
  let limit = explicitLimit ?? fallbacks.get(operationId) ?? pageSizeFor(operationId);
  const usesOffset = limits === undefined || limits.style === "offset";
  let query: Record<string, unknown> = {
    ...callerQuery,
    ...(limit === undefined ? {} : { limit }),
    ...(usesOffset ? { offset: callerQuery.offset ?? 0 } : {}),
  };
  const seenHrefs = new Set<string>();

  for (;;) {
    const result = await requester.get(pathTemplate, {
      ...init,
      params: { ...init.params, query },
    });
    if (result.error !== undefined || result.data === undefined) {
      const fallback = limits?.defaultLimit?.value;
      if (
        result.response.status === 400 &&
        explicitLimit === undefined &&
        fallback !== undefined &&
        limit !== undefined &&
        limit > fallback
      ) {
        requester.logger?.warn(
          `LaunchDarkly refused page size ${limit} for ${operationId}; using its documented default ${fallback}`,
          { operationId, refused: limit, fallback },
        );
        fallbacks.set(operationId, fallback);
        limit = fallback;
        query = { ...query, limit };
        continue;
      }
      throw requester.toError("GET", result);
    }

    const collection = result.data as Collection;
    const items = (collection.items ?? []) as T[];
    yield { items, totalCount: collection.totalCount, response: result.response };

    const links = collection._links;
    const next = links?.next?.href;
    if (next) {
      if (seenHrefs.has(next)) {
        throw new Error(
          `LaunchDarkly returned the same next page twice for ${operationId} (${next}); stopping to avoid a loop`,
        );
      }
      seenHrefs.add(next);
      query = queryOfHref(next, baseUrl);
      continue;
    }
    if (links && Object.keys(links).length > 0) return;
    if (!usesOffset || items.length === 0) return;
    const offset = Number(query.offset ?? 0) + items.length;
    const total = collection.totalCount;
    if (total !== undefined && offset >= total) return;
    const short = limit !== undefined && items.length < limit;
    if (short && total === undefined) return;
    query = { ...query, offset };
  }
}
