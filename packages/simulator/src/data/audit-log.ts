import type { Semantics } from "../options.js";
import type { SimAuditEntry } from "./audit-entries.js";
import type { GeneratorContext } from "./context.js";
import { auditEntryIndex, generateAuditEntry, generatedAuditDate } from "./audit-entries.js";

/** A query on the audit log, as `GET /auditlog` takes it. */
export interface AuditQuery {
  /** Epoch ms upper bound (inclusive or exclusive per {@link Semantics.auditBefore}). */
  before?: number | undefined;
  /** Epoch ms lower bound (inclusive or exclusive per {@link Semantics.auditAfter}). */
  after?: number | undefined;
  /** Text matched against the resource name, case-insensitively. */
  q?: string | undefined;
  /** Resource specifier, e.g. `proj/default:env/*:flag/*` (tags after `;` are ignored). */
  spec?: string | undefined;
  /** Page size. */
  limit: number;
}

/** Fields a caller may set on an appended entry; the rest is generated. */
export type AuditEntryInput = Partial<SimAuditEntry>;

type Order = Semantics["auditOrder"];

/**
 * The audit log: generated entries are computed from their index on demand (their dates are monotonic, so
 * `before`/`after` are binary searches), appended entries are kept in a date-sorted list. Nothing is
 * materialised up front, so 100,000 entries cost nothing until read.
 */
export class AuditLog {
  private readonly ctx: GeneratorContext;
  private readonly appended: SimAuditEntry[] = [];
  private readonly appendedById = new Map<string, SimAuditEntry>();
  private nextIndex: number;

  constructor(ctx: GeneratorContext) {
    this.ctx = ctx;
    this.nextIndex = ctx.counts.auditEntries;
  }

  /** Number of entries, appended ones included. */
  get size(): number {
    return this.ctx.counts.auditEntries + this.appended.length;
  }

  /** The entry with this `_id`, detail fields included. */
  entry(id: string): SimAuditEntry | undefined {
    const appended = this.appendedById.get(id);
    if (appended) return appended;
    const index = auditEntryIndex(this.ctx, id);
    if (index === undefined || index >= this.ctx.counts.auditEntries) return undefined;
    return this.generated(index);
  }

  /** The newest `date` in the log, or undefined when it is empty. */
  newestDate(): number | undefined {
    const generated =
      this.ctx.counts.auditEntries > 0
        ? this.generatedDate(this.ctx.counts.auditEntries - 1)
        : undefined;
    const appended = this.appended.at(-1)?.date;
    if (generated === undefined) return appended;
    return appended === undefined ? generated : Math.max(generated, appended);
  }

  /**
   * Appends entries: a count generates that many, each a second after the newest; objects are completed with
   * generated fields (an object with a `date` equal to the newest date produces a same-millisecond entry).
   */
  append(input: number | readonly AuditEntryInput[]): SimAuditEntry[] {
    const inputs: AuditEntryInput[] =
      typeof input === "number" ? Array.from({ length: input }, () => ({})) : [...input];
    const created: SimAuditEntry[] = [];
    for (const overrides of inputs) {
      const index = this.nextIndex++;
      const date = overrides.date ?? (this.newestDate() ?? this.ctx.now) + 1_000;
      const entry: SimAuditEntry = {
        ...generateAuditEntry(this.ctx, index, date),
        ...overrides,
        date,
      };
      if (this.appendedById.has(entry._id) || this.entry(entry._id)) {
        throw new Error(`Audit entry ${entry._id} already exists`);
      }
      // Keep date order; an entry dated like existing ones goes after them (it was logged later).
      const at = upperBound(this.appended.length, (i) => (this.appended[i]?.date ?? 0) > date);
      this.appended.splice(at, 0, entry);
      this.appendedById.set(entry._id, entry);
      created.push(entry);
    }
    return created;
  }

  /** One page of matching entries in the given order, and whether more match beyond it. */
  query(
    query: AuditQuery,
    semantics: Pick<Semantics, "auditOrder" | "auditBefore" | "auditAfter">,
  ): {
    items: SimAuditEntry[];
    hasMore: boolean;
  } {
    const matches = matcher(query);
    const out: SimAuditEntry[] = [];
    for (const entry of this.iterate(query, semantics)) {
      if (!matches(entry)) continue;
      if (out.length === query.limit) return { items: out, hasMore: true };
      out.push(entry);
    }
    return { items: out, hasMore: false };
  }

  /** Every entry in the given order (for ground truth). */
  all(order: Order = "newest-first"): SimAuditEntry[] {
    return [
      ...this.iterate({}, { auditOrder: order, auditBefore: "exclusive", auditAfter: "exclusive" }),
    ];
  }

  private *iterate(
    query: Pick<AuditQuery, "before" | "after">,
    semantics: Pick<Semantics, "auditOrder" | "auditBefore" | "auditAfter">,
  ): Generator<SimAuditEntry> {
    const generatedCount = this.ctx.counts.auditEntries;
    const genDate = (i: number) => this.generatedDate(i);
    const appDate = (i: number) => this.appended[i]?.date ?? 0;
    const range = (count: number, dateAt: (i: number) => number): [number, number] => {
      let start = 0;
      let end = count;
      if (query.after !== undefined) {
        const after = query.after;
        start =
          semantics.auditAfter === "inclusive"
            ? upperBound(count, (i) => dateAt(i) >= after)
            : upperBound(count, (i) => dateAt(i) > after);
      }
      if (query.before !== undefined) {
        const before = query.before;
        end =
          semantics.auditBefore === "inclusive"
            ? upperBound(count, (i) => dateAt(i) > before)
            : upperBound(count, (i) => dateAt(i) >= before);
      }
      return [start, Math.max(start, end)];
    };
    const [gStart, gEnd] = range(generatedCount, genDate);
    const [aStart, aEnd] = range(this.appended.length, appDate);
    if (semantics.auditOrder === "newest-first") {
      let g = gEnd - 1;
      let a = aEnd - 1;
      while (g >= gStart || a >= aStart) {
        // On equal dates the appended entry is the later one.
        if (a >= aStart && (g < gStart || appDate(a) >= genDate(g))) {
          const entry = this.appended[a--];
          if (entry) yield entry;
        } else {
          yield this.generated(g--);
        }
      }
    } else {
      let g = gStart;
      let a = aStart;
      while (g < gEnd || a < aEnd) {
        if (g < gEnd && (a >= aEnd || genDate(g) <= appDate(a))) {
          yield this.generated(g++);
        } else {
          const entry = this.appended[a++];
          if (entry) yield entry;
        }
      }
    }
  }

  private generatedDate(index: number): number {
    return generatedAuditDate(this.ctx, index);
  }

  private generated(index: number): SimAuditEntry {
    return generateAuditEntry(this.ctx, index, this.generatedDate(index));
  }
}

/** First index in [0, count) for which the monotonic predicate holds (count if none). */
function upperBound(count: number, predicate: (index: number) => boolean): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (predicate(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function matcher(query: Pick<AuditQuery, "q" | "spec">): (entry: SimAuditEntry) => boolean {
  const q = query.q?.toLowerCase();
  const spec = query.spec ? specPattern(query.spec) : undefined;
  return (entry) => {
    if (
      q &&
      !entry.name.toLowerCase().includes(q) &&
      !(entry.target?.name ?? "").toLowerCase().includes(q)
    ) {
      return false;
    }
    if (spec) {
      const resources = [
        ...(entry.target?.resources ?? []),
        ...entry.accesses.map((access) => access.resource ?? ""),
      ];
      if (!resources.some((resource) => spec.test(resource))) return false;
    }
    return true;
  };
}

/** A resource specifier as a regex: `*` matches within one segment, and it matches the resource or anything under it. */
function specPattern(spec: string): RegExp {
  const [resources = ""] = spec.split(";");
  const source = resources
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^:]*");
  return new RegExp(`^${source}(?::.*)?$`);
}
