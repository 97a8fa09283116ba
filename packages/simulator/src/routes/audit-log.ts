import type { SimAuditEntry } from "../data/audit-entries.js";
import type { Route, RouteContext } from "./route.js";
import { invalidRequest, notFound } from "../api-error.js";
import { auditDetailFields } from "../data/audit-entries.js";
import { link } from "../data/context.js";
import { readLimit } from "../paging.js";
import { param } from "./route.js";

function readMillis(ctx: RouteContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value))
    throw invalidRequest(`${name} must be a Unix time in milliseconds, got "${raw}"`);
  return value;
}

/** The list form of an entry: without the fields only the detail endpoint returns. */
function listing(entry: SimAuditEntry): SimAuditEntry {
  const copy: Record<string, unknown> = { ...entry };
  for (const field of auditDetailFields) delete copy[field];
  return copy as SimAuditEntry;
}

/**
 * `GET /auditlog`: `before`/`after` (ms), `q`, `spec`, `limit` 1-20 (default 10); newest first by default.
 * `_links.next` moves `before` to the oldest date on the page (or `after` to the newest when the order is
 * oldest-first), keeping the other parameters; it is present only when more entries match.
 * `GET /auditlog/{id}` adds `delta`, `previousVersion` and `currentVersion`.
 */
export const auditLogRoutes: readonly Route[] = [
  {
    operationId: "getAuditLogEntries",
    handle(ctx) {
      const before = readMillis(ctx, "before");
      const after = readMillis(ctx, "after");
      const limit = readLimit(ctx.operationId, ctx.query);
      const q = ctx.query.get("q") ?? undefined;
      const spec = ctx.query.get("spec") ?? undefined;
      const { semantics } = ctx.options;
      const page = ctx.dataset.auditLog.query({ before, after, q, spec, limit }, semantics);
      const links: Record<string, { href: string; type: string }> = {
        parent: link("/api/v2"),
        self: link(ctx.query.size > 0 ? `${ctx.path}?${ctx.query.toString()}` : ctx.path),
      };
      const last = page.items.at(-1);
      if (page.hasMore && last) {
        const next = new URLSearchParams(ctx.query);
        next.set(semantics.auditOrder === "newest-first" ? "before" : "after", String(last.date));
        next.set("limit", String(limit));
        links.next = link(`${ctx.path}?${next.toString()}`);
      }
      return { items: page.items.map(listing), _links: links };
    },
  },
  {
    operationId: "getAuditLogEntry",
    handle(ctx) {
      const entry = ctx.dataset.auditLog.entry(param(ctx, "id"));
      if (!entry) throw notFound("Unknown audit log entry");
      return entry;
    },
  },
];
