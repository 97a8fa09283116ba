import type { Logger } from "@cq-launchdarkly/core";

/** `--log-format`: human text, or one JSON object per line on stdout. */
export type LogFormat = "text" | "json";
/** `--log-level`. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Log formats, for argument checks. */
export const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];
/** Log levels, lowest first. */
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** Options of {@link CliOutput}. */
export interface CliOutputOptions {
  /** Text or JSON lines. */
  format: LogFormat;
  /** Lowest level printed. */
  level: LogLevel;
  /** Where results (and JSON lines) go; `process.stdout` by default. */
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where text logs and errors go; `process.stderr` by default. */
  stderr?: NodeJS.WritableStream;
}

const LABEL: Record<LogLevel, string> = { debug: "DBG", info: "INF", warn: "WRN", error: "ERR" };

function fieldText(value: unknown): string {
  if (typeof value === "string") return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  if (value instanceof Error) return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Everything the CLI prints goes through here: text logs on stderr and results on stdout, or
 * JSON lines on stdout with `--log-format json`. Every registered secret (the access token) is
 * replaced by `[REDACTED]` in all output.
 */
export class CliOutput {
  /** The output format. */
  readonly format: LogFormat;
  /** The lowest level logged. */
  readonly level: LogLevel;
  /** True when stdout is a terminal and the format is text (progress can redraw in place). */
  readonly interactive: boolean;
  /** Called around each log line on a terminal, so a progress display can step aside. */
  aroundLog: ((write: () => void) => void) | undefined;
  readonly #stdout: NodeJS.WritableStream;
  readonly #stderr: NodeJS.WritableStream;
  readonly #secrets = new Set<string>();

  constructor(options: CliOutputOptions) {
    this.format = options.format;
    this.level = options.level;
    this.#stdout = options.stdout ?? process.stdout;
    this.#stderr = options.stderr ?? process.stderr;
    this.interactive = this.format === "text" && (options.stdout ?? process.stdout).isTTY === true;
  }

  /** Never print `secret` (e.g. the access token). Short values are ignored. */
  addSecret(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 4) this.#secrets.add(secret);
  }

  /** `text` with every secret replaced. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join("[REDACTED]");
    return result;
  }

  /** Whether `level` is printed. */
  enabled(level: LogLevel): boolean {
    return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(this.level);
  }

  /** Logs a message at `level` with structured fields. */
  log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
    if (!this.enabled(level)) return;
    if (this.format === "json") {
      this.json({ level, message, ...fields });
      return;
    }
    const extra = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${fieldText(value)}`)
      .join(" ");
    const line = `${new Date().toISOString()} ${LABEL[level]} ${message}${extra ? ` ${extra}` : ""}\n`;
    const write = () => void this.#stderr.write(this.redact(line));
    if (this.aroundLog) this.aroundLog(write);
    else write();
  }

  /** A core `Logger` that prints through this output. */
  get logger(): Logger {
    return {
      debug: (message, fields) => this.log("debug", message, fields),
      info: (message, fields) => this.log("info", message, fields),
      warn: (message, fields) => this.log("warn", message, fields),
      error: (message, fields) => this.log("error", message, fields),
    };
  }

  /** One JSON line on stdout (JSON format), with a timestamp. */
  json(object: Record<string, unknown>): void {
    const line = JSON.stringify(
      { time: new Date().toISOString(), ...object },
      (_key, value: unknown) =>
        value instanceof Error
          ? value.message
          : typeof value === "bigint"
            ? value.toString()
            : value,
    );
    this.#stdout.write(`${this.redact(line)}\n`);
  }

  /** A structured event: a JSON line in JSON format, nothing in text format. */
  event(event: string, fields: Record<string, unknown>): void {
    if (this.format === "json") this.json({ level: "info", event, ...fields });
  }

  /** Text for the user on stdout (text format only; JSON format uses events). */
  print(text = ""): void {
    if (this.format === "text") this.#stdout.write(`${this.redact(text)}\n`);
  }

  /** Raw text on stdout (terminal control sequences of the progress display). */
  raw(text: string): void {
    this.#stdout.write(this.redact(text));
  }

  /** A failure the user must read: `error: …` on stderr, or an error JSON line. */
  error(message: string, fields: Record<string, unknown> = {}): void {
    if (this.format === "json") this.json({ level: "error", message, ...fields });
    else this.#stderr.write(`${this.redact(`error: ${message}`)}\n`);
  }

  /** A notice on stderr (text) or an info JSON line; always printed. */
  notice(message: string, fields: Record<string, unknown> = {}): void {
    if (this.format === "json") this.json({ level: "info", message, ...fields });
    else {
      const write = () => void this.#stderr.write(`${this.redact(message)}\n`);
      if (this.aroundLog) this.aroundLog(write);
      else write();
    }
  }
}
