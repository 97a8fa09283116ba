import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";

import { cqId, uuidV5 } from "./cq-id.js";

describe("cqId", () => {
  it("is the uuid package's v5 (NIL namespace) over the sha256 hex of sorted PK names and values", () => {
    // Reference value from `uuid@11` v5(name, NIL), the function the SDK calls.
    const name = createHash("sha256").update("key").update("abc").digest("hex");
    expect(uuidV5(name)).toBe("4d11ba15-93bb-5adb-9181-731001a5a6fe");
    expect(cqId(true, new Map([["key", "abc"]]))).toBe("4d11ba15-93bb-5adb-9181-731001a5a6fe");
  });

  it("sorts primary keys by name", () => {
    const a = cqId(
      true,
      new Map([
        ["b", "2"],
        ["a", "1"],
      ]),
    );
    const b = cqId(
      true,
      new Map([
        ["a", "1"],
        ["b", "2"],
      ]),
    );
    expect(a).toBe(b);
  });

  it("is random without deterministic ids or without a primary key", () => {
    expect(cqId(false, new Map([["key", "abc"]]))).not.toBe(cqId(false, new Map([["key", "abc"]])));
    expect(cqId(true, new Map())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
