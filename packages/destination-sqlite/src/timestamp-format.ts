import { TimeUnit } from "@cloudquery/plugin-sdk-javascript/arrow";

const MICROS_PER_SECOND = 1_000_000n;
const TIMESTAMP_PATTERN =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Formats microseconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, always six
 * fractional digits). Fixed width, so text comparison in SQL orders timestamps exactly.
 * @throws RangeError outside years 0000–9999, where the fixed width (and the ordering) would break.
 */
export function formatTimestampMicros(micros: bigint): string {
  let seconds = micros / MICROS_PER_SECOND;
  let fraction = micros % MICROS_PER_SECOND;
  if (fraction < 0n) {
    fraction += MICROS_PER_SECOND;
    seconds -= 1n;
  }
  const iso = new Date(Number(seconds) * 1000).toISOString();
  if (iso.length !== 24) {
    throw new RangeError(`timestamp ${micros}µs is outside years 0000-9999`);
  }
  return `${iso.slice(0, 19)}.${fraction.toString().padStart(6, "0")}Z`;
}

/**
 * Parses a stored timestamp back to microseconds since the epoch. Accepts the format written by
 * {@link formatTimestampMicros} and, leniently, ISO-8601 variants (space separator, offsets).
 * @throws RangeError when the text is not a timestamp.
 */
export function parseTimestampMicros(text: string): bigint {
  const match = TIMESTAMP_PATTERN.exec(text);
  if (!match) {
    const millis = Date.parse(text);
    if (Number.isNaN(millis)) throw new RangeError(`"${text}" is not a timestamp`);
    return BigInt(millis) * 1000n;
  }
  const [, date, time, fraction = "", zone = "Z"] = match;
  const offset =
    zone === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const millis = Date.parse(`${date}T${time}${offset}`);
  if (Number.isNaN(millis)) throw new RangeError(`"${text}" is not a timestamp`);
  return BigInt(millis) * 1000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
}

/** Converts a raw Arrow timestamp value in `unit` to microseconds (nanoseconds are floored). */
export function toMicros(value: bigint, unit: TimeUnit): bigint {
  switch (unit) {
    case TimeUnit.SECOND:
      return value * MICROS_PER_SECOND;
    case TimeUnit.MILLISECOND:
      return value * 1000n;
    case TimeUnit.MICROSECOND:
      return value;
    case TimeUnit.NANOSECOND: {
      const micros = value / 1000n;
      return value < 0n && value % 1000n !== 0n ? micros - 1n : micros;
    }
  }
}

/** Converts microseconds to a raw Arrow timestamp value in `unit` (coarser units are floored). */
export function fromMicros(micros: bigint, unit: TimeUnit): bigint {
  const floorDiv = (divisor: bigint): bigint => {
    const quotient = micros / divisor;
    return micros < 0n && micros % divisor !== 0n ? quotient - 1n : quotient;
  };
  switch (unit) {
    case TimeUnit.SECOND:
      return floorDiv(MICROS_PER_SECOND);
    case TimeUnit.MILLISECOND:
      return floorDiv(1000n);
    case TimeUnit.MICROSECOND:
      return micros;
    case TimeUnit.NANOSECOND:
      return micros * 1000n;
  }
}

/** A sync time as CloudQuery sends it: a `Date` (ms), or microseconds since the epoch. */
export type SyncTime = Date | bigint;

/** Normalises a {@link SyncTime} to microseconds since the epoch. */
export function syncTimeMicros(time: SyncTime): bigint {
  return typeof time === "bigint" ? time : BigInt(time.getTime()) * 1000n;
}
