import type { DataCounts } from "../size-profiles.js";

/** What every generator needs: the seed, the counts and the instant the data ends at. */
export interface GeneratorContext {
  readonly seed: string;
  readonly counts: DataCounts;
  /** Epoch ms; generated timestamps lie before it. */
  readonly now: number;
}

/** Milliseconds in a day, for generated dates. */
export const dayMs = 86_400_000;

/** A JSON `Link` with the API's content type. */
export function link(href: string): { href: string; type: string } {
  return { href, type: "application/json" };
}
