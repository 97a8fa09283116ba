import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { ownerAccess } from "./access-rep.js";
import { dayMs } from "./context.js";
import { memberAt, memberSummary } from "./members.js";

/** A generated Relay Proxy configuration, `fullKey` (the Relay Proxy's secret key) included. */
export type SimRelayProxyConfig = Schemas["RelayAutoConfigRep"];

/** Generates Relay Proxy configuration `index`. */
export function generateRelayProxyConfig(
  ctx: GeneratorContext,
  index: number,
): SimRelayProxyConfig {
  const random = createRandom(ctx.seed, "relay-proxy-config", index);
  const id = random.hex(24);
  const fullKey = `rel-${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}`;
  const created = ctx.now - random.int(10, 500) * dayMs;
  return {
    _id: id,
    _creator: memberSummary(memberAt(ctx.seed, index % 2)),
    _access: ownerAccess(`relay-proxy-config/${id}`),
    name: `Relay ${index === 0 ? "production" : `cluster ${index}`}`,
    policy: [
      {
        effect: "allow",
        resources: [index === 0 ? "proj/*:env/production" : "proj/*:env/*"],
        actions: ["*"],
      },
    ],
    fullKey,
    displayKey: fullKey.slice(-4),
    creationDate: created,
    lastModified: created + random.int(0, 9) * dayMs,
  };
}
