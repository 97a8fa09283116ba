import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import path from "node:path";

/** The built binary, run as a user would (turbo builds the package before its tests). */
export const BIN = path.join(import.meta.dirname, "..", "..", "dist", "bin.js");

/** What a CLI run printed and how it ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running CLI process. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  /** Resolves when the process exits. */
  readonly done: Promise<CliResult>;
}

/** Environment without the caller's token, plus `env`. */
function environment(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.LD_ACCESS_TOKEN;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/** Starts `cq-launchdarkly args...` (asynchronously: a simulator in the test process keeps serving). */
export function startCli(
  args: readonly string[],
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    command?: readonly string[];
  } = {},
): CliProcess {
  const [command = process.execPath, ...prefix] = options.command ?? [process.execPath];
  const child = spawn(command, [...prefix, BIN, ...args], {
    env: environment(options.env ?? {}),
    cwd: options.cwd,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, stdout: () => stdout, done };
}

/** Runs `cq-launchdarkly args...` to the end. */
export function runCli(
  args: readonly string[],
  options: {
    env?: Record<string, string | undefined>;
    cwd?: string;
    command?: readonly string[];
  } = {},
): Promise<CliResult> {
  return startCli(args, options).done;
}

/** The JSON lines of a `--log-format json` run. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
