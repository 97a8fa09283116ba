import type { AuditLogEntry, Schemas } from "@cq-launchdarkly/api";
import type { ResolverContext } from "@cq-launchdarkly/core";
import { isLaunchDarklyApiError } from "@cq-launchdarkly/api";

/** Fields only `GET /api/v2/auditlog/{id}` returns. */
export const auditLogDetailFields = [
  "delta",
  "previousVersion",
  "currentVersion",
  "merge",
  "triggerBody",
  "subentries",
] as const;

type DetailField = (typeof auditLogDetailFields)[number];

/** An audit-log row: the listing, plus the detail fields when `audit_log.details` is on. */
export type AuditLogRow = AuditLogEntry & Partial<Pick<Schemas["AuditLogEntryRep"], DetailField>>;

/** Most detail requests in flight at once (also bounded by `concurrency`). */
export const DETAIL_CONCURRENCY = 4;

/**
 * Adds each entry's detail fields (`GET /auditlog/{id}`), at most
 * `min(DETAIL_CONCURRENCY, concurrency)` requests at a time, keeping the order. An entry whose
 * detail is gone (404) keeps NULL details with a warning; any other failure throws, so the walk
 * ends without saving the cursor and the next sync fetches the entry again.
 * @see https://launchdarkly.com/docs/api/audit-log/get-audit-log-entry
 */
export async function withDetails(
  ctx: Pick<ResolverContext, "client" | "logger" | "signal" | "spec" | "table">,
  entries: readonly AuditLogEntry[],
): Promise<AuditLogRow[]> {
  const rows: AuditLogRow[] = [...entries];
  const workers = Math.max(1, Math.min(DETAIL_CONCURRENCY, ctx.spec.concurrency));
  let next = 0;
  const work = async () => {
    while (next < entries.length) {
      const index = next++;
      const entry = entries[index];
      if (!entry) continue;
      try {
        const detail = await ctx.client.getOrThrow("/api/v2/auditlog/{id}", {
          params: { path: { id: entry._id } },
          signal: ctx.signal,
        });
        const row: AuditLogRow = { ...entry };
        for (const field of auditLogDetailFields) {
          if (detail[field] !== undefined) Object.assign(row, { [field]: detail[field] });
        }
        rows[index] = row;
      } catch (error) {
        if (!(isLaunchDarklyApiError(error) && error.status === 404)) throw error;
        ctx.logger.warn(
          `${ctx.table}: the details of audit-log entry ${entry._id} are gone (404); its detail columns stay NULL`,
          { table: ctx.table, id: entry._id },
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, entries.length) }, work));
  return rows;
}
