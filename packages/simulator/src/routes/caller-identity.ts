import type { Schemas } from "@cq-launchdarkly/api";

import type { Route } from "./route.js";
import { accountId, memberAt } from "../data/members.js";
import { createRandom } from "../random.js";

/** `GET /caller-identity`: the account, token and member behind the access token (the owner, a personal token). */
export const callerIdentityRoutes: readonly Route[] = [
  {
    operationId: "getCallerIdentity",
    handle(ctx): Schemas["CallerIdentityRep"] {
      const { seed, accessToken } = ctx.options;
      return {
        accountId: accountId(seed),
        authKind: "token",
        tokenKind: "personal",
        tokenName: "Simulator token",
        tokenId: createRandom(seed, "token", accessToken).hex(24),
        memberId: memberAt(seed, 0)._id,
        serviceToken: false,
        scopes: ["reader"],
      };
    },
  },
];
