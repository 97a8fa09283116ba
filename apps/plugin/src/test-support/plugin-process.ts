import type { ServiceError } from "@grpc/grpc-js";
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { discovery1, pluginV3 } from "@cloudquery/plugin-pb-javascript";
import { credentials } from "@grpc/grpc-js";

export const pb = pluginV3.cloudquery.plugin.v3;
export const discovery = discovery1.cloudquery.discovery.v1;
export const appDir = join(import.meta.dirname, "..", "..");

/** A plugin process serving on a unix socket, with gRPC clients connected to it. */
export interface PluginProcess {
  readonly plugin: InstanceType<typeof pb.PluginClient>;
  readonly discovery: InstanceType<typeof discovery.DiscoveryClient>;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends a signal to the process. */
  signal(signal: NodeJS.Signals): void;
  /** Whether `signal` was called. */
  readonly signalled: boolean;
  /** Resolves with the exit code when the process exits. */
  readonly exited: Promise<number | null>;
  stop(): void;
}

/**
 * Starts `command args` (the plugin, or a wrapper of it) and waits for `socket` to appear.
 * CQ_* variables are left out: the SDK's serve command refuses unknown ones.
 */
export async function startPluginProcess(
  command: string,
  args: string[],
  socket: string,
): Promise<PluginProcess> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("CQ_")),
  );
  const child: ChildProcess = spawn(command, args, { env });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(socket)) {
    child.kill();
    throw new Error(`the plugin did not start:\n${output}`);
  }
  const plugin = new pb.PluginClient(`unix://${socket}`, credentials.createInsecure());
  const discoveryClient = new discovery.DiscoveryClient(
    `unix://${socket}`,
    credentials.createInsecure(),
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  let signalled = false;
  return {
    plugin,
    discovery: discoveryClient,
    output: () => output,
    exited,
    get signalled() {
      return signalled;
    },
    signal(name) {
      signalled = true;
      child.kill(name);
    },
    stop() {
      plugin.close();
      discoveryClient.close();
      child.kill("SIGTERM");
    },
  };
}

/** Calls a unary RPC the way the CloudQuery CLI does, as a promise. */
export function unary<Request, Response>(
  call: (
    request: Request,
    callback: (error: ServiceError | null, response?: Response) => void,
  ) => unknown,
  request: Request,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    call(request, (error, response) => (error ? reject(error) : resolve(response as Response)));
  });
}
