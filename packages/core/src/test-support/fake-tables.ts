import { setTimeout as sleep } from "node:timers/promises";

import { LaunchDarklyApiError } from "@cq-launchdarkly/api";

import type { AnyTableDefinition, TableDefinition } from "../model/table-definition.js";
import { parentColumn, path } from "../model/resolvers.js";
import { defineTable } from "../model/table-definition.js";

/** Counts resolver `next()` calls in flight across all tables. */
export class InFlight {
  current = 0;
  peak = 0;

  async around<T>(fn: () => Promise<T>): Promise<T> {
    this.current += 1;
    this.peak = Math.max(this.peak, this.current);
    try {
      return await fn();
    } finally {
      this.current -= 1;
    }
  }
}

/** An API error as the api package throws it. */
export function apiError(status: number, path = "/api/v2/thing"): LaunchDarklyApiError {
  return new LaunchDarklyApiError(`LaunchDarkly GET ${path} failed with ${status}`, {
    status,
    method: "GET",
    path,
  });
}

interface Parent {
  key: string;
  n: number;
}
interface Child {
  id: string;
  value: string;
}

/** Options of `fakeTables`. */
export interface FakeTableOptions {
  parents?: number;
  pageSize?: number;
  childrenPerParent?: number;
  latencyMs?: number;
  inFlight?: InFlight;
  /** Throws this from the child resolver of the parent with this key. */
  failChildOf?: Record<string, Error>;
  /** Throws this from the parent resolver after the first page. */
  failParentAfterFirstPage?: Error;
  /** Extra payload per child row (bytes). */
  payload?: number;
}

/** A parent table `fake_parents` (paged) with a child `fake_parent_children`. */
export function fakeTables(options: FakeTableOptions = {}): {
  parent: TableDefinition<Parent>;
  child: TableDefinition<Child>;
  all: AnyTableDefinition[];
} {
  const parents = options.parents ?? 10;
  const pageSize = options.pageSize ?? 3;
  const childrenPerParent = options.childrenPerParent ?? 2;
  const latency = options.latencyMs ?? 1;
  const inFlight = options.inFlight ?? new InFlight();
  const payload = "x".repeat(options.payload ?? 0);

  const child = defineTable<Child>({
    name: "fake_parent_children",
    description: "children https://example.com/docs/children",
    requiredPermission: "the `viewChildren` action",
    columns: [
      { name: "parent_key", type: "utf8", primaryKey: true, resolve: parentColumn("key") },
      { name: "id", type: "utf8", primaryKey: true, resolve: path("id") },
      { name: "value", type: "utf8", resolve: path("value") },
    ],
    async *resolve(_ctx, parent) {
      const key = String(parent?.row.key);
      const failure = options.failChildOf?.[key];
      const page = await inFlight.around(async () => {
        await sleep(latency);
        if (failure) throw failure;
        return Array.from({ length: childrenPerParent }, (_, i) => ({
          id: `${key}-c${i}`,
          value: `v${i}${payload}`,
        }));
      });
      yield page;
    },
  });

  const parent = defineTable<Parent>({
    name: "fake_parents",
    description: "parents https://example.com/docs/parents",
    columns: [
      { name: "key", type: "utf8", primaryKey: true, resolve: path("key") },
      { name: "n", type: "int64", resolve: path("n") },
    ],
    children: [child],
    async *resolve() {
      for (let offset = 0; offset < parents; offset += pageSize) {
        const page = await inFlight.around(async () => {
          await sleep(latency);
          if (offset > 0 && options.failParentAfterFirstPage)
            throw options.failParentAfterFirstPage;
          return Array.from({ length: Math.min(pageSize, parents - offset) }, (_, i) => ({
            key: `p${offset + i}`,
            n: offset + i,
          }));
        });
        yield page;
      }
    },
  });

  return { parent, child, all: [parent] };
}
