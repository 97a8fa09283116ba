import type { Route } from "./route.js";
import { offsetPage } from "../paging.js";

/** `GET /roles`: custom roles (presets included), offset pages (default 20). */
export const customRoleRoutes: readonly Route[] = [
  {
    operationId: "getCustomRoles",
    handle(ctx) {
      return offsetPage(
        ctx.operationId,
        ctx.path,
        ctx.query,
        ctx.dataset.account.get().customRoles,
      );
    },
  },
];
