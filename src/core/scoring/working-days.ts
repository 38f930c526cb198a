/**
 * Working days of a month (工作日), the calendar the daily-report standard counts against (RP-14,
 * AMB-75): Monday to Friday, minus the Holidays sheet's public holidays (放假), plus its make-up
 * working days (调休上班) even on a weekend, the same calendar approvals use (SC-27, AMB-37,
 * src/core/approvals/calendar.ts `isWorkingDay`). Optionally only the days up to an as-of day, so a
 * month still running is judged on the days that have passed.
 */
import { isWorkingDay, workCalendar } from "../approvals/calendar";
import type { HolidayRow, WorkCalendar } from "../approvals/calendar";
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { dayParts, isBlank, readDay, readDayOrNull, serialDayOf } from "./cells";
import { readParameter } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MONTH: Field = { zh: "月份", en: "month" };
const AS_OF: Field = { zh: "统计日期", en: "as-of date" };
const HOLIDAY: Field = { zh: "节假日日期", en: "holiday date" };

const NOT_A_MONTH: Bilingual = { zh: "{zh}须为月份,如 2026-10(现为「{got}」)", en: '{en} must be a month such as 2026-10 (got "{got}")' };
const NOT_A_KIND: Bilingual = { zh: "节假日表第{row}行的类型须为 holiday(放假)或 workday(调休上班)(现为「{got}」)", en: 'Holidays row {row}: the kind must be holiday or workday (got "{got}")' };

/** A calendar month: its first and last serial days. */
export interface MonthSpan {
  readonly year: number;
  readonly month: number;
  readonly first: number;
  readonly last: number;
}

const MONTH_TEXT = /^(\d{4})[-/.年](\d{1,2})月?$/;

/** The span of a month from `2026-10` text, or from a date (a typed `2026-10` Sheets turned into 1 October). */
export function monthSpan(year: number, month: number): MonthSpan {
  const first = serialDayOf(year, month, 1);
  const next = month === 12 ? serialDayOf(year + 1, 1, 1) : serialDayOf(year, month + 1, 1);
  return { year, month, first, last: next - 1 };
}

/** A month cell: `2026-10` (also `2026/10`, `2026年10月`), or a date or serial day in the month. */
export function readMonth(value: Cell, field: Field, timeZone: string): MonthSpan | ScoreError {
  if (typeof value === "string" && !isBlank(value)) {
    const m = MONTH_TEXT.exec(value.trim());
    const month = Number(m?.[2]);
    if (m && month >= 1 && month <= 12) return monthSpan(Number(m[1]), month);
  }
  if (typeof value !== "string" || !isBlank(value)) {
    const day = readDay(value, field, timeZone);
    if (!isScoreError(day)) {
      const parts = dayParts(day);
      return monthSpan(parts.year, parts.month);
    }
  }
  return scoreError(NOT_A_MONTH, { zh: field.zh, en: field.en, got: isBlank(value) ? "" : String(value) });
}

const ISO = (serial: number): string => {
  const p = dayParts(serial);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
};

/** The ISO day (`YYYY-MM-DD`) of a serial day. */
export const isoOfSerial = ISO;

/** The working days of `span` up to `asOf` (inclusive; null = the whole month), as serial days. */
export function workingDaysOf(span: MonthSpan, calendar: WorkCalendar, asOf: number | null = null): number[] {
  const last = asOf === null ? span.last : Math.min(span.last, asOf);
  const days: number[] = [];
  for (let d = span.first; d <= last; d += 1) if (isWorkingDay(calendar, ISO(d))) days.push(d);
  return days;
}

/**
 * @example workingDays(October 2026, the 2026 Holidays) → 18 (22 weekdays − 5 National Day holidays on weekdays + the 10 October make-up day)
 */
export function workingDays(span: MonthSpan, calendar: WorkCalendar, asOf: number | null = null): number {
  return workingDaysOf(span, calendar, asOf).length;
}

/**
 * The Holidays sheet's rows (a date column and a kind column, as Sheets passes them) as a calendar.
 * Blank rows are skipped; a row with an unreadable date or kind is an error naming its row.
 */
export function readHolidays(dates: readonly Cell[], kinds: readonly Cell[], timeZone: string): WorkCalendar | ScoreError {
  const rows: HolidayRow[] = [];
  for (let i = 0; i < dates.length; i += 1) {
    const date = dates[i];
    const kind = kinds[i];
    if (isBlank(date) && isBlank(kind)) continue;
    const day = readDay(date, HOLIDAY, timeZone);
    if (isScoreError(day)) return day;
    const k = typeof kind === "string" ? kind.trim().toLowerCase() : "";
    if (k !== "holiday" && k !== "workday") return scoreError(NOT_A_KIND, { row: i + 2, got: isBlank(kind) ? "" : String(kind) });
    rows.push({ date: ISO(day), kind: k });
  }
  return workCalendar(timeZone, rows);
}

/** A one-column range or a value as a list of cells. */
export function columnCells(arg: unknown): Cell[] {
  if (!Array.isArray(arg)) return [arg];
  return (arg as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[])[0] : row));
}

/** `WORKING_DAYS(month, holidayDates, holidayKinds, [asOf], [timeZone])` for one cell; the calendar is read once per call. */
export function workingDaysCell(month: Cell, asOf: Cell, calendar: WorkCalendar, timeZone: string): number | ScoreError {
  const span = readMonth(month, MONTH, timeZone);
  if (isScoreError(span)) return span;
  const until = readDayOrNull(asOf, AS_OF, timeZone);
  if (isScoreError(until)) return until;
  return workingDays(span, calendar, until);
}

/** The time zone of a custom function's optional argument. */
export function zoneOf(cell: Cell): string | ScoreError {
  return readParameter(cell, "TIME_ZONE");
}
