import type { ServiceError } from "@grpc/grpc-js";
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discovery1, pluginV3 } from "@cloudquery/plugin-pb-javascript";
import { credentials } from "@grpc/grpc-js";

const pb = pluginV3.cloudquery.plugin.v3;
const discovery = discovery1.cloudquery.discovery.v1;

/** A gRPC client of CloudQuery's plugin service (protocol v3). */
export type PluginClient = InstanceType<typeof pb.PluginClient>;
/** A gRPC client of CloudQuery's discovery service. */
export type DiscoveryClient = InstanceType<typeof discovery.DiscoveryClient>;

/** A plugin started as a real process serving gRPC on a unix socket, as CloudQuery runs it. */
export interface PluginProcess {
  /** Label used in error messages. */
  readonly name: string;
  /** gRPC target, `unix:///…/plugin.sock`: what the CLI substitutes for `@@plugins.<name>.connection`. */
  readonly address: string;
  /** Plugin service client on {@link address}. */
  readonly client: PluginClient;
  /** Discovery service client on {@link address}. */
  readonly discovery: DiscoveryClient;
  /** Everything the process wrote to stdout and stderr so far (JSON log lines). */
  output(): string;
  /** The process, e.g. to kill it in chaos tests. */
  readonly process: ChildProcess;
  /** Closes the clients, stops the process (SIGTERM, then SIGKILL) and removes its socket directory. */
  stop(): Promise<void>;
}

/** Options of {@link startPluginProcess}. */
export interface StartPluginOptions {
  /** Label for messages, e.g. `source` or `sqlite`. */
  name: string;
  /** The plugin's built entry, `dist/main.js`. */
  mainJs: string;
  /** `--log-level`; default `info`. */
  logLevel?: "debug" | "info" | "warn" | "error";
  /** How long to wait for the socket, in ms; default 10 000. */
  startTimeoutMs?: number;
}

/**
 * Starts `node <mainJs> serve --address unix://<tmp>/plugin.sock --log-format json` with an
 * environment free of `CQ_*` variables (the SDK's serve command refuses unknown ones) and
 * connects plugin and discovery clients to it.
 */
export async function startPluginProcess(options: StartPluginOptions): Promise<PluginProcess> {
  const dir = await mkdtemp(join(tmpdir(), `cq-${options.name}-`));
  const socket = join(dir, "plugin.sock");
  const address = `unix://${socket}`;
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("CQ_")),
  );
  const child = spawn(
    process.execPath,
    [
      options.mainJs,
      "serve",
      "--address",
      address,
      "--log-format",
      "json",
      "--log-level",
      options.logLevel ?? "info",
    ],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!existsSync(socket) && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!existsSync(socket)) {
    child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
    throw new Error(`The ${options.name} plugin (${options.mainJs}) did not start:\n${output}`);
  }
  const client = new pb.PluginClient(address, credentials.createInsecure(), {
    "grpc.max_receive_message_length": 100 * 1024 * 1024,
    "grpc.max_send_message_length": 100 * 1024 * 1024,
  });
  const discoveryClient = new discovery.DiscoveryClient(address, credentials.createInsecure());
  return {
    name: options.name,
    address,
    client,
    discovery: discoveryClient,
    output: () => output,
    process: child,
    async stop() {
      client.close();
      discoveryClient.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a unary RPC as a promise. */
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

/** `Init` with a JSON spec (or raw text), as the CLI sends it. */
export async function initPlugin(
  plugin: PluginProcess,
  spec: unknown,
  noConnection = false,
): Promise<void> {
  const text = typeof spec === "string" ? spec : JSON.stringify(spec);
  await unary(
    plugin.client.Init.bind(plugin.client),
    new pb.Init.Request({ spec: new TextEncoder().encode(text), no_connection: noConnection }),
  );
}

/** `Close`, as the CLI sends it to each destination after its Write stream. */
export async function closePlugin(plugin: PluginProcess): Promise<void> {
  await unary(plugin.client.Close.bind(plugin.client), new pb.Close.Request());
}
