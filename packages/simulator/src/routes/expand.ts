/**
 * A copy of `item` without the fields the request's `expand` (comma-separated) does not name: LaunchDarkly
 * leaves expandable fields out by default.
 */
export function withExpanded<T extends object>(
  item: T,
  expandable: readonly string[],
  query: URLSearchParams,
): T {
  const wanted = new Set(
    (query.get("expand") ?? "")
      .split(",")
      .map((field) => field.trim())
      .filter(Boolean),
  );
  const copy = { ...item } as Record<string, unknown>;
  for (const field of expandable) if (!wanted.has(field)) delete copy[field];
  return copy as T;
}
