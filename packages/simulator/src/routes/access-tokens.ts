import type { Route } from "./route.js";
import { ApiError } from "../api-error.js";
import { memberAt } from "../data/members.js";
import { offsetPage } from "../paging.js";

/**
 * `GET /tokens`: the caller's own tokens, or every member's with `showAll=true` (LaunchDarkly allows that to
 * Admin and Owner tokens only; `semantics.tokenShowAll: "forbidden"` plays a token that may not). Offset pages,
 * default 25.
 */
export const accessTokenRoutes: readonly Route[] = [
  {
    operationId: "getTokens",
    handle(ctx) {
      const showAll = ctx.query.get("showAll") === "true";
      if (showAll && ctx.options.semantics.tokenShowAll === "forbidden") {
        throw new ApiError(
          403,
          "forbidden",
          "Only Admin and Owner tokens may list every member's tokens",
        );
      }
      const caller = memberAt(ctx.options.seed, 0)._id;
      const tokens = ctx.dataset.account
        .get()
        .accessTokens.filter((token) => showAll || token.memberId === caller);
      return offsetPage(ctx.operationId, ctx.path, ctx.query, tokens);
    },
  },
];
