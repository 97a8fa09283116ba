import type { Route } from "./route.js";
import { memberExpandable } from "../data/account-members.js";
import { offsetPage } from "../paging.js";
import { withExpanded } from "./expand.js";

/** `GET /members`: account members, offset pages (default 20); `expand=roleAttributes`. */
export const memberRoutes: readonly Route[] = [
  {
    operationId: "getMembers",
    handle(ctx) {
      const { members } = ctx.dataset.account.get();
      return offsetPage(ctx.operationId, ctx.path, ctx.query, members, (member) =>
        withExpanded(member, memberExpandable, ctx.query),
      );
    },
  },
];
