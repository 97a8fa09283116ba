import type { Requester } from "./requester.js";
import type { Schemas } from "./schema-types.js";
import { pageSizeFor } from "./page-size.js";

/** One audit-log entry as the list endpoint returns it. */
export type AuditLogEntry = Schemas["AuditLogEntryListingRep"];

/**
 * Where an incremental audit-log sync stopped: the newest entry's `date` (epoch ms) and the ids of
 * every entry already read at that millisecond. LaunchDarkly may write more entries in the same
 * millisecond after a sync read it, so the date alone cannot tell old from new.
 */
export interface AuditLogCursor {
  readonly date: number;
  readonly ids: readonly string[];
}

export interface AuditLogWalkOptions {
  /** Stop at this cursor: entries older than `date`, or at `date` with an id in `ids`, are not returned. */
  readonly cursor?: AuditLogCursor | undefined;
  /** A resource specifier filter, e.g. `proj/*:env/production:flag/*`. */
  readonly spec?: string | undefined;
  /** Full or partial resource name filter. */
  readonly q?: string | undefined;
  /** Start below this date (epoch ms); by default the walk starts at the newest entry. */
  readonly before?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Walks the audit log from the newest entry back to a cursor, yielding each entry once.
 *
 * The document states neither the order (LaunchDarkly returns newest first; peers rely on it) nor
 * whether `before` includes entries at exactly that millisecond. So the walk asks for
 * `before = oldest date seen + 1`, which returns the oldest millisecond's remaining entries under
 * either reading, and drops entries it has already yielded. A full page of entries it already had
 * means more than a page of entries share one millisecond: it then steps `before` down past that
 * millisecond (the API offers no way to page within one), and warns.
 *
 * `cursor` holds, after the walk, the newest date seen and the ids at that date: store it only
 * once every entry was handed on (`completed`), so a walk cut short is walked again next time.
 */
export class AuditLogWalk implements AsyncIterable<AuditLogEntry> {
  private newest: { date: number; ids: Set<string> } | undefined;
  private done = false;

  private readonly requester: Requester;
  private readonly options: AuditLogWalkOptions;

  constructor(requester: Requester, options: AuditLogWalkOptions = {}) {
    this.requester = requester;
    this.options = options;
    const start = options.cursor;
    if (start) this.newest = { date: start.date, ids: new Set(start.ids) };
  }

  /** The cursor to store after this walk: the newest date yielded and its ids (the input cursor when nothing is newer). */
  get cursor(): AuditLogCursor | undefined {
    return this.newest && { date: this.newest.date, ids: [...this.newest.ids].sort() };
  }

  /** True once the walk reached the cursor or the start of the history. */
  get completed(): boolean {
    return this.done;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<AuditLogEntry, void, undefined> {
    const limit = pageSizeFor("getAuditLogEntries") ?? 20;
    const cursor = this.options.cursor;
    const cursorIds = new Set(cursor?.ids ?? []);
    // Ids yielded at the two newest milliseconds the next page can repeat (oldest and oldest + 1).
    const recent = new Map<string, number>();
    let before = this.options.before;
    let warnedAt: number | undefined;

    for (;;) {
      const query: Record<string, unknown> = { limit };
      if (before !== undefined) query.before = before;
      if (this.options.spec !== undefined) query.spec = this.options.spec;
      if (this.options.q !== undefined) query.q = this.options.q;
      const result = await this.requester.get("/api/v2/auditlog", {
        params: { query },
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
      if (result.error !== undefined || result.data === undefined) {
        throw this.requester.toError("GET", result);
      }
      const items = (result.data as { items?: AuditLogEntry[] }).items ?? [];
      assertNewestFirst(items);

      let fresh = 0;
      let reachedCursor = false;
      for (const entry of items) {
        if (cursor && entry.date < cursor.date) {
          reachedCursor = true;
          break;
        }
        if (cursor?.date === entry.date && cursorIds.has(entry._id)) continue;
        if (recent.has(entry._id)) continue;
        recent.set(entry._id, entry.date);
        fresh += 1;
        this.remember(entry);
        yield entry;
      }
      const last = items.at(-1);
      if (reachedCursor || !last || items.length < limit) {
        this.done = true;
        return;
      }

      const oldest = last.date;
      for (const [id, date] of recent) if (date > oldest + 1) recent.delete(id);
      if (fresh > 0) {
        before = before === undefined ? oldest + 1 : Math.min(before, oldest + 1);
        continue;
      }
      // A page of entries already yielded. If it repeated entries at `before` itself, `before` is
      // inclusive and stepping to `oldest` drops only those. Otherwise more than a page of entries
      // share the millisecond `oldest`, and stepping past it (to `oldest` if `before` is
      // exclusive, `oldest - 1` if inclusive) may skip some: the API cannot page within one.
      const repeatedBefore = before !== undefined && items.some((entry) => entry.date === before);
      if (!repeatedBefore && warnedAt !== oldest) {
        warnedAt = oldest;
        this.requester.logger?.warn(
          `More than ${limit} audit-log entries share the millisecond ${new Date(oldest).toISOString()}; LaunchDarkly cannot page within one millisecond, so some of them may be missing`,
          { date: oldest },
        );
      }
      before = before === oldest ? oldest - 1 : oldest;
    }
  }

  private remember(entry: AuditLogEntry): void {
    if (!this.newest || entry.date > this.newest.date) {
      this.newest = { date: entry.date, ids: new Set([entry._id]) };
    } else if (entry.date === this.newest.date) {
      this.newest.ids.add(entry._id);
    }
  }
}

function assertNewestFirst(items: readonly AuditLogEntry[]): void {
  for (let i = 1; i < items.length; i++) {
    const previous = items[i - 1];
    const current = items[i];
    if (previous && current && current.date > previous.date) {
      throw new Error(
        "LaunchDarkly returned audit-log entries oldest first; the walker relies on newest first (the document does not state the order). Please report this.",
      );
    }
  }
}
