/**
 * Reading one spreadsheet cell as the value a rule needs. A custom function receives what Sheets
 * passes: numbers, strings, booleans, `Date` objects for date cells and `""` for empty cells
 * (https://developers.google.com/apps-script/guides/sheets/functions#data_types). People also type
 * numbers as text ("1,000", "80%"), so numeric text is read as a number. Each reader returns the
 * value or a `ScoreError` that names the field and says what to fix; none of them throws.
 * Dates become whole **serial days** (days since 1899-12-30 on the workbook's wall clock, as
 * `src/core/time.ts` defines them), so rules count calendar days with plain subtraction.
 */
import type { Bilingual } from "../i18n";
import { fromSerial, fromWallClock, toSerial, wallClock } from "../time";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

/** A value as Sheets passes it for one cell. */
export type Cell = unknown;

const MISSING: Bilingual = { zh: "请填写{zh}", en: "enter the {en}" };
const NOT_A_NUMBER: Bilingual = { zh: "{zh}须为数字(现为「{got}」)", en: '{en} must be a number (got "{got}")' };
const NOT_A_DATE: Bilingual = { zh: "{zh}须为日期(现为「{got}」)", en: '{en} must be a date (got "{got}")' };
const NOT_A_FLAG: Bilingual = { zh: "{zh}须为 TRUE 或 FALSE(现为「{got}」)", en: '{en} must be TRUE or FALSE (got "{got}")' };
const NOT_A_GRADE: Bilingual = { zh: "{zh}须为 A、B 或 C(现为「{got}」)", en: '{en} must be A, B or C (got "{got}")' };

/** An empty cell: `""` as Sheets passes it, whitespace, or nothing at all. */
export function isBlank(value: Cell): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * A `Date` from any realm: the bundle runs in its own context, so `instanceof Date` is not enough
 * for values the host hands in.
 */
export function isDateValue(value: Cell): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** How a cell is shown in a message. */
function shown(value: Cell): string {
  if (isDateValue(value)) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString().slice(0, 10);
  return typeof value === "string" ? value.trim() : String(value);
}

function fieldValues(field: Field, got?: Cell): Record<string, string> {
  return got === undefined ? { zh: field.zh, en: field.en } : { zh: field.zh, en: field.en, got: shown(got) };
}

/** `请填写目标 / enter the target`. */
export function missing(field: Field): ScoreError {
  return scoreError(MISSING, fieldValues(field));
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i;

/**
 * Numeric text as a number: thousands separators and spaces are ignored, a trailing `%` divides
 * by 100 ("80%" → 0.8). Anything else gives `null`.
 */
export function parseNumberText(text: string): number | null {
  const compact = text.replace(/[,\s]/g, "");
  if (!NUMBER_TEXT.test(compact)) return null;
  const percent = compact.endsWith("%");
  const n = Number(percent ? compact.slice(0, -1) : compact);
  return percent ? n / 100 : n;
}

/** A number; a blank cell is `missing`. */
export function readNumber(value: Cell, field: Field): number | ScoreError {
  if (isBlank(value)) return missing(field);
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const n = typeof value === "string" ? parseNumberText(value) : null;
  return n !== null && Number.isFinite(n) ? n : scoreError(NOT_A_NUMBER, fieldValues(field, value));
}

/** A number, or `fallback` for a blank cell. */
export function readNumberOr<T extends number | null>(value: Cell, field: Field, fallback: T): number | T | ScoreError {
  return isBlank(value) ? fallback : readNumber(value, field);
}

const DATE_TEXT = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/**
 * A calendar day as a whole serial day in `timeZone`. Accepts a `Date` (the day its instant falls
 * on in `timeZone`), a serial number (the day part), or `YYYY-MM-DD` text. A blank cell is `missing`.
 */
export function readDay(value: Cell, field: Field, timeZone: string): number | ScoreError {
  if (isBlank(value)) return missing(field);
  if (isDateValue(value)) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? scoreError(NOT_A_DATE, fieldValues(field, value)) : Math.floor(toSerial(ms, timeZone));
  }
  if (typeof value === "number" && Number.isFinite(value)) return Math.floor(value);
  if (typeof value === "string") {
    const m = DATE_TEXT.exec(value.trim());
    if (m) {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const serial = toSerial(fromWallClock({ year, month, day }, "UTC"), "UTC");
      const parts = dayParts(serial);
      if (parts.month === month && parts.day === day) return serial;
    }
  }
  return scoreError(NOT_A_DATE, fieldValues(field, value));
}

/** A calendar day, or `null` for a blank cell. */
export function readDayOrNull(value: Cell, field: Field, timeZone: string): number | null | ScoreError {
  return isBlank(value) ? null : readDay(value, field, timeZone);
}

/** Year, month (1-12) and day of a whole serial day. */
export function dayParts(serialDay: number): { year: number; month: number; day: number } {
  const w = wallClock(fromSerial(serialDay, "UTC"), "UTC");
  return { year: w.year, month: w.month, day: w.day };
}

/** The serial day of a calendar date; the day is clamped to the month's last day (31 Feb → 28/29 Feb). */
export function serialDayOf(year: number, month: number, day: number): number {
  const firstOfNext = toSerial(fromWallClock({ year, month: month + 1, day: 1 }, "UTC"), "UTC");
  const lastDay = dayParts(firstOfNext - 1).day;
  return toSerial(fromWallClock({ year, month, day: Math.min(day, lastDay) }, "UTC"), "UTC");
}

const TRUE_WORDS = new Set(["TRUE", "YES", "Y", "1", "是", "有", "√"]);
const FALSE_WORDS = new Set(["FALSE", "NO", "N", "0", "否", "无"]);

/** A yes/no mark (TRUE, 是, Y, 1, ✓-style marks); a blank cell is `false`. */
export function readFlag(value: Cell, field: Field): boolean | ScoreError {
  if (isBlank(value)) return false;
  if (typeof value === "boolean") return value;
  const word = shown(value).toUpperCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return scoreError(NOT_A_FLAG, fieldValues(field, value));
}

/** A monthly appraisal grade (spec SC-36): A 优秀, B 合格, C 较差. */
export type Grade = "A" | "B" | "C";

const GRADE_WORDS: Readonly<Record<string, Grade>> = { A: "A", B: "B", C: "C", 优秀: "A", 合格: "B", 较差: "C" };

/** A grade, or `null` for a blank cell (a month not appraised). */
export function readGrade(value: Cell, field: Field): Grade | null | ScoreError {
  if (isBlank(value)) return null;
  const grade = typeof value === "string" ? GRADE_WORDS[value.trim().toUpperCase()] : undefined;
  return grade ?? scoreError(NOT_A_GRADE, fieldValues(field, value));
}

type Read<T extends readonly unknown[]> = { -readonly [K in keyof T]: Exclude<T[K], ScoreError> };

/** All values read, or the first `ScoreError` among them. */
export function readAll<T extends readonly unknown[]>(values: readonly [...T]): Read<T> | ScoreError {
  for (const v of values) if (isScoreError(v)) return v;
  return values as unknown as Read<T>;
}
