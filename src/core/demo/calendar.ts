/**
 * Calendar-day arithmetic on ISO dates (`2026-03-05`) for the demo department: adding days, month
 * lengths and weekdays. These are dates without a time or a zone (a day on the
 * workbook's calendar); turning them into instants is the table adapter's job (src/core/time).
 */

const MS_PER_DAY = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYY-MM-DD` of a calendar day. */
export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function parse(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new RangeError(`not an ISO date: ${iso}`);
  return Date.UTC(y, m - 1, d);
}

/** The day `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  const d = new Date(parse(iso) + days * MS_PER_DAY);
  return isoDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((parse(b) - parse(a)) / MS_PER_DAY);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function weekday(iso: string): number {
  const day = new Date(parse(iso)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** `YYYY-MM` of the month before (`back` = 1) or after (negative) `year`-`month`. */
export function shiftMonth(year: number, month: number, back: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) - back;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
