import { customType } from "drizzle-orm/sqlite-core";

/**
 * A `TIMESTAMP` column as the destination stores it: UTC text with exactly six fractional
 * digits (`2026-12-04T20:28:13.123456Z`), typed as `string` so no microseconds are lost (a JS
 * `Date` holds milliseconds). The text sorts chronologically; `new Date(value)` gives a Date.
 * Writes must use the same fixed-width format (e.g. `formatTimestampMicros`) to compare exactly.
 */
export const cqTimestamp = customType<{ data: string; driverData: string }>({
  dataType: () => "TIMESTAMP",
});

/** A `DATE` column as the destination stores it: text `YYYY-MM-DD`, typed as `string`. */
export const cqDate = customType<{ data: string; driverData: string }>({
  dataType: () => "DATE",
});

/**
 * A `BOOLEAN` column as the destination stores it: integer 0/1 (NUMERIC affinity), read as
 * `boolean`. Like drizzle's `integer({ mode: "boolean" })`, with the declared type the
 * destination creates, so `getTableConfig()` matches a synced file.
 */
export const cqBoolean = customType<{ data: boolean; driverData: number | bigint }>({
  dataType: () => "BOOLEAN",
  toDriver: (value) => (value ? 1 : 0),
  fromDriver: (value) => Number(value) !== 0,
});
