/**
 * One measured sync for `bench:sync`, run in its own process (with a fixed
 * `--max-old-space-size`) so its peak RSS is comparable between runs: core's `runSync` of every
 * table against the simulator at `CHAOS_BENCH_URL`, rows counted and dropped. Prints one JSON line.
 */
import { Writable } from "node:stream";

import { parseSpec, runSync, silentLogger } from "@cq-launchdarkly/core";
import { createMemoryStateClient } from "@cq-launchdarkly/state";
import { allTables } from "@cq-launchdarkly/tables";

const url = process.env.CHAOS_BENCH_URL ?? "";
const token = process.env.CHAOS_BENCH_TOKEN ?? "";
const concurrency = Number(process.env.CHAOS_BENCH_CONCURRENCY ?? "8");

const spec = parseSpec({ access_token: token, base_url: url, concurrency });
const sink = new Writable({ objectMode: true, write: (_message, _encoding, done) => done() });
const started = performance.now();
const summary = await runSync({
  spec,
  tables: allTables(),
  stream: sink,
  logger: silentLogger,
  stateClient: createMemoryStateClient(),
  syncOptions: { tables: ["*"] },
});
const wallMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    status: summary.status,
    wallMs,
    rows: summary.totals.rows,
    requests: summary.totals.requests,
    retries: summary.totals.retries,
    rateLimited: summary.totals.rateLimited,
    waitedMs: summary.totals.waitedMs,
    tables: summary.tables.map((t) => t.table),
    peakRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
