import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { link } from "./context.js";
import { environmentKey, projectKey } from "./naming.js";

/** A generated Data Export destination; `config` holds the destination's credentials. */
export type SimDestination = Schemas["Destination"];

const kinds = ["google-pubsub", "kinesis", "mparticle", "segment", "azure-event-hubs"] as const;

function configFor(
  kind: (typeof kinds)[number],
  hex: (n: number) => string,
): Record<string, string> {
  switch (kind) {
    case "google-pubsub":
      return { project: "analytics-prod", topic: `ld-events-${hex(6)}` };
    case "kinesis":
      return {
        region: "us-east-1",
        roleArn: `arn:aws:iam::123456789012:role/ld-${hex(6)}`,
        streamName: "ld-events",
      };
    case "mparticle":
      return {
        apiKey: hex(32),
        secret: hex(32),
        userIdentity: "customer_id",
        environment: "production",
      };
    case "segment":
      return { writeKey: hex(32) };
    case "azure-event-hubs":
      return { namespace: "ld-events", name: "flags", policyName: "send", policyKey: hex(44) };
  }
}

/** Generates destination `index`, in one of the first projects' environments. */
export function generateDestination(ctx: GeneratorContext, index: number): SimDestination {
  const random = createRandom(ctx.seed, "destination", index);
  const id = random.hex(24);
  const kind = kinds[index % kinds.length] ?? "segment";
  const projKey = projectKey(ctx.seed, index % Math.max(1, ctx.counts.projects));
  const envKey = environmentKey(index % Math.max(1, ctx.counts.environmentsPerProject));
  return {
    _id: id,
    _links: {
      self: link(`/api/v2/destinations/${projKey}/${envKey}/${id}`),
      parent: link("/api/v2/destinations"),
    },
    name: `${kind} export ${index}`,
    kind,
    version: 1,
    config: configFor(kind, (n) => random.hex(n)),
    on: index % 4 !== 3,
    _access: ownerAccess(`proj/${projKey}:env/${envKey}:destination/${id}`),
  };
}
