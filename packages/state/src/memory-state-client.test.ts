import { describe, expect, it } from "vitest";

import { createMemoryStateClient } from "./memory-state-client.js";
import { StateBackendError } from "./state-backend-error.js";
import { stateContractSuite } from "./state-contract-suite.js";

stateContractSuite("memory (shared Map)", () => {
  const store = new Map<string, string>();
  return { open: () => Promise.resolve(createMemoryStateClient(store)) };
});

stateContractSuite(
  "memory (no shared store)",
  () => ({ open: () => Promise.resolve(createMemoryStateClient()) }),
  { reopenable: false },
);

describe("createMemoryStateClient", () => {
  it("seeds from a plain object without changing it", async () => {
    const seed = { cursor: "1" };
    const client = createMemoryStateClient(seed);
    expect(await client.getKey("cursor")).toBe("1");
    await client.setKey("cursor", "2");
    await client.flush();
    expect(seed).toEqual({ cursor: "1" });
  });

  it("writes into a Map store only on flush", async () => {
    const store = new Map([["cursor", "1"]]);
    const client = createMemoryStateClient(store);
    await client.setKey("cursor", "2");
    await client.setKey("other", "x");
    expect(Object.fromEntries(store)).toEqual({ cursor: "1" });
    await client.flush();
    expect(Object.fromEntries(store)).toEqual({ cursor: "2", other: "x" });
  });

  it("rejects use after close, so a late flush is caught", async () => {
    const client = createMemoryStateClient();
    await client.close();
    const error = await client.flush().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StateBackendError);
    expect(error).toMatchObject({ reason: "closed" });
    expect((error as Error).message).toMatch(/after close\(\): flush before closing/);
    await expect(client.setKey("k", "v")).rejects.toThrow(/after close/);
    await expect(client.getKey("k")).rejects.toThrow(/after close/);
  });
});
