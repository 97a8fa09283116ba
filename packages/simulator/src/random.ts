/**
 * A small seeded PRNG (mulberry32) so generated data is the same for the same seed,
 * without a dependency. Streams are derived from labels so each object has its own.
 */

/** A deterministic random stream. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements of a list (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[];
  /** Lower-case hex string of `length` characters. */
  hex(length: number): string;
}

const hexDigits = "0123456789abcdef";

/** FNV-1a over the string form of the parts: a 32-bit seed for a labelled stream. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.join("\u0000");
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A random stream for the given seed and labels, e.g. `createRandom(seed, "flag", p, f)`. */
export function createRandom(...parts: readonly (string | number)[]): Random {
  let state = hashSeed(...parts);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error("pick() from an empty list");
      return item;
    },
    sample<T>(items: readonly T[], count: number): T[] {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < count && pool.length > 0) {
        const [item] = pool.splice(int(0, pool.length - 1), 1);
        if (item !== undefined) out.push(item);
      }
      return out;
    },
    hex(length: number): string {
      // A lookup table and one join: per-character concatenation leaves rope strings that cost GC time.
      const chars: string[] = [];
      while (chars.length < length) {
        let value = Math.floor(next() * 65536);
        for (let i = 0; i < 4 && chars.length < length; i++) {
          chars.push(hexDigits[value & 15] ?? "0");
          value >>>= 4;
        }
      }
      return chars.join("");
    },
  };
}
