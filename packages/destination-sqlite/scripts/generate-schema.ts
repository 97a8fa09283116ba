import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

import { renderFormattedSchema, schemaTarget } from "./render-schema.js";

/**
 * Writes src/schema/launchdarkly.ts, the typed drizzle schema of the LaunchDarkly tables, from
 * packages/tables. `--check` fails (exit 1) when the committed file is stale instead of writing it.
 */
const expected = await renderFormattedSchema();

if (process.argv.includes("--check")) {
  const actual = await readFile(schemaTarget, "utf8").catch(() => undefined);
  if (actual !== expected) {
    process.stderr.write(
      `${schemaTarget} is stale; run: pnpm --filter @cq-launchdarkly/destination-sqlite db:generate\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${schemaTarget} is up to date\n`);
} else {
  await mkdir(dirname(schemaTarget), { recursive: true });
  await writeFile(schemaTarget, expected);
  process.stdout.write(`wrote ${schemaTarget}\n`);
}
