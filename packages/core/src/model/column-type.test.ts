import { describe, expect, it } from "vitest";

import { toArrowValue, uuidBytes, uuidString } from "./column-type.js";

describe("toArrowValue", () => {
  it("converts leniently like the SDK scalars", () => {
    expect(toArrowValue("utf8", 42)).toBe("42");
    expect(toArrowValue("utf8", { a: 1 })).toBe('{"a":1}');
    expect(toArrowValue("int64", 5)).toBe(5n);
    expect(toArrowValue("int64", "9007199254740993")).toBe(9007199254740993n);
    expect(toArrowValue("float64", "1.5")).toBe(1.5);
    expect(toArrowValue("bool", "true")).toBe(true);
    expect(toArrowValue("timestamp", 1000)).toBe(1000);
    expect(toArrowValue("timestamp", "1970-01-01T00:00:01Z")).toBe(1000);
    expect(new TextDecoder().decode(toArrowValue("json", "abc") as Uint8Array)).toBe('"abc"');
    expect(toArrowValue("list<utf8>", ["a", 1, null])).toEqual(["a", "1", null]);
    expect(toArrowValue("utf8", undefined)).toBeNull();
  });

  it("throws on values it cannot convert", () => {
    expect(() => toArrowValue("int64", 1.5)).toThrow(TypeError);
    expect(() => toArrowValue("int64", 2n ** 64n)).toThrow(/range/);
    expect(() => toArrowValue("timestamp", "not a date")).toThrow(TypeError);
    expect(() => toArrowValue("uuid", "xyz")).toThrow(TypeError);
    expect(() => toArrowValue("bool", "maybe")).toThrow(TypeError);
  });

  it("round-trips uuids", () => {
    const id = "123e4567-e89b-12d3-a456-426614174000";
    expect(uuidString(uuidBytes(id))).toBe(id);
  });
});
