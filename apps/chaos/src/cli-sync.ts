import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The built `cq-launchdarkly` binary (turbo builds the CLI before this package's tests). */
export const CLI_BIN = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@cq-launchdarkly/cli/package.json")),
  "dist",
  "bin.js",
);

/** The plugin spec keys a scenario sets besides the token and the URL. */
export type PluginSpecExtras = Record<string, unknown>;

/**
 * Writes a CloudQuery spec file that syncs every table from `baseUrl` into `database`, the token
 * taken from `${CHAOS_TOKEN}` (so the file itself never holds it).
 */
export function writeSpecFile(
  file: string,
  options: {
    baseUrl: string;
    database: string;
    plugin?: PluginSpecExtras;
    /** Destination spec keys besides `connection_string` (e.g. `batch_size`). */
    destination?: Record<string, unknown>;
  },
): string {
  const destinationExtras = Object.entries(options.destination ?? {})
    .map(([name, value]) => `    ${name}: ${JSON.stringify(value)}\n`)
    .join("");
  const extras = Object.entries(options.plugin ?? {})
    .map(([name, value]) => `    ${name}: ${JSON.stringify(value)}\n`)
    .join("");
  writeFileSync(
    file,
    `kind: source
spec:
  name: launchdarkly
  path: cq-launchdarkly/launchdarkly
  tables: ["*"]
  destinations: ["sqlite"]
  spec:
    access_token: "\${CHAOS_TOKEN}"
    base_url: ${JSON.stringify(options.baseUrl)}
${extras}---
kind: destination
spec:
  name: sqlite
  path: cloudquery/sqlite
  write_mode: overwrite-delete-stale
  spec:
    connection_string: ${JSON.stringify(options.database)}
${destinationExtras}`,
  );
  return file;
}

/** How a CLI run ended. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON lines of stdout (`--log-format json`). */
  readonly events: readonly Record<string, unknown>[];
  readonly durationMs: number;
}

/** A running CLI sync. */
export interface CliSync {
  readonly child: ChildProcess;
  /** Resolves when the process has exited and its output is closed. */
  readonly done: Promise<CliRun>;
}

function parseEvents(stdout: string): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      events.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line cut by SIGKILL.
    }
  }
  return events;
}

/**
 * Starts `cq-launchdarkly sync <spec> --log-format json --log-level info [args]` with the token in
 * `CHAOS_TOKEN` and nothing else of the caller's LaunchDarkly environment.
 */
export function startCliSync(
  specFile: string,
  token: string,
  args: readonly string[] = [],
): CliSync {
  const env: NodeJS.ProcessEnv = { ...process.env, CHAOS_TOKEN: token };
  delete env.LD_ACCESS_TOKEN;
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [CLI_BIN, "sync", specFile, "--log-format", "json", "--log-level", "info", ...args],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) => {
    child.on("close", (code, signal) =>
      resolve({
        code,
        signal,
        stdout,
        stderr,
        events: parseEvents(stdout),
        durationMs: Date.now() - started,
      }),
    );
  });
  return { child, done };
}

/** The `summary` event of a run, if it got that far. */
export function summaryOf(run: CliRun): Record<string, unknown> | undefined {
  return run.events.find((event) => event.event === "summary");
}
