import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";

import { appDir, pb, startPluginProcess, unary } from "./test-support/plugin-process.js";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup) await step();
});

it("serves on a unix socket when run the way `registry: local` runs it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "cq-ld-local-"));
  const socket = join(dir, "plugin.sock");
  // The exact arguments the CloudQuery CLI passes to a local plugin binary.
  const wrapper = join(appDir, "bin", "cq-launchdarkly-plugin");
  const args = [
    "serve",
    "--log-level",
    "info",
    "--log-format",
    "json",
    "--network",
    "unix",
    "--address",
    socket,
  ];
  const server = await startPluginProcess(wrapper, args, socket);
  cleanup.push(async () => {
    server.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const name = await unary(server.plugin.GetName.bind(server.plugin), new pb.GetName.Request());
  expect(name.name).toBe("launchdarkly");
});
