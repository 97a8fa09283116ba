/**
 * Drops secret fields from an API item unless the spec's `include_secrets` is on. Done where
 * items enter the sync, so a secret never reaches a row, a log line or a destination by default.
 */
export function withoutSecrets<Item extends object>(
  item: Item,
  fields: readonly (keyof Item & string)[],
  includeSecrets: boolean,
): Item {
  if (includeSecrets) return item;
  const copy = { ...item };
  for (const field of fields) delete copy[field];
  return copy;
}
