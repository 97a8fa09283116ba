import type { Writable } from "node:stream";
import { expectTypeOf, test } from "vitest";

import type { AnyTableDefinition, SyncOutput, SyncStream, TableDefinition } from "./index.js";
import { defineTable, path } from "./index.js";

test("the SDK's Sync stream and a Writable are sync outputs", () => {
  expectTypeOf<SyncStream>().toExtend<SyncOutput>();
  expectTypeOf<Writable>().toExtend<SyncOutput>();
});

test("a typed table fits a registry of any tables", () => {
  const table = defineTable<{ key: string }>({
    name: "t",
    description: "d",
    columns: [{ name: "key", type: "utf8", resolve: (item) => item.key }],
    async *resolve() {
      await Promise.resolve();
      yield { key: "a" };
    },
  });
  expectTypeOf(table).toEqualTypeOf<TableDefinition<{ key: string }>>();
  expectTypeOf(table).toExtend<AnyTableDefinition>();
  expectTypeOf(path<{ key: string }>("key")).toBeFunction();
});
