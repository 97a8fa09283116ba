import type { TableProgress, TableState, TableTracker } from "../sync/table-tracker.js";
import type { CliOutput } from "./cli-output.js";
import { formatCount, formatDuration } from "./format.js";

/** Options of {@link ProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** Redraw interval on a terminal, in ms; default 150. */
  ttyIntervalMs?: number;
  /** Interval of progress lines otherwise, in ms; default 5000 (text) or 1000 (JSON). */
  lineIntervalMs?: number;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

function counters(progress: TableProgress): string {
  const waits =
    progress.rateLimited > 0 || progress.waitedMs > 0
      ? `, ${formatCount(progress.rateLimited)} rate-limit waits (${formatDuration(progress.waitedMs)})`
      : ", 0 rate-limit waits";
  const problems =
    (progress.warnings > 0 ? `, ${formatCount(progress.warnings)} warnings` : "") +
    (progress.errors > 0 ? `, ${formatCount(progress.errors)} errors` : "");
  return `${formatCount(progress.rows)} rows, ${formatCount(progress.requests)} requests${waits}${problems}`;
}

function fingerprint(progress: TableProgress, state: TableState): string {
  return [
    state,
    progress.rows,
    progress.requests,
    progress.rateLimited,
    progress.warnings,
    progress.errors,
  ].join(":");
}

/**
 * Shows a sync's progress per table: on a terminal a block of lines (one per table: rows,
 * requests, rate-limit waits) redrawn in place; otherwise a plain line per changed table every few
 * seconds and one when a table is done; with `--log-format json`, `progress` and `table_done`
 * events.
 */
export class ProgressDisplay {
  readonly #output: CliOutput;
  readonly #tracker: TableTracker;
  readonly #options: ProgressDisplayOptions;
  readonly #last = new Map<string, string>();
  readonly #started = Date.now();
  readonly #nameWidth: number;
  #timer: NodeJS.Timeout | undefined;
  #drawn = 0;
  #frame = 0;

  constructor(output: CliOutput, tracker: TableTracker, options: ProgressDisplayOptions = {}) {
    this.#output = output;
    this.#tracker = tracker;
    this.#options = options;
    this.#nameWidth = Math.max(
      0,
      ...tracker.tables.map((progress) => progress.depth * 2 + progress.table.length),
    );
  }

  /** Starts drawing (terminal) or emitting lines. */
  start(): void {
    if (this.#output.interactive) {
      this.#output.aroundLog = (write) => {
        this.#clear();
        write();
        this.#draw();
      };
      this.#draw();
      this.#timer = setInterval(() => this.#redraw(), this.#options.ttyIntervalMs ?? 150);
    } else {
      const interval =
        this.#options.lineIntervalMs ?? (this.#output.format === "json" ? 1000 : 5000);
      this.#timer = setInterval(() => this.#lines(false), interval);
    }
    this.#timer.unref();
  }

  /** Stops; a terminal's block is cleared (the summary follows), otherwise final lines are written. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#output.interactive) {
      this.#clear();
      this.#output.aroundLog = undefined;
    } else {
      this.#lines(true);
    }
  }

  #lines(final: boolean): void {
    for (const progress of this.#tracker.tables) {
      const state = this.#tracker.state(progress.table);
      const key = fingerprint(progress, state);
      const before = this.#last.get(progress.table);
      if (before === key || (state === "waiting" && !final)) continue;
      const wasDone = before?.startsWith("done:") ?? false;
      this.#last.set(progress.table, key);
      if (final && state !== "done" && before === undefined && progress.started === 0) continue;
      const done = state === "done" && !wasDone;
      if (this.#output.format === "json") {
        this.#output.event(done ? "table_done" : "progress", {
          table: progress.table,
          state,
          rows: progress.rows,
          requests: progress.requests,
          retries: progress.retries,
          rateLimited: progress.rateLimited,
          waitedMs: Math.round(progress.waitedMs),
          warnings: progress.warnings,
          errors: progress.errors,
        });
      } else {
        this.#output.print(`${progress.table}: ${done ? "done, " : ""}${counters(progress)}`);
      }
    }
  }

  #line(progress: TableProgress): string {
    const state = this.#tracker.state(progress.table);
    const mark =
      state === "done"
        ? progress.errors > 0
          ? "✗"
          : progress.warnings > 0
            ? "!"
            : "✓"
        : state === "syncing"
          ? (SPINNER[this.#frame % SPINNER.length] ?? "-")
          : "·";
    const name = `${"  ".repeat(progress.depth)}${progress.table}`;
    const waits =
      progress.rateLimited > 0
        ? `  ${formatCount(progress.rateLimited)} rate-limit waits (${formatDuration(progress.waitedMs)})`
        : "";
    const problems =
      (progress.warnings > 0 ? `  ${formatCount(progress.warnings)} warnings` : "") +
      (progress.errors > 0 ? `  ${formatCount(progress.errors)} errors` : "");
    return `${mark} ${name.padEnd(this.#nameWidth)}  ${formatCount(progress.rows).padStart(9)} rows  ${formatCount(progress.requests).padStart(6)} requests${waits}${problems}`;
  }

  #draw(): void {
    const width = process.stdout.columns || 120;
    const tables = this.#tracker.tables;
    const lines = [
      ...tables.map((progress) => this.#line(progress)),
      `  ${formatDuration(Date.now() - this.#started)} elapsed`,
    ];
    this.#output.raw(lines.map((line) => `\x1b[2K${line.slice(0, width - 1)}\n`).join(""));
    this.#drawn = lines.length;
  }

  #clear(): void {
    if (this.#drawn === 0) return;
    this.#output.raw(`\x1b[${this.#drawn}A\x1b[0J`);
    this.#drawn = 0;
  }

  #redraw(): void {
    this.#frame += 1;
    if (this.#drawn > 0) this.#output.raw(`\x1b[${this.#drawn}A`);
    this.#drawn = 0;
    this.#draw();
  }
}
