/**
 * The calendar a monthly report reads (RP-28, RP-01/02: month, quarter to date, year to date): month
 * keys `YYYY-MM`, the months of a quarter or year up to a month, ISO days and ISO weeks. Pure
 * arithmetic on calendar dates (UTC fields only); the workbook's time zone has already decided which
 * day an instant belongs to when rows were read (src/core/templates/table).
 */

const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})/;
const DAY_MS = 86_400_000;

export interface MonthParts {
  readonly year: number;
  readonly month: number;
}

/** `2026-10` → { year: 2026, month: 10 }; null for anything else. */
export function parseMonth(text: unknown): MonthParts | null {
  if (typeof text !== "string") return null;
  const m = MONTH.exec(text.trim());
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

export function monthText(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The month `offset` months after `month` (negative: before). @example addMonths("2026-01", -1) → "2025-12" */
export function addMonths(month: string, offset: number): string {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const index = p.year * 12 + (p.month - 1) + offset;
  return monthText(Math.floor(index / 12), (index % 12) + 1);
}

/** The months of `month`'s quarter up to and including it. @example quarterToDate("2026-11") → ["2026-10", "2026-11"] */
export function quarterToDate(month: string): string[] {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const first = p.month - ((p.month - 1) % 3);
  const out: string[] = [];
  for (let m = first; m <= p.month; m += 1) out.push(monthText(p.year, m));
  return out;
}

/** January to `month` of its year. */
export function yearToDate(month: string): string[] {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  const out: string[] = [];
  for (let m = 1; m <= p.month; m += 1) out.push(monthText(p.year, m));
  return out;
}

/** `2026-Q4` of a month. */
export function quarterOf(month: string): string {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

/** Days since 1970-01-01 of an ISO day `YYYY-MM-DD…`; null when it is not one. */
export function dayNumber(iso: unknown): number | null {
  if (typeof iso !== "string") return null;
  const m = DAY.exec(iso.trim());
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** The ISO day of a day number. */
export function isoDayOf(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** First and last day numbers of a month. */
export function monthDays(month: string): { first: number; last: number } {
  const p = parseMonth(month);
  if (!p) throw new RangeError(`not a month: ${month}`);
  return { first: Date.UTC(p.year, p.month - 1, 1) / DAY_MS, last: Date.UTC(p.year, p.month, 0) / DAY_MS };
}

/** ISO weekday of a day number: Monday 1 … Sunday 7. */
export function isoWeekday(day: number): number {
  const d = new Date(day * DAY_MS).getUTCDay();
  return d === 0 ? 7 : d;
}

