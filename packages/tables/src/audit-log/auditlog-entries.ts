import type { AuditLogCursor, AuditLogEntry } from "@cq-launchdarkly/api";
import type { AnyTableDefinition, ResolverContext } from "@cq-launchdarkly/core";
import {
  columnsFromFields,
  defineTable,
  msEpochTimestamp,
  resolveStartTime,
} from "@cq-launchdarkly/core";

import type { AuditLogRow } from "./entry-details.js";
import {
  AUDIT_LOG_TABLE,
  auditLogStateKey,
  formatAuditLogCursor,
  parseAuditLogCursor,
} from "./audit-log-cursor.js";
import { withDetails } from "./entry-details.js";

/** Entries handed to the engine per `yield`: one page of the list endpoint. */
const ENTRIES_PER_YIELD = 20;

/** Where the state client keeps its values, for the corrupt-cursor error. */
function stateLocation(state: ResolverContext["state"]): string | undefined {
  if (state.location) return state.location;
  const table = (state as { tableName?: unknown }).tableName;
  return typeof table === "string" ? `state table "${table}"` : undefined;
}

/**
 * `launchdarkly_auditlog_entries`: the account's audit log, incremental. Same name, primary key
 * and listing columns as CloudQuery's Go plugin; with `audit_log.details` also each entry's
 * `delta`, versions, `merge`, `trigger_body` and `subentries` (NULL otherwise).
 *
 * The first sync reads the whole history (or since `audit_log.start_time`); later syncs read only
 * what is newer than the cursor saved in the state backend under `launchdarkly_auditlog_entries`
 * (plus `:spec-<hash>` when `audit_log.spec` filters the log). Without a state backend every sync
 * reads the whole history again.
 *
 * The log is served newest first, so the cursor `{date, ids}` (the newest millisecond and the ids
 * read at it) can only be known, and is only written, once the walk has reached the previous
 * cursor: after the last page was handed to the engine, i.e. when the generator resumes after its
 * last `yield`. The engine has then buffered or sent every row; `runSync` flushes the state only
 * if the whole sync succeeded, after the last row was handed to the stream and before the stream
 * ends. A sync that dies or fails anywhere before that keeps the old cursor, so the next sync walks
 * the same entries again: with primary keys (CloudQuery's overwrite modes, our SQLite
 * destination) the destination ends with exactly one copy of every entry; in `append` mode an
 * entry appears twice only after a sync that did not finish. Nothing is ever skipped, except that
 * LaunchDarkly cannot page within one millisecond (the walker warns if more than 20 entries share
 * one).
 * @see https://launchdarkly.com/docs/api/audit-log/get-audit-log-entries
 * @see https://launchdarkly.com/docs/api/audit-log/get-audit-log-entry
 */
export function auditLogEntries(): AnyTableDefinition {
  return defineTable<AuditLogRow>({
    name: AUDIT_LOG_TABLE,
    title: "LaunchDarkly Audit Log Entries",
    description:
      "Audit log entries of the account, synced incrementally (only new entries after the first sync). https://launchdarkly.com/docs/api/audit-log/get-audit-log-entries",
    requiredPermission: "a role that can read the audit log (the built-in Reader role can)",
    isIncremental: true,
    columns: columnsFromFields<AuditLogRow>({
      date: {
        type: "timestamp",
        incrementalKey: true,
        description: "When the change happened.",
        resolve: msEpochTimestamp("date"),
      },
      _id: { type: "utf8", primaryKey: true, description: "The audit-log entry's id." },
      _accountId: "utf8",
      accesses: "json",
      kind: "utf8",
      name: "utf8",
      description: "utf8",
      shortDescription: "utf8",
      comment: "utf8",
      subject: "json",
      member: "json",
      token: "json",
      app: "json",
      titleVerb: "utf8",
      title: "utf8",
      target: "json",
      parent: "json",
      delta: {
        type: "json",
        description: "The JSON patch of the change; NULL unless audit_log.details.",
      },
      previousVersion: {
        type: "json",
        description: "The resource before the change; NULL unless audit_log.details.",
      },
      currentVersion: {
        type: "json",
        description: "The resource after the change; NULL unless audit_log.details.",
      },
      merge: { type: "json", description: "Merge information; NULL unless audit_log.details." },
      triggerBody: {
        type: "json",
        description: "The external trigger's body; NULL unless audit_log.details.",
      },
      subentries: { type: "json", description: "Sub-entries; NULL unless audit_log.details." },
    }),
    async *resolve(ctx) {
      const { auditLog } = ctx.spec;
      const key = auditLogStateKey(auditLog.spec);
      const stored = await ctx.state.getKey(key);
      const saved =
        stored === undefined
          ? undefined
          : parseAuditLogCursor(stored, { key, location: stateLocation(ctx.state) });
      const start = resolveStartTime(auditLog.startTime);
      const from: AuditLogCursor | undefined =
        saved ?? (start ? { date: start.getTime(), ids: [] } : undefined);
      ctx.logger.debug(
        from
          ? `${ctx.table}: reading entries newer than ${new Date(from.date).toISOString()} (${saved ? "saved cursor" : "audit_log.start_time"})`
          : `${ctx.table}: no saved cursor, reading the whole audit log`,
        { table: ctx.table, key },
      );

      const walk = ctx.client.walkAuditLog({
        cursor: from,
        spec: auditLog.spec,
        signal: ctx.signal,
      });
      let page: AuditLogEntry[] = [];
      const handOn = async () => {
        const entries = page;
        page = [];
        return auditLog.details ? withDetails(ctx, entries) : entries;
      };
      for await (const entry of walk) {
        page.push(entry);
        if (page.length >= ENTRIES_PER_YIELD) yield await handOn();
      }
      if (page.length > 0) yield await handOn();

      // Every row of the walk has been handed to the engine. Save the cursor (runSync flushes it
      // only if the whole sync succeeds).
      const next = walk.cursor;
      if (!walk.completed || !next) return;
      const value = formatAuditLogCursor(next);
      if (value !== stored) await ctx.state.setKey(key, value);
    },
  });
}
