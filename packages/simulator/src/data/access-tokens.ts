import type { Schemas } from "@cq-launchdarkly/api";

import type { GeneratorContext } from "./context.js";
import { createRandom } from "../random.js";
import { dayMs, link } from "./context.js";
import { memberAt, memberSummary } from "./members.js";

/** A generated access token: `token` holds only its last 4 characters, as the API returns it. */
export type SimAccessToken = Schemas["Token"];

/** Generates access token `index`, owned by one of the first `owners` members (member 0, the caller, owns every third). */
export function generateAccessToken(
  ctx: GeneratorContext,
  index: number,
  owners: number,
): SimAccessToken {
  const random = createRandom(ctx.seed, "access-token", index);
  const owner = memberAt(ctx.seed, index % 3 === 0 ? 0 : random.int(1, Math.max(1, owners - 1)));
  const created = ctx.now - random.int(1, 700) * dayMs;
  const id = random.hex(24);
  const service = index % 4 === 1;
  const token: SimAccessToken = {
    _id: id,
    ownerId: owner._id,
    memberId: owner._id,
    _member: memberSummary(owner),
    name: service ? `ci-service-${index}` : `personal-${index}`,
    description: service ? "Used by CI to sync flags" : `Token ${index} of ${owner.firstName}`,
    creationDate: created,
    lastModified: created + random.int(0, 30) * dayMs,
    customRoleIds: [],
    role: random.pick(["reader", "writer", "admin"]),
    token: random.hex(4),
    serviceToken: service,
    _links: { self: link(`/api/v2/tokens/${id}`), parent: link("/api/v2/tokens") },
    defaultApiVersion: 20240415,
  };
  if (random.chance(0.7)) token.lastUsed = ctx.now - random.int(0, 20) * dayMs;
  if (index % 5 === 2) {
    delete token.role;
    token.inlineRole = [
      { effect: "allow", resources: ["proj/*:env/*:flag/*"], actions: ["updateOn"] },
    ];
  }
  return token;
}
