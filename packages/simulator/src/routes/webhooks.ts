import type { Route } from "./route.js";
import { link } from "../data/context.js";

/** `GET /webhooks`: every webhook, unpaginated, signing secrets included. */
export const webhookRoutes: readonly Route[] = [
  {
    operationId: "getAllWebhooks",
    handle(ctx) {
      return { items: ctx.dataset.account.get().webhooks, _links: { self: link(ctx.path) } };
    },
  },
];
