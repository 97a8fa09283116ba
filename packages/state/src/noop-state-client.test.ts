import { expect, it } from "vitest";

import { createNoopStateClient } from "./noop-state-client.js";
import { stateContractSuite } from "./state-contract-suite.js";

stateContractSuite("noop", () => ({ open: () => Promise.resolve(createNoopStateClient()) }), {
  discardsValues: true,
});

it("forgets values even after flush", async () => {
  const client = createNoopStateClient();
  await client.setKey("cursor", "1");
  await client.flush();
  expect(await client.getKey("cursor")).toBeUndefined();
});
