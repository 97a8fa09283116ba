import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

import { renderDocs, tablesDir } from "./render-docs.js";

/**
 * Writes apps/plugin/docs/tables/*.md and apps/plugin/docs/permissions.md from the table registry.
 * `--check` fails (exit 1) when a file is stale, missing or left over, instead of writing.
 */
const expected = await renderDocs();
const existingPages = (await readdir(tablesDir).catch(() => [] as string[]))
  .filter((name) => name.endsWith(".md"))
  .map((name) => join(tablesDir, name));
const leftOver = existingPages.filter((path) => !expected.has(path));
const root = join(tablesDir, "../../../..");

if (process.argv.includes("--check")) {
  const stale: string[] = [];
  for (const [path, text] of expected) {
    const actual = await readFile(path, "utf8").catch(() => undefined);
    if (actual !== text) stale.push(relative(root, path));
  }
  stale.push(...leftOver.map((path) => `${relative(root, path)} (no such table)`));
  if (stale.length > 0) {
    process.stderr.write(
      `stale docs:\n  ${stale.join("\n  ")}\nrun: pnpm --filter @cq-launchdarkly/tables generate:docs\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${expected.size} docs files are up to date\n`);
} else {
  for (const path of leftOver) await rm(path);
  for (const [path, text] of expected) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  process.stdout.write(
    `wrote ${expected.size} docs files to ${relative(root, tablesDir)} and permissions.md\n`,
  );
}
