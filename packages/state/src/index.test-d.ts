import { expectTypeOf, it } from "vitest";

import type { BackendOptions, StateClient } from "./index.js";
import {
  connectCloudQueryStateBackend,
  createMemoryStateClient,
  createNoopStateClient,
  fromBackendOptions,
} from "./index.js";

it("returns StateClient from every constructor", () => {
  expectTypeOf(createNoopStateClient()).toEqualTypeOf<StateClient>();
  expectTypeOf(createMemoryStateClient()).toEqualTypeOf<StateClient>();
  expectTypeOf(connectCloudQueryStateBackend).returns.toEqualTypeOf<Promise<StateClient>>();
  expectTypeOf(fromBackendOptions).returns.toEqualTypeOf<Promise<StateClient>>();
});

it("accepts the SDK's backendOptions shape", () => {
  expectTypeOf<{ tableName: string; connection: string }>().toExtend<BackendOptions>();
  expectTypeOf<StateClient["getKey"]>().returns.toEqualTypeOf<Promise<string | undefined>>();
});
