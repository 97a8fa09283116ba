import { createLaunchDarklyClient } from "@cq-launchdarkly/api";

const ld = createLaunchDarklyClient({ accessToken: process.env.LD_ACCESS_TOKEN ?? "" });

// A plain typed call: openapi-fetch's { data, error, response }.
const { data, error } = await ld.GET("/api/v2/projects", { params: { query: { limit: 20 } } });
if (error) throw new Error(`listing projects failed: ${error.message}`);
for (const project of data.items) console.log(project.key, project.name);
