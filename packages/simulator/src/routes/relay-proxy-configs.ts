import type { Route } from "./route.js";

/** `GET /account/relay-auto-configs`: every Relay Proxy configuration, unpaginated, `fullKey` included. */
export const relayProxyConfigRoutes: readonly Route[] = [
  {
    operationId: "getRelayProxyConfigs",
    handle(ctx) {
      return { items: ctx.dataset.account.get().relayProxyConfigs };
    },
  },
];
