/** LaunchDarkly's hosted instances. */
export type LaunchDarklyInstance = "us" | "eu" | "federal";

/**
 * Base URLs (host only: every path of the OpenAPI document starts with `/api/v2`).
 * The EU host is stated only in LaunchDarkly's prose, not in the document's `servers`.
 */
export const instanceBaseUrls: Readonly<Record<LaunchDarklyInstance, string>> = {
  us: "https://app.launchdarkly.com",
  eu: "https://app.eu.launchdarkly.com",
  federal: "https://app.launchdarkly.us",
};
