import type { Options } from "prettier";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "prettier";

import { renderSpecReference } from "../src/spec-docs.js";

/** Where the configuration reference lives (the SDK's `package` command copies apps/plugin/docs). */
export const docsTarget = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../../apps/plugin/docs/configuration.md",
);

/** The configuration reference, formatted with the repository's prettier config. */
export async function renderFormattedReference(): Promise<string> {
  // Imported rather than found with resolveConfig: prettier `require`s config files, which breaks
  // the shared config's import.meta.resolve under tsx.
  const sharedConfig = "@cq-launchdarkly/prettier-config";
  const { default: config } = (await import(sharedConfig)) as { default: Options };
  // The import-sorting plugin of the shared config only touches code; markdown needs none.
  return format(renderSpecReference(), { ...config, plugins: [], filepath: docsTarget });
}
