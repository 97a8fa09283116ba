import type { Simulator } from "../server.js";

/** A parsed simulator response. */
export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** GETs `path` (root-relative, e.g. `/api/v2/projects`) with the simulator's token unless headers say otherwise. */
export async function get<T = unknown>(
  sim: Pick<Simulator, "url" | "accessToken">,
  path: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(new URL(path, sim.url), {
    headers: { Authorization: sim.accessToken, "LD-API-Version": "20240415", ...headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/** A collection response as the offset lists return it. */
export interface Collection<T = Record<string, unknown>> {
  items: T[];
  totalCount?: number;
  _links: Record<string, { href: string } | undefined>;
}

/** Follows `_links.next` from `path` and returns every page. */
export async function walk<T = Record<string, unknown>>(
  sim: Pick<Simulator, "url" | "accessToken">,
  path: string,
  maxPages = 10_000,
): Promise<Collection<T>[]> {
  const pages: Collection<T>[] = [];
  let next: string | undefined = path;
  while (next !== undefined && pages.length < maxPages) {
    const response: JsonResponse<Collection<T>> = await get<Collection<T>>(sim, next);
    if (response.status !== 200)
      throw new Error(`GET ${next} answered ${response.status}: ${JSON.stringify(response.body)}`);
    pages.push(response.body);
    next = response.body._links.next?.href;
  }
  return pages;
}
