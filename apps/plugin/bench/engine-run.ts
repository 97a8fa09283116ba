/**
 * One measured sync, run in its own process so its peak RSS is its own: our engine or the SDK's
 * scheduler, syncing `tables` from a running simulator into a stream that only counts rows.
 * Prints one JSON line: { rows, messages, ms, firstRowMs, peakRssMb }.
 */
import { Writable } from "node:stream";
import { tableFromIPC } from "@cloudquery/plugin-sdk-javascript/arrow";
import { sync as sdkSync } from "@cloudquery/plugin-sdk-javascript/scheduler";
import winston from "winston";

import type { SyncResponse } from "@cq-launchdarkly/core";
import {
  createClientFromSpec,
  createTablesForSdk,
  parseSpec,
  runSync,
  selectTables,
  silentLogger,
} from "@cq-launchdarkly/core";
import { createNoopStateClient } from "@cq-launchdarkly/state";
import { allTables } from "@cq-launchdarkly/tables";

const [variant, url, token, concurrency, ...tables] = process.argv.slice(2);
const spec = parseSpec({ access_token: token, base_url: url, concurrency: Number(concurrency) });
const selection = { tables, skipTables: [], skipDependentTables: false };

const started = performance.now();
let firstRowMs: number | undefined;
let rows = 0;
let messages = 0;
const done = new Promise<void>((resolve, reject) => {
  const stream = new Writable({
    objectMode: true,
    write(message: SyncResponse, _encoding, callback) {
      messages += 1;
      if (message.has_insert) {
        rows += tableFromIPC(message.insert.record).numRows;
        firstRowMs ??= performance.now() - started;
      }
      callback();
    },
  });
  stream.on("finish", resolve);
  stream.on("error", reject);

  if (variant === "engine") {
    void runSync({
      spec,
      tables: allTables(),
      stream,
      syncOptions: selection,
      logger: silentLogger,
    });
  } else {
    const logger = winston.createLogger({ silent: true });
    const client = {
      id: () => "bench",
      client: createClientFromSpec(spec),
      spec,
      logger: silentLogger,
      state: createNoopStateClient(),
      signal: new AbortController().signal,
    };
    void sdkSync({
      logger,
      client,
      tables: createTablesForSdk(selectTables(allTables(), selection)),
      stream: stream as unknown as Parameters<typeof sdkSync>[0]["stream"],
      deterministicCQId: false,
      concurrency: spec.concurrency,
    });
  }
});
await done;
const result = {
  rows,
  messages,
  ms: performance.now() - started,
  firstRowMs: firstRowMs ?? NaN,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
