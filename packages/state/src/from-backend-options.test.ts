import { afterEach, describe, expect, it } from "vitest";

import type { StateDestination } from "./test-support/state-destination.js";
import { fromBackendOptions } from "./from-backend-options.js";
import { StateBackendError } from "./state-backend-error.js";
import { startStateDestination } from "./test-support/state-destination.js";

describe("fromBackendOptions", () => {
  let backend: StateDestination | undefined;
  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["both empty (as the SDK passes them)", { tableName: "", connection: "" }],
    ["both blank", { tableName: "  ", connection: " " }],
    ["both missing", {}],
  ])("gives the no-op client when backend_options is %s", async (_, options) => {
    const client = await fromBackendOptions(options);
    await client.setKey("cursor", "1");
    await client.flush();
    expect(await client.getKey("cursor")).toBeUndefined();
    await client.close();
  });

  it("names backend_options.connection when only the table name is set", async () => {
    const error = await fromBackendOptions({ tableName: "cq_state", connection: "" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StateBackendError);
    expect(error).toMatchObject({ reason: "config" });
    expect((error as Error).message).toMatch(
      /backend_options\.table_name is set \("cq_state"\) but backend_options\.connection is empty/,
    );
  });

  it("names backend_options.table_name when only the connection is set", async () => {
    const error = await fromBackendOptions({ connection: "localhost:7777" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ reason: "config" });
    expect((error as Error).message).toMatch(
      /backend_options\.connection is set but backend_options\.table_name is empty/,
    );
  });

  it("connects to the CloudQuery backend when both are set", async () => {
    backend = await startStateDestination();
    const client = await fromBackendOptions(
      { tableName: "cq_state", connection: backend.connection },
      { connectTimeoutMs: 5000 },
    );
    await client.setKey("cursor", "1");
    await client.flush();
    await client.close();
    expect(backend.rows("cq_state")).toEqual([{ key: "cursor", value: "1" }]);
  });

  it("passes connect errors through", async () => {
    const error = await fromBackendOptions({
      tableName: "cq_state",
      connection: "unix:///nonexistent/x.sock",
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: "unreachable" });
  });
});
