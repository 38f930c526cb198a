/**
 * Wall-clock time in a named time zone, and spreadsheet serial dates.
 *
 * The one date converter of the project: the core (month boundaries in the workbook's zone), the
 * Apps Script adapters and the local host (serial numbers for the formula engine and the .xlsx file)
 * all use these functions. Sheets counts serial dates as days since 1899-12-30 **in the
 * spreadsheet's wall-clock time** (Spreadsheet.getSpreadsheetTimeZone), so converting needs the zone.
 * Pure: every function takes the instant it works on.
 */

/** Calendar fields of an instant as seen on a wall clock in some zone. Month is 1-12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `epochMs` in `timeZone` (an IANA name such as `Asia/Shanghai`). */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
    millisecond: ms,
  };
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (Shanghai: +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  return asUtc - epochMs;
}

/**
 * The instant at which the wall clock in `timeZone` shows the given fields. For a wall time skipped
 * by a daylight-saving jump the result is the instant just after the jump.
 */
export function fromWallClock(w: Partial<WallClock> & Pick<WallClock, "year" | "month" | "day">, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.millisecond ?? 0);
  let guess = asUtc - zoneOffsetMs(asUtc, timeZone);
  // A second pass settles instants near an offset change.
  guess = asUtc - zoneOffsetMs(guess, timeZone);
  return guess;
}

const MS_PER_DAY = 86_400_000;
/** Day 0 of spreadsheet serial dates: 1899-12-30 (Sheets and Excel's 1900 system agree from 1900-03-01). */
const SERIAL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** Spreadsheet serial number (days since 1899-12-30, fraction = time of day) of an instant in `timeZone`. */
export function toSerial(epochMs: number, timeZone: string): number {
  return (epochMs + zoneOffsetMs(epochMs, timeZone) - SERIAL_EPOCH_UTC) / MS_PER_DAY;
}

/** The instant a spreadsheet serial number denotes when read in `timeZone`. */
export function fromSerial(serial: number, timeZone: string): number {
  return fromWallClock(utcFields(Math.round(SERIAL_EPOCH_UTC + serial * MS_PER_DAY)), timeZone);
}

/** The calendar fields of an instant read on a UTC clock (or of wall time stored as if it were UTC). */
export function utcFields(epochMs: number): WallClock {
  const d = new Date(epochMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** `YYYY-MM` of an instant in `timeZone`: the month an event belongs to. */
export function monthKey(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.year}-${String(w.month).padStart(2, "0")}`;
}

/** `YYYY-MM-DD` of an instant in `timeZone`. */
export function dayKey(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}
