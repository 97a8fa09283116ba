import { createLaunchDarklyClient, isLaunchDarklyApiError } from "@cq-launchdarkly/api";

const ld = createLaunchDarklyClient({ accessToken: process.env.LD_ACCESS_TOKEN ?? "" });

// Every flag of a project, archived ones included, page by page (100 a page, following _links.next).
try {
  for (const filter of [undefined, "state:archived"]) {
    const pages = ld.paginate("/api/v2/flags/{projectKey}", {
      params: { path: { projectKey: "default" }, query: { summary: false, filter } },
    });
    for await (const page of pages) {
      for (const flag of page.items) console.log(flag.key, flag.kind, flag.archived);
    }
  }
} catch (error) {
  if (isLaunchDarklyApiError(error) && error.status === 404) console.log("no project 'default'");
  else throw error;
}
console.log(ld.stats()); // { requests, retries, rateLimited, waitedMs }
