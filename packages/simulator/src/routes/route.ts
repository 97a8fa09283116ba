import type { Dataset } from "../data/dataset.js";
import type { ResolvedOptions } from "../options.js";

/** What a route handler sees of a request. */
export interface RouteContext {
  /** The URL path, e.g. `/api/v2/flags/default`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Path parameters by the names in the OpenAPI path template, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The OpenAPI operationId the request addresses. */
  readonly operationId: string;
  /** `LD-API-Version` of the request, or the token's default. */
  readonly apiVersion: string;
  readonly dataset: Dataset;
  readonly options: ResolvedOptions;
}

/**
 * One served operation. A resource's file exports a list of these and `all-routes.ts` registers it, so adding
 * a resource is one route file (plus its generator in `data/`). Handlers return the JSON body of a 200 or
 * throw an `ApiError`; they must not mutate the dataset's objects (copy before shaping).
 */
export interface Route {
  /** The OpenAPI operationId, e.g. `getFeatureFlags`. */
  readonly operationId: string;
  readonly handle: (ctx: RouteContext) => unknown;
}

/** A path parameter the route needs (the router always provides the template's parameters). */
export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined)
    throw new Error(`Route ${ctx.operationId} has no path parameter ${name}`);
  return value;
}

/**
 * Splits LaunchDarkly's `filter` parameter (`field:value,field:value`) into pairs. Commas inside `{...}`
 * (JSON-valued filters such as `creationDate:{"before":1}`) do not split.
 */
export function parseFilter(filter: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!filter) return out;
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= filter.length; i++) {
    const char = filter[i];
    if (char === "{") depth++;
    else if (char === "}") depth--;
    else if ((char === "," && depth === 0) || char === undefined) {
      parts.push(filter.slice(start, i));
      start = i + 1;
    }
  }
  for (const part of parts) {
    const colon = part.indexOf(":");
    if (colon > 0) out.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
  }
  return out;
}

/** Sorts a copy by a `sort` parameter (`field` or `-field`, first field only) over the given accessors. */
export function sortBy<T>(
  items: readonly T[],
  sort: string | null,
  fields: Record<string, (item: T) => string | number | boolean>,
): T[] {
  const copy = [...items];
  const first = sort?.split(",")[0]?.trim();
  if (!first) return copy;
  const descending = first.startsWith("-");
  const get = fields[descending ? first.slice(1) : first];
  if (!get) return copy;
  copy.sort((a, b) => {
    const x = get(a);
    const y = get(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
  return copy;
}

/** Whether an API version is 20240415 or later (`beta` counts as the latest). */
export function isAtLeast20240415(apiVersion: string): boolean {
  return apiVersion === "beta" || apiVersion >= "20240415";
}
