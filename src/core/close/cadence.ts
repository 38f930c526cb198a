/**
 * The monthly cadence (考核周期), spec SC-27 / AMB-37, seed `004` §3.7: last month's appraisal is
 * done by the `APPRAISAL_DUE_DAY`th (default the 5th) and its results are published by the
 * `PUBLISH_DUE_DAY`th (default the 7th); a due day that falls on a weekend or a Holidays-sheet
 * holiday moves to the next working day (the seed: holidays move dates later), and a make-up
 * working day (调休上班) counts as a working day. The working calendar is the approvals' one
 * (src/core/approvals/calendar.ts): one calendar for the whole workbook.
 * The daily job runs at `MONTHLY_JOB_HOUR` (workbook zone) and asks `cadenceToday` what is due.
 * Pure: the instant comes in as epoch ms; the zone turns it into a wall-clock day.
 */
import type { WorkCalendar } from "../approvals/calendar";
import { addWorkingDays } from "../approvals/calendar";
import { dayKey } from "../time";

export interface CadenceSettings {
  /** Day of the month by which last month is closed (SC-27), 1..28. */
  readonly appraisalDueDay: number;
  /** Day of the month by which last month is published (SC-27), 1..28. */
  readonly publishDueDay: number;
  /** Hour of the day (workbook zone) the daily job runs, 0..23. */
  readonly jobHour: number;
}

export const CADENCE_SETTING_KEYS = {
  appraisalDueDay: "APPRAISAL_DUE_DAY",
  publishDueDay: "PUBLISH_DUE_DAY",
  jobHour: "MONTHLY_JOB_HOUR",
} as const;

export const DEFAULT_CADENCE: CadenceSettings = { appraisalDueDay: 5, publishDueDay: 7, jobHour: 8 };

function integerIn(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/**
 * Settings by key → the cadence; a blank or out-of-range value means the default.
 * @example cadenceSettings({ APPRAISAL_DUE_DAY: "3" }).appraisalDueDay → 3
 */
export function cadenceSettings(values: Readonly<Record<string, unknown>>): CadenceSettings {
  const d = DEFAULT_CADENCE;
  const k = CADENCE_SETTING_KEYS;
  return {
    appraisalDueDay: integerIn(values[k.appraisalDueDay], 1, 28, d.appraisalDueDay),
    publishDueDay: integerIn(values[k.publishDueDay], 1, 28, d.publishDueDay),
    jobHour: integerIn(values[k.jobHour], 0, 23, d.jobHour),
  };
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** Whether `text` is a month as the sheets write it, `YYYY-MM`. */
export function isMonthKey(text: string): boolean {
  const m = MONTH.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** The month `n` months after `month` (negative: before). @example shiftMonth("2026-01", -1) → "2025-12" */
export function shiftMonth(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The day a month's step falls due: day `dueDay` of the following month, moved to the next working
 * day when it is not one (SC-27, AMB-37).
 * @example dueDate(cal, "2026-09", 5) → "2026-10-08" (1–7 October is the National Day holiday)
 */
export function dueDate(calendar: WorkCalendar, month: string, dueDay: number): string {
  return addWorkingDays(calendar, `${shiftMonth(month, 1)}-${String(dueDay).padStart(2, "0")}`, 0);
}

export interface CadenceToday {
  /** `YYYY-MM-DD` of the instant in the workbook zone. */
  readonly today: string;
  /** The month whose close falls due today, or null. */
  readonly close: string | null;
  /** The month whose publication falls due today, or null. */
  readonly publish: string | null;
}

/** The month whose `dueDay` step falls on `today`, if any (a shifted due day may land a month later). */
function dueOn(calendar: WorkCalendar, today: string, dueDay: number): string | null {
  const thisMonth = today.slice(0, 7);
  for (const back of [1, 2]) {
    const month = shiftMonth(thisMonth, -back);
    if (dueDate(calendar, month, dueDay) === today) return month;
  }
  return null;
}

/**
 * What the daily job does at `now`: close last month on its close due day, publish it on its
 * publication due day, nothing on any other day (SC-27).
 * @example cadenceToday(Thu 2026-11-05 08:00 Shanghai, cal, defaults) → { today: "2026-11-05", close: "2026-10", publish: null }
 */
export function cadenceToday(now: number, calendar: WorkCalendar, settings: CadenceSettings): CadenceToday {
  const today = dayKey(now, calendar.timeZone);
  return { today, close: dueOn(calendar, today, settings.appraisalDueDay), publish: dueOn(calendar, today, settings.publishDueDay) };
}

/**
 * The month a person means by "close (or publish) the month" without naming one: the latest month
 * whose due day has come (on 3 November with the 5th as due day that is still September; from the
 * 5th on, October). Running early is allowed by naming the month.
 * @example latestDueMonth(Mon 2026-11-09, cal, 5) → "2026-10"
 */
export function latestDueMonth(now: number, calendar: WorkCalendar, dueDay: number): string {
  const today = dayKey(now, calendar.timeZone);
  const last = shiftMonth(today.slice(0, 7), -1);
  return dueDate(calendar, last, dueDay) <= today ? last : shiftMonth(last, -1);
}
