/** A page-size value together with where it comes from. */
export interface SourcedLimit {
  /** The page size. */
  readonly value: number;
  /** Where the value comes from: "document: …" quotes LaunchDarkly's OpenAPI document; anything else names an outside observation. */
  readonly source: string;
}

/**
 * How one list operation pages.
 * - `offset`: `limit` + `offset` with `_links.next`;
 * - `cursor`: `continuationToken`/`searchAfter`;
 * - `time`: `before`/`after` in epoch ms (the audit log);
 * - `limit`: a single page of at most `limit` items.
 */
export type PaginationStyle = "offset" | "cursor" | "time" | "limit";

/** Page-size facts of one list operation, generated from the OpenAPI document. */
export interface PageLimit {
  /** The operation's path template, e.g. `/api/v2/flags/{projectKey}`. */
  readonly path: string;
  readonly style: PaginationStyle;
  /** The page size the API uses when no `limit` is sent; undefined where the document does not say. */
  readonly defaultLimit: SourcedLimit | undefined;
  /** The largest page size known to be accepted; undefined where nothing states one. */
  readonly maxLimit: SourcedLimit | undefined;
}
