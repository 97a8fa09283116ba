import { TimeUnit } from "@cloudquery/plugin-sdk-javascript/arrow";
import { describe, expect, it } from "vitest";

import {
  formatTimestampMicros,
  fromMicros,
  parseTimestampMicros,
  toMicros,
} from "./timestamp-format.js";

describe("timestamp format", () => {
  it.each([
    [0n, "1970-01-01T00:00:00.000000Z"],
    [1_796_416_093_123_456n, "2026-12-04T20:28:13.123456Z"],
    [-1n, "1969-12-31T23:59:59.999999Z"],
  ])("formats %s µs as %s and parses it back", (micros, text) => {
    expect(formatTimestampMicros(micros)).toBe(text);
    expect(parseTimestampMicros(text)).toBe(micros);
  });

  it("orders as text exactly as it orders as time", () => {
    const times = [5n, 1_000_000n, 999_999n, 1_796_416_093_000_101n, 1_796_416_093_000_100n, -3n];
    const byText = [...times].sort((a, b) =>
      formatTimestampMicros(a) < formatTimestampMicros(b) ? -1 : 1,
    );
    expect(byText).toEqual([...times].sort((a, b) => (a < b ? -1 : 1)));
  });

  it("parses other ISO forms leniently and refuses garbage", () => {
    expect(parseTimestampMicros("2026-12-04 20:28:13.5+01:00")).toBe(1_796_412_493_500_000n);
    expect(parseTimestampMicros("2026-12-04T20:28:13Z")).toBe(1_796_416_093_000_000n);
    expect(() => parseTimestampMicros("yesterday")).toThrow(RangeError);
    expect(() => formatTimestampMicros(10n ** 18n)).toThrow(RangeError);
  });

  it("converts between units, flooring", () => {
    expect(toMicros(-1n, TimeUnit.NANOSECOND)).toBe(-1n);
    expect(toMicros(1_999n, TimeUnit.NANOSECOND)).toBe(1n);
    expect(fromMicros(-1n, TimeUnit.MILLISECOND)).toBe(-1n);
    expect(fromMicros(1_500_000n, TimeUnit.SECOND)).toBe(1n);
  });
});
