import { createRequire } from "node:module";

/** This CLI's version, from its package.json. */
export const version = (createRequire(import.meta.url)("../package.json") as { version: string })
  .version;
