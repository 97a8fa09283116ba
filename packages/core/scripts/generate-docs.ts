import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

import { docsTarget, renderFormattedReference } from "./render-docs.js";

/**
 * Writes apps/plugin/docs/configuration.md from the spec schema.
 * `--check` fails (exit 1) when the file is stale instead of writing it.
 */
const expected = await renderFormattedReference();

if (process.argv.includes("--check")) {
  const actual = await readFile(docsTarget, "utf8").catch(() => undefined);
  if (actual !== expected) {
    process.stderr.write(
      `${docsTarget} is stale; run: pnpm --filter @cq-launchdarkly/core generate:docs\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${docsTarget} is up to date\n`);
} else {
  await mkdir(dirname(docsTarget), { recursive: true });
  await writeFile(docsTarget, expected);
  process.stdout.write(`wrote ${docsTarget}\n`);
}
