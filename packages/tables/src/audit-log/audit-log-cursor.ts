import { createHash } from "node:crypto";

import type { AuditLogCursor } from "@cq-launchdarkly/api";

/** The audit-log table's name, also the base of its state key. */
export const AUDIT_LOG_TABLE = "launchdarkly_auditlog_entries";

/** Version of the stored cursor format. */
const CURSOR_VERSION = 1;

/**
 * The state key of the audit-log cursor: the table name, suffixed with a short hash of
 * `audit_log.spec` when a filter is set, so each filter is its own stream with its own cursor.
 */
export function auditLogStateKey(filter: string | undefined): string {
  if (filter === undefined) return AUDIT_LOG_TABLE;
  const hash = createHash("sha256").update(filter).digest("hex").slice(0, 12);
  return `${AUDIT_LOG_TABLE}:spec-${hash}`;
}

/** The stored form of a cursor: `{"v":1,"date":<epoch ms>,"ids":[...]}`. */
export function formatAuditLogCursor(cursor: AuditLogCursor): string {
  return JSON.stringify({ v: CURSOR_VERSION, date: cursor.date, ids: [...cursor.ids].sort() });
}

/** A stored cursor that is neither our JSON nor the Go plugin's decimal. */
export class AuditLogCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditLogCursorError";
  }
}

const isEpochMs = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/**
 * Reads a stored cursor. A plain decimal (what CloudQuery's Go plugin stored: the newest `date`
 * in ms) becomes `{ date, ids: [] }`: entries at that millisecond are read again (harmless with
 * a primary key), none is skipped. Anything else throws, naming the key and where it is stored.
 * @throws AuditLogCursorError when the value is not a cursor.
 */
export function parseAuditLogCursor(
  value: string,
  where: { key: string; location?: string | undefined },
): AuditLogCursor {
  const text = value.trim();
  if (/^\d{1,16}$/.test(text)) {
    const date = Number(text);
    if (isEpochMs(date)) return { date, ids: [] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const record =
    parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  const ids = record?.ids;
  if (
    record?.v === CURSOR_VERSION &&
    isEpochMs(record.date) &&
    Array.isArray(ids) &&
    ids.every((id) => typeof id === "string")
  ) {
    return { date: record.date, ids };
  }
  const shown = value.length > 120 ? `${value.slice(0, 120)}…` : value;
  const newer =
    typeof record?.v === "number" && record.v > CURSOR_VERSION
      ? ` It is format version ${record.v}, written by a newer version of this plugin.`
      : "";
  throw new AuditLogCursorError(
    `The saved audit-log cursor under state key "${where.key}" in ${where.location ?? "the state backend (backend_options.table_name)"} is not valid: ${JSON.stringify(shown)}.${newer} ` +
      `Expected {"v":1,"date":<epoch ms>,"ids":[...]} or a decimal epoch in ms. ` +
      `The audit log was not synced and the cursor was left as it is; delete that key from the state table to sync the whole audit log again (or since audit_log.start_time).`,
  );
}
