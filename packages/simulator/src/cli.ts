/**
 * `simulator [--port 8765] [--host 127.0.0.1] [--size tiny|demo|large] [--seed 1] [--token T]
 *   [--projects N] [--environments N] [--flags N] [--metrics N] [--audit-entries N]`:
 * serves the simulated LaunchDarkly API until interrupted, printing its URL and access token.
 */
import { parseArgs } from "node:util";

import type { DataCounts, SizeProfile } from "./size-profiles.js";
import { startSimulator } from "./server.js";

const usage = `Usage: simulator [--port 8765] [--host 127.0.0.1] [--size tiny|demo|large] [--seed 1] [--token TOKEN]
                 [--projects N] [--environments N] [--flags N] [--metrics N] [--audit-entries N]`;

const countFlags: Record<string, keyof DataCounts> = {
  projects: "projects",
  environments: "environmentsPerProject",
  flags: "flagsPerProject",
  metrics: "metricsPerProject",
  "audit-entries": "auditEntries",
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8765" },
      host: { type: "string", default: "127.0.0.1" },
      size: { type: "string", default: "demo" },
      seed: { type: "string", default: "1" },
      token: { type: "string" },
      projects: { type: "string" },
      environments: { type: "string" },
      flags: { type: "string" },
      metrics: { type: "string" },
      "audit-entries": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const counts: Partial<DataCounts> = {};
  for (const [flag, field] of Object.entries(countFlags)) {
    const raw = (values as Record<string, unknown>)[flag];
    if (typeof raw === "string") counts[field] = Number(raw);
  }
  const started = performance.now();
  const sim = await startSimulator({
    port: Number(values.port),
    host: values.host,
    size: values.size as SizeProfile,
    seed: values.seed,
    counts,
    ...(values.token === undefined ? {} : { accessToken: values.token }),
  });
  const { counts: c } = sim.options;
  process.stdout.write(
    [
      `LaunchDarkly simulator listening on ${sim.url} (started in ${Math.round(performance.now() - started)} ms)`,
      `  base URL:     ${sim.url}`,
      `  access token: ${sim.accessToken}`,
      `  data:         ${c.projects} projects x ${c.environmentsPerProject} environments x ${c.flagsPerProject} flags, ${c.metricsPerProject} metrics/project, ${c.auditEntries} audit entries (seed ${sim.options.seed})`,
      `  try:          curl -H "Authorization: ${sim.accessToken}" ${sim.url}/api/v2/projects`,
      "",
    ].join("\n"),
  );
  const shutdown = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage}\n`);
  process.exit(1);
});
