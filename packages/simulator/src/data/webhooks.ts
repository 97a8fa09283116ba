import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { link } from "./context.js";
import { tagPool } from "./naming.js";

/** A generated webhook, `secret` (the signing secret) included as the real API returns it. */
export type SimWebhook = Schemas["Webhook"];

/** Generates webhook `index`; every second one has a signing secret. */
export function generateWebhook(ctx: GeneratorContext, index: number): SimWebhook {
  const random = createRandom(ctx.seed, "webhook", index);
  const id = random.hex(24);
  const webhook: SimWebhook = {
    _links: { self: link(`/api/v2/webhooks/${id}`) },
    _id: id,
    name: `Webhook ${index}`,
    url: `https://hooks.example.com/launchdarkly/${index}`,
    on: index % 3 !== 2,
    tags: random.sample(tagPool, random.int(0, 2)),
    statements: [{ effect: "allow", resources: ["proj/*:env/production:flag/*"], actions: ["*"] }],
    _access: ownerAccess(`webhook/${id}`),
  };
  if (index % 2 === 0) webhook.secret = `whsec-${random.hex(32)}`;
  return webhook;
}
