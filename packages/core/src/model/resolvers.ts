import type { ParentResource } from "./table-definition.js";

/** Reads a dotted path (`a.b.c`) from a value; undefined when any step is missing. */
export function getPath(value: unknown, dotted: string): unknown {
  let current: unknown = value;
  for (const key of dotted.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Column resolver: the item's value at a dotted path. */
export function path<Item = unknown>(dotted: string): (item: Item) => unknown {
  return (item) => getPath(item, dotted);
}

/** Column resolver: a millisecond epoch (LaunchDarkly's `creationDate` etc.) as a timestamp. */
export function msEpochTimestamp<Item = unknown>(dotted: string): (item: Item) => Date | null {
  return (item) => {
    const value = getPath(item, dotted);
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    return new Date(value);
  };
}

/** Column resolver: an ISO 8601 / RFC 3339 string as a timestamp (null when absent or invalid). */
export function isoTimestamp<Item = unknown>(dotted: string): (item: Item) => Date | null {
  return (item) => {
    const value = getPath(item, dotted);
    if (typeof value !== "string") return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  };
}

/** Column resolver: a resolved column of the parent row (e.g. the parent's `key` as `project_key`). */
export function parentColumn<Item = unknown>(
  column: string,
): (item: Item, parent: ParentResource | undefined) => unknown {
  return (_item, parent) => parent?.row[column];
}
