// tsc does not copy hand-written or generated `.d.ts` files into `dist`; the published
// `dist/generated/schema.d.ts` is the same file as `src/generated/schema.d.ts`.
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist/generated", { recursive: true });
copyFileSync("src/generated/schema.d.ts", "dist/generated/schema.d.ts");
