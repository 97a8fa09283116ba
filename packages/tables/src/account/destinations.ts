import type { Schemas } from "@cq-launchdarkly/api";
import type { AnyTableDefinition } from "@cq-launchdarkly/core";
import { columnsFromFields, defineTable } from "@cq-launchdarkly/core";

import { withoutSecrets } from "../secrets.js";

export type Destination = Schemas["Destination"];

/** Secret fields of a Data Export destination: its configuration holds the target's credentials. */
export const destinationSecrets = ["config"] as const;

/** The project or environment key from a destination's self link (`/api/v2/destinations/{proj}/{env}/{id}`). */
function fromSelfLink(part: 0 | 1): (item: Destination) => string | null {
  return (item) => {
    const href = item._links?.self?.href;
    const match = href ? /\/destinations\/([^/]+)\/([^/]+)\/[^/?]+/.exec(href) : null;
    const value = match?.[part + 1];
    return value === undefined ? null : decodeURIComponent(value);
  };
}

/**
 * `launchdarkly_destinations`: Data Export destinations of every project and environment, in one
 * request. `config` (credentials of the target) is NULL unless `include_secrets` is on.
 * `project_key` and `environment_key` come from the item's self link (the item has no such fields).
 * @see https://launchdarkly.com/docs/api/data-export-destinations/get-destinations
 */
export function destinations(): AnyTableDefinition {
  return defineTable<Destination>({
    name: "launchdarkly_destinations",
    title: "LaunchDarkly Data Export Destinations",
    description:
      "Data Export destinations of all projects and environments. https://launchdarkly.com/docs/api/data-export-destinations/get-destinations",
    requiredPermission: "read access to Data Export destinations (the built-in Reader role has it)",
    columns: [
      ...columnsFromFields<Destination>({
        _id: { type: "utf8", primaryKey: true, description: "The destination's id." },
        name: "utf8",
        kind: "utf8",
        version: "float64",
        config: {
          type: "json",
          description: "The target's settings and credentials; NULL unless include_secrets.",
        },
        on: "bool",
        _access: "json",
      }),
      {
        name: "project_key",
        type: "utf8",
        description: "The project, from the self link.",
        resolve: fromSelfLink(0),
      },
      {
        name: "environment_key",
        type: "utf8",
        description: "The environment, from the self link.",
        resolve: fromSelfLink(1),
      },
    ],
    async *resolve(ctx) {
      const body = await ctx.client.getOrThrow("/api/v2/destinations");
      yield (body.items ?? []).map((destination) =>
        withoutSecrets(destination, destinationSecrets, ctx.spec.includeSecrets),
      );
    },
  });
}
