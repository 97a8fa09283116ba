import type { Schemas } from "@cq-launchdarkly/api";

/**
 * The `_access` object LaunchDarkly adds to resources: what the caller (the account owner behind the
 * simulator's token) may do with it. Nothing is denied; reading is allowed by the owner role.
 */
export function ownerAccess(resource: string): Schemas["Access"] {
  return {
    denied: [],
    allowed: [
      {
        action: "*",
        reason: { effect: "allow", resources: [resource], actions: ["*"], role_name: "Owner" },
      },
    ],
  };
}
