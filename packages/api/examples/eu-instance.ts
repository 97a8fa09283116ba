import { createLaunchDarklyClient } from "@cq-launchdarkly/api";

// The EU instance (app.eu.launchdarkly.com); "federal" is app.launchdarkly.us.
const ld = createLaunchDarklyClient({
  accessToken: process.env.LD_ACCESS_TOKEN ?? "",
  instance: "eu",
  timeoutMs: 10_000,
  maxRetries: 3,
  logger: console,
});
const me = await ld.getOrThrow("/api/v2/caller-identity");
console.log(me.accountId, me.tokenName);
