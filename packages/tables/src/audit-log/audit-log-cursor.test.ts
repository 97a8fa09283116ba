import { describe, expect, it } from "vitest";

import {
  AUDIT_LOG_TABLE,
  AuditLogCursorError,
  auditLogStateKey,
  formatAuditLogCursor,
  parseAuditLogCursor,
} from "./audit-log-cursor.js";

const where = { key: AUDIT_LOG_TABLE, location: 'state table "cq_state_ld"' };

describe("the audit-log cursor", () => {
  it("round-trips as {v, date, ids}", () => {
    const value = formatAuditLogCursor({ date: 1_700_000_000_123, ids: ["b", "a"] });
    expect(value).toBe('{"v":1,"date":1700000000123,"ids":["a","b"]}');
    expect(parseAuditLogCursor(value, where)).toEqual({ date: 1_700_000_000_123, ids: ["a", "b"] });
  });

  it("reads the Go plugin's decimal as a date with no ids", () => {
    expect(parseAuditLogCursor("1700000000123", where)).toEqual({
      date: 1_700_000_000_123,
      ids: [],
    });
    expect(parseAuditLogCursor("0", where)).toEqual({ date: 0, ids: [] });
  });

  it.each([
    "",
    "yesterday",
    "-5",
    "1.5",
    "[]",
    "null",
    '{"date":5,"ids":[]}',
    '{"v":1,"date":"5","ids":[]}',
    '{"v":1,"date":5,"ids":[1]}',
    '{"v":1,"date":5}',
    '{"v":2,"date":5,"ids":[]}',
  ])("refuses %j with an error naming the key and the table", (value) => {
    expect(() => parseAuditLogCursor(value, where)).toThrow(AuditLogCursorError);
    expect(() => parseAuditLogCursor(value, where)).toThrow(
      /state key "launchdarkly_auditlog_entries" in state table "cq_state_ld"/,
    );
  });

  it("says when a cursor comes from a newer format", () => {
    expect(() => parseAuditLogCursor('{"v":2,"date":5,"ids":[]}', where)).toThrow(
      /format version 2/,
    );
  });

  it("keys each filter separately", () => {
    expect(auditLogStateKey(undefined)).toBe("launchdarkly_auditlog_entries");
    const a = auditLogStateKey("proj/a");
    expect(a).toMatch(/^launchdarkly_auditlog_entries:spec-[0-9a-f]{12}$/);
    expect(auditLogStateKey("proj/a")).toBe(a);
    expect(auditLogStateKey("proj/b")).not.toBe(a);
  });
});
