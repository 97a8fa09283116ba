import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";

import { appDir } from "./test-support/plugin-process.js";

const run = promisify(execFile);
const repoRoot = join(appDir, "..", "..");
const dist = await mkdtemp(join(tmpdir(), "cq-ld-package-"));
afterAll(() => rm(dist, { recursive: true, force: true }));

interface TableJson {
  name: string;
  parent?: string;
  is_incremental: boolean;
  columns: { name: string; type: string; primary_key: boolean }[];
}

it("packages docs and tables.json up to the Docker build step", async () => {
  const args = [
    join(appDir, "dist", "main.js"),
    "package",
    "-m",
    "test release",
    "v0.1.0",
    repoRoot,
  ];
  const options = ["--docs-dir", join(appDir, "docs"), "--dist-dir", dist];
  // With a Docker engine the build runs too; this machine has only the client, so the command
  // fails at `docker buildx build`, after writing the docs and tables.json.
  const result = await run(process.execPath, [...args, ...options], { cwd: repoRoot }).catch(
    (error: { stdout: string; stderr: string }) => error,
  );
  const docs = await readdir(join(dist, "docs"));
  expect(docs).toEqual(expect.arrayContaining(["configuration.md"]));
  const tables = JSON.parse(await readFile(join(dist, "tables.json"), "utf8")) as TableJson[];
  const projects = tables.find((table) => table.name === "launchdarkly_projects");
  expect(projects?.columns.slice(0, 2).map((c) => [c.name, c.type])).toEqual([
    ["_cq_id", "uuid"],
    ["_cq_parent_id", "uuid"],
  ]);
  expect(projects?.columns.find((c) => c.primary_key)?.name).toBe("id");
  expect(tables.find((t) => t.name === "launchdarkly_project_environments")?.parent).toBe(
    "launchdarkly_projects",
  );
  expect(`${result.stdout}${result.stderr}`).toContain(
    "Building docker image docker.cloudquery.io/cq-launchdarkly/source-launchdarkly:v0.1.0-linux-amd64",
  );
});
