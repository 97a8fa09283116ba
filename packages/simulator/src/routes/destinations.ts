import type { Route } from "./route.js";
import { link } from "../data/context.js";

/** `GET /destinations`: Data Export destinations of every project and environment, unpaginated, `config` included. */
export const destinationRoutes: readonly Route[] = [
  {
    operationId: "getDestinations",
    handle(ctx) {
      return { items: ctx.dataset.account.get().destinations, _links: { self: link(ctx.path) } };
    },
  },
];
