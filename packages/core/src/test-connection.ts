import { isLaunchDarklyApiError } from "@cq-launchdarkly/api";

import type { PluginSpec } from "./spec.js";
import { createClientFromSpec } from "./api-client.js";
import { parseSpec } from "./spec.js";

/** The answer of the TestConnection RPC (the SDK's `testConnection` result). */
export interface TestConnectionResult {
  /** True when the token could read `/api/v2/caller-identity`. */
  success: boolean;
  /** `INVALID_SPEC`, `INVALID_CREDENTIALS` (401), `FORBIDDEN` (403) or `CONNECTION_FAILED`. */
  failureCode?: string;
  /** What went wrong and what to do; never contains the token. */
  failureDescription?: string;
}

/**
 * Checks that the spec is valid and the token works: GET /api/v2/caller-identity.
 * Takes the raw spec JSON (as the SDK passes it) or a parsed spec. Never rejects.
 * @see https://launchdarkly.com/docs/api/other/get-caller-identity
 */
export async function testConnection(
  spec: string | PluginSpec,
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<TestConnectionResult> {
  let parsed: PluginSpec;
  try {
    parsed = typeof spec === "string" ? parseSpec(spec) : spec;
  } catch (error) {
    return {
      success: false,
      failureCode: "INVALID_SPEC",
      failureDescription: error instanceof Error ? error.message : String(error),
    };
  }
  try {
    const client = createClientFromSpec(
      { ...parsed, maxRetries: Math.min(parsed.maxRetries, 1) },
      {
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    await client.getOrThrow("/api/v2/caller-identity");
    return { success: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const redacted = message.split(parsed.accessToken).join("[REDACTED]");
    if (isLaunchDarklyApiError(error) && error.status === 401) {
      return { success: false, failureCode: "INVALID_CREDENTIALS", failureDescription: redacted };
    }
    if (isLaunchDarklyApiError(error) && error.status === 403) {
      return { success: false, failureCode: "FORBIDDEN", failureDescription: redacted };
    }
    return { success: false, failureCode: "CONNECTION_FAILED", failureDescription: redacted };
  }
}
