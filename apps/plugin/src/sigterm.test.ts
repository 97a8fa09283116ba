import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

import type { Simulator } from "@cq-launchdarkly/simulator";
import { decodeRecord } from "@cq-launchdarkly/core/testing";
import { startSimulator } from "@cq-launchdarkly/simulator";

import type { PluginProcess } from "./test-support/plugin-process.js";
import { appDir, pb, startPluginProcess, unary } from "./test-support/plugin-process.js";

let sim: Simulator;
let dir: string;
let server: PluginProcess;

beforeAll(async () => {
  // Slow enough that a sync is still running when the signal arrives.
  sim = await startSimulator({
    size: "tiny",
    counts: { projects: 30 },
    faults: [{ fault: { kind: "latency", ms: 100 } }],
  });
  dir = await mkdtemp(join(tmpdir(), "cq-ld-sigterm-"));
  const socket = join(dir, "plugin.sock");
  server = await startPluginProcess(
    process.execPath,
    [join(appDir, "dist", "main.js"), "serve", "--address", `unix://${socket}`],
    socket,
  );
});

afterAll(async () => {
  server.stop();
  await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

it("ends a running sync cleanly on SIGTERM: rows sent stay sent, the stream ends, the process exits 0", async () => {
  const spec = new TextEncoder().encode(
    JSON.stringify({ access_token: sim.accessToken, base_url: sim.url, concurrency: 1 }),
  );
  await unary(server.plugin.Init.bind(server.plugin), new pb.Init.Request({ spec }));
  const call = server.plugin.Sync(
    new pb.Sync.Request({
      tables: ["*"],
      skip_tables: [],
      skip_dependent_tables: false,
      deterministic_cq_id: false,
    }),
  );
  let rows = 0;
  let ending: "end" | "error" | undefined;
  const done = new Promise<void>((resolve) => {
    call.on("data", (message: InstanceType<typeof pb.Sync.Response>) => {
      if (message.has_insert) {
        rows += decodeRecord(message.insert.record).rows.length;
        if (!server.signalled) server.signal("SIGTERM");
      }
    });
    call.on("end", () => {
      ending ??= "end";
      resolve();
    });
    call.on("error", () => {
      ending ??= "error";
      resolve();
    });
  });
  await done;
  const exitCode = await server.exited;
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(
    sim.truth().projects.length + sim.truth().projects.flatMap((p) => p.environments).length,
  );
  expect(ending).toBeDefined();
  expect(exitCode).toBe(0);
  expect(server.output()).toMatch(/sync aborted/);
});
