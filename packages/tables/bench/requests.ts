/**
 * `pnpm bench:requests`: a full sync of the simulator's `large` profile (every table in the
 * registry), with the requests each table made against the fewest the page-limit table allows
 * (`request-minimums.ts`), per table and in total, and the simulator's count per route. Not a
 * test: it prints figures and never fails on them. `--size tiny|demo|large` picks the profile.
 */
import { Writable } from "node:stream";
import { parseArgs } from "node:util";

import type { SizeProfile } from "@cq-launchdarkly/simulator";
import { parseSpec, runSync, silentLogger } from "@cq-launchdarkly/core";
import { startSimulator } from "@cq-launchdarkly/simulator";
import { createMemoryStateClient } from "@cq-launchdarkly/state";

import { allTables } from "../src/all-tables.js";
import { requestMinimums } from "./request-minimums.js";

const { values } = parseArgs({
  // pnpm passes a literal `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: { size: { type: "string", default: "large" }, concurrency: { type: "string" } },
});
const size = values.size as SizeProfile;
const out = (line = "") => process.stdout.write(`${line}\n`);

const sim = await startSimulator({ size });
try {
  const spec = parseSpec({
    access_token: sim.accessToken,
    base_url: sim.url,
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  });
  // Rows are counted by the engine and dropped: only requests matter here.
  const sink = new Writable({ objectMode: true, write: (_message, _encoding, done) => done() });
  const started = Date.now();
  const summary = await runSync({
    spec,
    tables: allTables(),
    stream: sink,
    logger: silentLogger,
    stateClient: createMemoryStateClient(),
    syncOptions: { tables: ["*"] },
  });
  const seconds = (Date.now() - started) / 1000;
  const truth = sim.truth();

  const c = sim.options.counts;
  out(
    `bench:requests, profile ${size}: ${c.projects} projects x ${c.environmentsPerProject} environments x ${c.flagsPerProject} flags; sync ${summary.status} in ${seconds.toFixed(1)} s`,
  );
  out();
  // `requests` counts every attempt the engine saw, retries (timeouts, 5xx, 429) included.
  const header = ["table", "rows", "requests", "retries", "minimum", "ratio"];
  const lines: string[][] = [];
  let requests = 0;
  let minimum = 0;
  for (const table of summary.tables) {
    const model = requestMinimums[table.table];
    const least = model?.(truth);
    if (least !== undefined) {
      requests += table.requests;
      minimum += least;
    }
    lines.push([
      table.table,
      String(table.rows),
      String(table.requests),
      String(table.retries),
      least === undefined ? "-" : String(least),
      least === undefined
        ? "no model"
        : least === 0
          ? table.requests === 0
            ? "1.00"
            : "inf"
          : (table.requests / least).toFixed(2),
    ]);
  }
  lines.push([
    "total (modelled tables)",
    "",
    String(requests),
    "",
    String(minimum),
    minimum === 0 ? "-" : (requests / minimum).toFixed(2),
  ]);
  lines.push([
    "total (all tables)",
    String(summary.totals.rows),
    String(summary.totals.requests),
    String(summary.totals.retries),
    "",
    "",
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...lines].map((line) => line[i]?.length ?? 0)),
  );
  const format = (line: string[]) =>
    line
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  out(format(header));
  for (const line of lines) out(format(line));

  out();
  out("simulator requests per route:");
  for (const [route, counter] of Object.entries(sim.requests.byRoute()).sort()) {
    out(`  ${route.padEnd(40)} ${String(counter.total).padStart(7)}`);
  }
  if (summary.totals.errors > 0 || summary.totals.warnings > 0) {
    out();
    out(`warnings ${summary.totals.warnings}, errors ${summary.totals.errors}`);
  }
} finally {
  await sim.stop();
}
