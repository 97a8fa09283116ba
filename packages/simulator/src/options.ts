import type { FaultRule, RateLimitConfig } from "./faults.js";
import type { DataCounts, SizeProfile } from "./size-profiles.js";
import { sizeProfiles } from "./size-profiles.js";

/**
 * Behaviours LaunchDarkly's document does not state. Each is switchable so tests can prove
 * client code right under every reading; the defaults are our best guess of the real API.
 */
export interface Semantics {
  /** Audit-log order: the real API is observed to return newest first. */
  auditOrder: "newest-first" | "oldest-first";
  /** Whether `before=t` on the audit log includes entries dated exactly `t` ("occurred before" suggests exclusive). */
  auditBefore: "exclusive" | "inclusive";
  /** Whether `after=t` on the audit log includes entries dated exactly `t`. */
  auditAfter: "exclusive" | "inclusive";
  /**
   * More `env` values on the flag list than `flagEnvironmentLimit`: `error` answers 400 (as observed under 20240415),
   * `truncate` keeps the first ones, `ignore` returns all of them.
   */
  flagEnvironmentLimitMode: "error" | "truncate" | "ignore";
  /** The most `env` values the flag list accepts (3, per Flagsmith and RoadieHQ's observations). */
  flagEnvironmentLimit: number;
  /** `GET /tokens?showAll=true`: `allowed` (an Admin or Owner token) or `forbidden` (403, as for other roles). */
  tokenShowAll: "allowed" | "forbidden";
}

/** Options of {@link startSimulator}; everything is optional. */
export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Seed of the generated data: the same seed and counts give the same data. Default 1. */
  seed?: number | string;
  /** Size profile; default `tiny`. */
  size?: SizeProfile;
  /** Counts overriding the size profile's. */
  counts?: Partial<DataCounts>;
  /** The access token the server accepts in `Authorization` (raw, no `Bearer`). */
  accessToken?: string;
  /** API version used when a request sends no `LD-API-Version` (a token's default version); default 20240415. */
  defaultApiVersion?: string;
  /** The instant the generated data ends at (epoch ms): fixed by default so data is reproducible. */
  now?: number;
  /** Undocumented behaviours; see {@link Semantics}. */
  semantics?: Partial<Semantics>;
  /** Fault rules active from the start; change them at run time through `faults`. */
  faults?: FaultRule[];
  /** A true rate limit (requests per window, global and per route); off by default. */
  rateLimit?: RateLimitConfig;
  /** Keep at most this many entries in the request log (counters are kept regardless); default 100,000. */
  requestLogLimit?: number;
}

/** Options with every default applied. */
export interface ResolvedOptions {
  port: number;
  host: string;
  seed: string;
  counts: DataCounts;
  accessToken: string;
  defaultApiVersion: string;
  now: number;
  semantics: Semantics;
  faults: FaultRule[];
  rateLimit: RateLimitConfig | undefined;
  requestLogLimit: number;
}

/** The default access token: shaped like a LaunchDarkly API access token. */
export const defaultAccessToken = "api-5f5e1d2c-0000-4000-8000-00000000c0de";

/** 2026-01-01T00:00:00Z: generated timestamps lie before it. */
export const defaultNow = 1_767_225_600_000;

/** The default readings of the undocumented behaviours. */
export const defaultSemantics: Readonly<Semantics> = {
  auditOrder: "newest-first",
  auditBefore: "exclusive",
  auditAfter: "exclusive",
  flagEnvironmentLimitMode: "error",
  flagEnvironmentLimit: 3,
  tokenShowAll: "allowed",
};

/** Applies defaults and checks counts. */
export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const size = options.size ?? "tiny";
  const profile = sizeProfiles[size] as DataCounts | undefined;
  if (!profile) throw new Error(`Unknown size profile "${size}" (use tiny, demo or large)`);
  const counts: DataCounts = { ...profile, ...options.counts };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`counts.${name} must be a non-negative integer, got ${String(value)}`);
    }
  }
  if (counts.projects > 0 && counts.environmentsPerProject < 1) {
    throw new Error("counts.environmentsPerProject must be at least 1");
  }
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    seed: String(options.seed ?? 1),
    counts,
    accessToken: options.accessToken ?? defaultAccessToken,
    defaultApiVersion: options.defaultApiVersion ?? "20240415",
    now: options.now ?? defaultNow,
    semantics: { ...defaultSemantics, ...options.semantics },
    faults: options.faults ?? [],
    rateLimit: options.rateLimit,
    requestLogLimit: options.requestLogLimit ?? 100_000,
  };
}
