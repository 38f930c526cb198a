/**
 * The annual business plan's due date and approver (年度经营计划, spec WF-22.1-2, RP-09, KPI-40,
 * AMB-57): it is due by Settings `ANNUAL_PLAN_DUE` (MM-DD, default 01-05: "于每年度的一月五日前")
 * of the plan's year, and one submitted after that day is flagged late, in both languages; it is
 * approved by "the company", mapped to the People role of Settings `ANNUAL_PLAN_APPROVER`
 * (default gm, AMB-39/AMB-57). Pure.
 */
import type { Bilingual } from "../i18n";
import { format } from "../i18n";

export const ANNUAL_PLAN_DEFAULTS = { due: "01-05", approver: "gm" } as const;

const MONTH_DAY = /^(\d{1,2})-(\d{1,2})$/;

/** `MM-DD` as written in Settings, or null when it is not a real day of the year. */
export function monthDay(text: string): string | null {
  const m = MONTH_DAY.exec(text.trim());
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return null;
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The due day of the plan of `year`: `2027-01-05`. A 02-29 due date falls on 02-28 in other years. */
export function annualPlanDueDay(year: number, due: string): string {
  const md = monthDay(due) ?? ANNUAL_PLAN_DEFAULTS.due;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-${md === "02-29" && !leap ? "02-28" : md}`;
}

const LATE: Bilingual = {
  zh: "逾期提交:{year} 年度经营计划应于 {due} 前提交(设置 ANNUAL_PLAN_DUE),实际 {today} 提交,晚了 {days} 天(KPI-40)",
  en: "Late: the {year} annual business plan was due by {due} (Settings ANNUAL_PLAN_DUE); it was submitted on {today}, {days} days late (KPI-40)",
};

function daysBetween(a: string, b: string): number {
  const ms = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/**
 * The late notice of an annual plan for `year` submitted on `today` (`YYYY-MM-DD`), or null when on time.
 * @example annualPlanLateNotice(2027, "2027-01-08", "01-05")?.en → "Late: … due by 2027-01-05 … 3 days late (KPI-40)"
 */
export function annualPlanLateNotice(year: number, today: string, due: string): Bilingual | null {
  const dueDay = annualPlanDueDay(year, due);
  if (today <= dueDay) return null;
  return format(LATE, { year, due: dueDay, today, days: daysBetween(dueDay, today) });
}
