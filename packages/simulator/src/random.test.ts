import { describe, expect, it } from "vitest";

import { createRandom, hashSeed } from "./random.js";

describe("createRandom", () => {
  it("gives the same stream for the same labels and a different one otherwise", () => {
    const a = createRandom(42, "flag", 1);
    const b = createRandom(42, "flag", 1);
    const c = createRandom(42, "flag", 2);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it("keeps int() within bounds and sample() distinct", () => {
    const random = createRandom("bounds");
    for (let i = 0; i < 1000; i++) {
      const value = random.int(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
    }
    const sample = random.sample(["a", "b", "c", "d"], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.hex(24)).toMatch(/^[0-9a-f]{24}$/);
  });

  it("hashes labels stably", () => {
    expect(hashSeed("a", 1)).toBe(hashSeed("a", 1));
    expect(hashSeed("a", 1)).not.toBe(hashSeed("a1"));
  });
});
