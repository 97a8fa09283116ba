import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

it("shows exactly the type-checked example files in the README", async () => {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
  const files = (await readdir(join(root, "examples"))).sort();
  const examples = await Promise.all(
    files.map((file) => readFile(join(root, "examples", file), "utf8")),
  );
  expect(blocks.length).toBe(examples.length);
  for (const example of examples) expect(blocks).toContain(example);
});
