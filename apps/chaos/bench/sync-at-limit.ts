/**
 * `pnpm bench:sync`: full syncs of every table against the simulator set to a latency per request
 * and a real rate limit, at several `concurrency` values and two data sizes. Each sync runs in a
 * child process with `--max-old-space-size=256` (see sync-child.ts) so peak RSS is comparable.
 * Prints requests vs the page-limit minimum, wall time vs the lower bound
 * max(min x latency / concurrency, min / rate, longest chain x latency), 429s and peak RSS.
 * Not a test: it prints figures and never fails on them.
 *
 * Options: --latency 20 (ms), --global 200 (requests per window; 0 = no limit), --window 10000 (ms),
 * --concurrency 2,4,8,16, --sizes small,large, --heap 256 (MB).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";

import type { DataCounts } from "@cq-launchdarkly/simulator";
import { sizeProfiles, startSimulator } from "@cq-launchdarkly/simulator";

import { printLine } from "../src/report-printer.js";
import { longestChain, minimumRequests } from "./request-bounds.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    latency: { type: "string", default: "20" },
    global: { type: "string", default: "200" },
    window: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "2,4,8,16" },
    sizes: { type: "string", default: "small,large" },
    heap: { type: "string", default: "256" },
  },
});

/** The two data sizes: `large` has about twice the rows and requests of `small`. */
const sizes: Record<string, DataCounts> = {
  small: {
    ...sizeProfiles.tiny,
    projects: 6,
    environmentsPerProject: 3,
    flagsPerProject: 300,
    segmentsPerEnvironment: 30,
    auditEntries: 1_000,
    members: 100,
    accessTokens: 100,
  },
  large: {
    ...sizeProfiles.tiny,
    projects: 12,
    environmentsPerProject: 3,
    flagsPerProject: 600,
    segmentsPerEnvironment: 30,
    auditEntries: 2_000,
    members: 200,
    accessTokens: 200,
  },
};

interface ChildResult {
  status: string;
  wallMs: number;
  rows: number;
  requests: number;
  retries: number;
  rateLimited: number;
  waitedMs: number;
  tables: string[];
  peakRssKb: number;
}

function runChild(env: Record<string, string>, heapMb: string): Promise<ChildResult> {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapMb}`,
      "--import",
      "tsx",
      path.join(import.meta.dirname, "sync-child.ts"),
    ],
    {
      cwd: path.join(import.meta.dirname, ".."),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("close", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{"))
        reject(new Error(`sync child exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

const latencyMs = Number(values.latency);
const globalLimit = Number(values.global);
const windowMs = Number(values.window);
const rate = globalLimit > 0 ? globalLimit / windowMs : Infinity; // requests per ms
const concurrencies = values.concurrency.split(",").map(Number);

printLine(
  `bench:sync: ${latencyMs} ms latency per request, rate limit ${globalLimit > 0 ? `${globalLimit} requests / ${windowMs / 1000} s (global)` : "none"}, heap ${values.heap} MB, node ${process.version}`,
);
const header = [
  "size",
  "conc",
  "rows",
  "requests",
  "min",
  "req/min",
  "wall s",
  "bound s",
  "wall/bound",
  "chain",
  "429s",
  "retries",
  "peak RSS MB",
];
const rows: string[][] = [];
const floors: string[] = [];
for (const sizeName of values.sizes.split(",")) {
  const counts = sizes[sizeName];
  if (!counts) throw new Error(`unknown size ${sizeName}`);
  {
    // The processing floor: the same sync with no latency and no rate limit (simulator and sync
    // share the machine's cores), which the network bound above cannot go below either.
    const sim = await startSimulator({ counts, seed: 1 });
    try {
      sim.truth();
      const result = await runChild(
        {
          CHAOS_BENCH_URL: sim.url,
          CHAOS_BENCH_TOKEN: sim.accessToken,
          CHAOS_BENCH_CONCURRENCY: "8",
        },
        values.heap,
      );
      const floor = `${sizeName}: ${sim.requests.total} requests, ${result.rows} rows in ${(result.wallMs / 1000).toFixed(1)} s with no latency and no limit (concurrency 8)`;
      floors.push(floor);
      printLine(`processing floor ${floor}`);
    } finally {
      await sim.stop();
    }
  }
  for (const concurrency of concurrencies) {
    const sim = await startSimulator({
      counts,
      seed: 1,
      faults: [{ fault: { kind: "latency", ms: latencyMs } }],
      ...(globalLimit > 0 ? { rateLimit: { global: globalLimit, windowMs } } : {}),
    });
    try {
      // Generate every object up front: the simulator builds data lazily on first read, which
      // would otherwise be timed as part of the sync.
      sim.truth();
      const result = await runChild(
        {
          CHAOS_BENCH_URL: sim.url,
          CHAOS_BENCH_TOKEN: sim.accessToken,
          CHAOS_BENCH_CONCURRENCY: String(concurrency),
        },
        values.heap,
      );
      const truth = sim.truth();
      const { total: min } = minimumRequests(truth, result.tables);
      const chain = longestChain(truth);
      const boundMs = Math.max((min * latencyMs) / concurrency, min / rate, chain * latencyMs);
      const served = sim.requests.total;
      const line = [
        sizeName,
        String(concurrency),
        String(result.rows),
        String(served),
        String(min),
        (served / min).toFixed(2),
        (result.wallMs / 1000).toFixed(1),
        (boundMs / 1000).toFixed(1),
        (result.wallMs / boundMs).toFixed(2),
        String(chain),
        String(sim.requests.count({ status: 429 })),
        String(result.retries),
        (result.peakRssKb / 1024).toFixed(0),
      ];
      if (result.status !== "ok") line.push(`(sync ${result.status})`);
      rows.push(line);
      printLine(line.join("  "));
    } finally {
      await sim.stop();
    }
  }
}
printLine();
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const fmt = (cells: string[]) =>
  `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(" | ")} |`;
printLine(fmt(header));
printLine(`|${widths.map((w) => "-".repeat(w + 1) + ":").join("|")}|`);
for (const row of rows) printLine(fmt(row));
printLine();
for (const floor of floors) printLine(`processing floor ${floor}`);
