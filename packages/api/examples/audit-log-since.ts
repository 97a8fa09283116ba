import { createLaunchDarklyClient } from "@cq-launchdarkly/api";

const ld = createLaunchDarklyClient({ accessToken: process.env.LD_ACCESS_TOKEN ?? "" });

// Everything that changed in the last 24 hours, newest first.
const since = Date.now() - 24 * 60 * 60 * 1000;
const walk = ld.walkAuditLog({ cursor: { date: since, ids: [] } });
for await (const entry of walk) {
  console.log(new Date(entry.date).toISOString(), entry.member?.email, entry.title);
}
// Store walk.cursor (only once walk.completed) and pass it next time to read only what is new.
console.log(walk.completed, walk.cursor);
