/**
 * The working calendar of approvals: which days are working days (Monday to Friday, minus the
 * Holidays sheet's public holidays, plus its make-up working days 调休上班, spec SC-27 / AMB-37) and
 * which hours of them count (Settings `WORKDAY_HOURS`, default 09:00..18:00 on the workbook's wall
 * clock). Reminders fall due after a number of working hours and follow-up tasks after a number of
 * working days, so a request submitted on Friday evening is not chased on Saturday morning.
 * Pure: instants come in as epoch ms; the zone turns them into wall-clock days (src/core/time).
 */
import { dayKey, fromWallClock } from "../time";

export interface HolidayRow {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly kind: "holiday" | "workday";
}

export interface WorkCalendar {
  readonly timeZone: string;
  /** Public holidays (放假): not working days even on a weekday. */
  readonly holidays: ReadonlySet<string>;
  /** Make-up working days (调休上班): working days even on a weekend. */
  readonly workdays: ReadonlySet<string>;
  /** Minutes after midnight the working day starts and ends. */
  readonly dayStart: number;
  readonly dayEnd: number;
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar from the Holidays sheet's rows; hours as minutes after midnight (540 = 09:00). */
export function workCalendar(timeZone: string, rows: readonly HolidayRow[] = [], dayStart = 9 * 60, dayEnd = 18 * 60): WorkCalendar {
  if (!(dayEnd > dayStart)) throw new RangeError(`working day ends (${dayEnd}) before it starts (${dayStart})`);
  return {
    timeZone,
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === "workday").map((r) => r.date)),
    dayStart,
    dayEnd,
  };
}

function utcOfDay(day: string): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not an ISO day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function dayOfUtc(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** The calendar day `days` after `day` (negative: before). */
export function shiftDay(day: string, days: number): string {
  return dayOfUtc(utcOfDay(day) + days * MS_PER_DAY);
}

/** The calendar day `months` months after `day`, on the month's last day when it is shorter (01-31 + 1 → 02-28). */
export function shiftMonths(day: string, months: number): string {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not an ISO day: ${day}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return dayOfUtc(Date.UTC(year, month, Math.min(Number(m[3]), last)));
}

/** Whether `day` is a working day: a make-up working day, or a weekday that is not a holiday. */
export function isWorkingDay(calendar: WorkCalendar, day: string): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(utcOfDay(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The working day `n` working days after `day` (n = 0: `day` itself if it is one, else the next). */
export function addWorkingDays(calendar: WorkCalendar, day: string, n: number): string {
  let d = day;
  while (!isWorkingDay(calendar, d)) d = shiftDay(d, 1);
  for (let left = n; left > 0; ) {
    d = shiftDay(d, 1);
    if (isWorkingDay(calendar, d)) left -= 1;
  }
  return d;
}

function wallInstant(calendar: WorkCalendar, day: string, minutes: number): number {
  const m = ISO_DAY.exec(day);
  if (!m) throw new RangeError(`not an ISO day: ${day}`);
  return fromWallClock({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Math.floor(minutes / 60), minute: minutes % 60 }, calendar.timeZone);
}

/**
 * Working hours between two instants: the overlap of [from, to] with the working hours of every
 * working day in between, on the workbook's wall clock. Zero when `to` is not after `from`.
 * @example Friday 17:00 → Monday 10:00 (Shanghai, 09:00..18:00) = 1 h Friday + 1 h Monday = 2
 */
export function workingHoursBetween(calendar: WorkCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  let total = 0;
  const last = dayKey(to, calendar.timeZone);
  for (let day = dayKey(from, calendar.timeZone); day <= last; day = shiftDay(day, 1)) {
    if (!isWorkingDay(calendar, day)) continue;
    const start = Math.max(from, wallInstant(calendar, day, calendar.dayStart));
    const end = Math.min(to, wallInstant(calendar, day, calendar.dayEnd));
    if (end > start) total += end - start;
  }
  return total / MS_PER_HOUR;
}

/**
 * The instant at which `hours` working hours have passed since `from` (when a reminder falls due).
 * @example Friday 17:00 + 8 h (09:00..18:00) = Monday 16:00
 */
export function addWorkingHours(calendar: WorkCalendar, from: number, hours: number): number {
  let left = hours * MS_PER_HOUR;
  let day = dayKey(from, calendar.timeZone);
  // A year of calendar days is far more than any reminder interval; the bound keeps a bad calendar from looping.
  for (let guard = 0; guard < 3660; guard += 1, day = shiftDay(day, 1)) {
    if (!isWorkingDay(calendar, day)) continue;
    const start = Math.max(from, wallInstant(calendar, day, calendar.dayStart));
    const end = wallInstant(calendar, day, calendar.dayEnd);
    if (end <= start) continue;
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  throw new RangeError("no working hours within ten years: check the Holidays sheet");
}
