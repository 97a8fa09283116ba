import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

import { docsTarget, renderFormattedReference } from "../scripts/render-docs.js";
import { renderSpecReference } from "./spec-docs.js";

describe("configuration reference", () => {
  it("lists every field with its default", () => {
    const text = renderSpecReference();
    for (const field of [
      "access_token",
      "timeout_secs",
      "base_url",
      "instance",
      "audit_log.start_time",
    ]) {
      expect(text).toContain(`\`${field}\``);
    }
    expect(text).toContain("`4194304`");
  });

  it("apps/plugin/docs/configuration.md is up to date (pnpm --filter @cq-launchdarkly/core generate:docs)", async () => {
    const actual = await readFile(docsTarget, "utf8");
    expect(actual).toBe(await renderFormattedReference());
  });
});
