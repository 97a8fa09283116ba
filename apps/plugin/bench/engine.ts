/**
 * `pnpm bench:engine`: the same tables against the same simulator data, our streaming engine vs
 * the SDK's own scheduler, at two data sizes. Prints rows/s, time to first row and peak RSS of
 * each, and the ratios against the SDK measured in the same run. Each sync runs in a child
 * process (so its RSS is its own); the simulator runs here.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

import type { DataCounts } from "@cq-launchdarkly/simulator";
import { startSimulator } from "@cq-launchdarkly/simulator";

const run = promisify(execFile);
const tables = ["launchdarkly_project_flags"];
const concurrency = 8;
/**
 * Every measured process gets the same V8 heap cap: with the default (a quarter of the machine's
 * memory) V8 collects lazily and peak RSS mostly measures garbage not yet collected.
 */
const heapCapMb = 192;

interface Measurement {
  rows: number;
  messages: number;
  ms: number;
  firstRowMs: number;
  peakRssMb: number;
}

// Sizes grow by projects, each of the same size: the engine holds at most `concurrency` projects'
// flags at once (a project's flags are merged across environment batches), so its memory should
// not grow with the table. The SDK scheduler runs at a few hundred flag rows a second, so the
// larger size is 40k rows rather than 200k (which would take it about ten minutes).
const sizes: { name: string; counts: Partial<DataCounts> }[] = [
  { name: "10k rows", counts: { projects: 10, environmentsPerProject: 4, flagsPerProject: 200 } },
  { name: "40k rows", counts: { projects: 40, environmentsPerProject: 4, flagsPerProject: 200 } },
];

async function measure(
  variant: "engine" | "sdk",
  url: string,
  token: string,
): Promise<Measurement> {
  const script = join(import.meta.dirname, "engine-run.ts");
  const { stdout } = await run(
    process.execPath,
    [
      `--max-old-space-size=${heapCapMb}`,
      "--import",
      "tsx",
      script,
      variant,
      url,
      token,
      String(concurrency),
      ...tables,
    ],
    { maxBuffer: 1 << 20, env: { ...process.env, NODE_OPTIONS: "" } },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Measurement;
}

const f = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

process.stdout.write(
  `engine vs SDK scheduler, tables ${tables.join(", ")} (+ children), concurrency ${concurrency}, V8 heap cap ${heapCapMb} MB\n\n`,
);
process.stdout.write(
  "| size | rows | engine rows/s | SDK rows/s | throughput ratio | engine first row | SDK first row | engine peak RSS | SDK peak RSS |\n",
);
process.stdout.write("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
for (const size of sizes) {
  const sim = await startSimulator({ size: "tiny", counts: size.counts });
  try {
    // Warm the simulator's lazy data so neither variant pays for generating it.
    await measure("engine", sim.url, sim.accessToken);
    const engine = await measure("engine", sim.url, sim.accessToken);
    const sdk = await measure("sdk", sim.url, sim.accessToken);
    if (engine.rows !== sdk.rows) {
      throw new Error(`row counts differ: engine ${engine.rows}, SDK ${sdk.rows}`);
    }
    const rate = (m: Measurement) => (m.rows / m.ms) * 1000;
    process.stdout.write(
      `| ${size.name} | ${f(engine.rows)} | ${f(rate(engine))} | ${f(rate(sdk))} | ${f(rate(engine) / rate(sdk), 2)}x | ${f(engine.firstRowMs)} ms | ${f(sdk.firstRowMs)} ms | ${f(engine.peakRssMb)} MB | ${f(sdk.peakRssMb)} MB |\n`,
    );
  } finally {
    await sim.stop();
  }
}
