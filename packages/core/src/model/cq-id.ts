import { createHash, randomUUID } from "node:crypto";

import { uuidString } from "./column-type.js";

const NIL_NAMESPACE = new Uint8Array(16);

/** RFC 4122 UUIDv5 of `name` in `namespace` (what the `uuid` package's `v5` returns). */
export function uuidV5(name: string, namespace: Uint8Array = NIL_NAMESPACE): string {
  const hash = createHash("sha1").update(namespace).update(name, "utf8").digest();
  const bytes = Uint8Array.from(hash.subarray(0, 16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return uuidString(bytes);
}

/**
 * `_cq_id` of a row. With `deterministic` and a primary key, the same UUIDv5 the JS SDK computes
 * (sha256 over sorted PK names and their text values, hex digest as the v5 name, NIL namespace);
 * otherwise a random UUIDv4.
 */
export function cqId(deterministic: boolean, primaryKeyText: ReadonlyMap<string, string>): string {
  if (!deterministic || primaryKeyText.size === 0) return randomUUID();
  const sha256 = createHash("sha256");
  for (const name of [...primaryKeyText.keys()].sort()) {
    sha256.update(name);
    sha256.update(primaryKeyText.get(name) ?? "");
  }
  return uuidV5(sha256.digest("hex"));
}
