import type { Route } from "./route.js";
import { approvalRequestExpandable } from "../data/approval-requests.js";
import { offsetPage } from "../paging.js";
import { withExpanded } from "./expand.js";

/** `GET /approval-requests`: offset pages, default 20, at most 200; `expand=flag,project,environments`. */
export const approvalRequestRoutes: readonly Route[] = [
  {
    operationId: "getApprovalRequests",
    handle(ctx) {
      const requests = ctx.dataset.account.get().approvalRequests;
      return offsetPage(ctx.operationId, ctx.path, ctx.query, requests, (request) =>
        withExpanded(request, approvalRequestExpandable, ctx.query),
      );
    },
  },
];
