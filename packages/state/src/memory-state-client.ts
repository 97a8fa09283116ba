import type { StateClient } from "./state-client.js";
import { StateBackendError } from "./state-backend-error.js";

/**
 * In-memory state for tests. A plain object seeds the store (copied). A `Map` *is* the store:
 * `flush()` writes into it, so clients opened on the same Map see each other's flushed values, as
 * after a restart, and a test can assert the stored cursor with `store.get(key)`.
 * Use after `close()` rejects, to catch a sync that flushes too late.
 */
export function createMemoryStateClient(
  initial?: Readonly<Record<string, string>> | Map<string, string>,
): StateClient {
  const store = initial instanceof Map ? initial : new Map(Object.entries(initial ?? {}));
  const dirty = new Map<string, string>();
  let closed = false;

  const whileOpen = <T>(operation: string, run: () => T): Promise<T> =>
    closed
      ? Promise.reject(
          new StateBackendError(
            "closed",
            `Cannot ${operation} on the in-memory state client after close(): flush before closing.`,
          ),
        )
      : Promise.resolve(run());

  return {
    location: "the in-memory state store",
    getKey: (key) => whileOpen("getKey", () => dirty.get(key) ?? store.get(key)),
    setKey: (key, value) =>
      whileOpen("setKey", () => {
        dirty.set(key, value);
      }),
    flush: () =>
      whileOpen("flush", () => {
        for (const [key, value] of dirty) store.set(key, value);
        dirty.clear();
      }),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
