import { Field, Schema, tableFromIPC, Utf8 } from "@cloudquery/plugin-sdk-javascript/arrow";
import { expect, it } from "vitest";

import { MAX_RECORD_BYTES, RecordBatcher } from "./record-batcher.js";

it("splits a batch whose encoding would pass the message limit, keeping every row in order", async () => {
  const schema = new Schema([
    new Field("id", new Utf8(), true),
    new Field("blob", new Utf8(), true),
  ]);
  const records: Uint8Array[] = [];
  // The byte limit is far away: only the encoded size can trigger the split.
  const batcher = new RecordBatcher(schema, { rows: 10_000, bytes: 1 << 30 }, (record) => {
    records.push(record);
    return Promise.resolve();
  });
  const blob = "x".repeat(4096);
  for (let i = 0; i < 2_000; i++) await batcher.add([`row-${i}`, blob], 10);
  await batcher.flush();

  expect(records.length).toBeGreaterThan(1);
  for (const record of records) expect(record.byteLength).toBeLessThanOrEqual(MAX_RECORD_BYTES);
  const ids = records.flatMap((record) => {
    const column = tableFromIPC(record).getChild("id");
    return Array.from({ length: column?.length ?? 0 }, (_, i) => String(column?.get(i)));
  });
  expect(ids).toEqual(Array.from({ length: 2_000 }, (_, i) => `row-${i}`));
});
