import { getPath } from "@cq-launchdarkly/core";

/**
 * Column resolver: a millisecond epoch as a timestamp, NULL when absent or 0 (LaunchDarkly's "never",
 * e.g. a member's `_lastSeen` before their first login).
 */
export function positiveMsTimestamp<Item>(dotted: string): (item: Item) => Date | null {
  return (item) => {
    const value = getPath(item, dotted);
    return typeof value === "number" && Number.isFinite(value) && value > 0
      ? new Date(value)
      : null;
  };
}
