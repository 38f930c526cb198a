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

const MS_PER_DAY = 86_400_000;

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

/** The wall clock as Intl shows it: second resolution, the milliseconds taken from the instant. */
function intlWallClock(epochMs: number, timeZone: string): WallClock {
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

/** The offset as Intl gives it: one `formatToParts`, the cost this module avoids repeating. */
function intlOffsetMs(epochMs: number, timeZone: string): number {
  const w = intlWallClock(epochMs, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) - epochMs;
}

/**
 * One UTC day of a zone's transition table: the offset at its first instant, and the instant
 * (if any) from which `after` applies instead.
 */
interface DayOffsets {
  readonly start: number;
  readonly changeAt: number;
  readonly after: number;
}

/**
 * The lazily built transition table of each zone, one entry per UTC day asked about. Converting a
 * column of dates then calls Intl about once per distinct day, not once (or fourteen times) per
 * cell: issue 10 §3 measured 75 % of `CUSTOMER_FILE_STALE`'s 25 s at 100,000 rows in Intl. The
 * table assumes a zone changes its offset at most once within one UTC day, true of every zone in
 * the IANA database since 1900 (the tests compare it with Intl at random instants in zones with
 * DST, half-hour and 45-minute offsets, and a skipped day).
 */
const transitionTables = new Map<string, Map<number, DayOffsets>>();
/** Days kept per zone before the table starts over (a day is ~50 bytes: 100,000 days is ~5 MB). */
const MAX_DAYS_PER_ZONE = 100_000;

/** Zones that never leave UTC, answered without Intl. */
const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu"]);

function dayOffsets(utcDay: number, timeZone: string): DayOffsets {
  let table = transitionTables.get(timeZone);
  if (!table) {
    table = new Map();
    transitionTables.set(timeZone, table);
  }
  const cached = table.get(utcDay);
  if (cached) return cached;
  const first = utcDay * MS_PER_DAY;
  const last = first + MS_PER_DAY - 1;
  const start = intlOffsetMs(first, timeZone);
  const end = intlOffsetMs(last, timeZone);
  let entry: DayOffsets = { start, changeAt: Infinity, after: start };
  if (end !== start) {
    // Binary search for the first millisecond of the new offset.
    let lo = first;
    let hi = last;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (intlOffsetMs(mid, timeZone) === start) lo = mid;
      else hi = mid;
    }
    entry = { start, changeAt: hi, after: end };
  }
  if (table.size >= MAX_DAYS_PER_ZONE) table.clear();
  table.set(utcDay, entry);
  return entry;
}

/** Offset of `timeZone` from UTC at `epochMs`, in milliseconds (Shanghai: +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  if (!Number.isFinite(epochMs)) throw new RangeError("Invalid time value");
  if (UTC_ZONES.has(timeZone)) return 0;
  const day = dayOffsets(Math.floor(epochMs / MS_PER_DAY), timeZone);
  return epochMs < day.changeAt ? day.start : day.after;
}

/** The wall-clock fields of `epochMs` in `timeZone` (an IANA name such as `Asia/Shanghai`). */
export function wallClock(epochMs: number, timeZone: string): WallClock {
  return utcFields(epochMs + zoneOffsetMs(epochMs, timeZone));
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
