/**
 * The recurring meetings and reviews the daily job puts on the Tasks sheet, each once per period:
 * - WF-20 periodic process review (定期评估, seed 001 §四 L61-62): 「每季度或半年」 (every quarter
 *   or half-year, AMB-56): Settings `PROCESS_REVIEW_CADENCE` = QUARTERLY (default) | HALF_YEARLY;
 *   the Marketing Manager reviews the processes by the period's last working day (changes that
 *   result go through WF-19).
 * - WF-16.1 department meeting (部门例会, seed 001 L47, 003 L36), frequency not given (AMB-54):
 *   Settings `DEPT_MEETING_CADENCE` = WEEKLY (default) | BIWEEKLY | MONTHLY; the Marketing Director
 *   holds it by the period's last working day (a BIWEEKLY period is an ISO week pair: 1-2, 3-4, …).
 * A task's ID names its period (`WF20-2026-Q4`, `WF16-2026-W49`), so a second run the same period
 * finds it and adds nothing. Pure.
 */
import type { Bilingual } from "../i18n";
import type { WorkCalendar } from "../approvals/calendar";
import { isWorkingDay, shiftDay } from "../approvals/calendar";

export const RECURRING_SETTING_KEYS = { processReview: "PROCESS_REVIEW_CADENCE", deptMeeting: "DEPT_MEETING_CADENCE" } as const;

export type ProcessReviewCadence = "QUARTERLY" | "HALF_YEARLY";
export type DeptMeetingCadence = "WEEKLY" | "BIWEEKLY" | "MONTHLY";

export interface RecurringSettings {
  readonly processReview: ProcessReviewCadence;
  readonly deptMeeting: DeptMeetingCadence;
}

export const DEFAULT_RECURRING: RecurringSettings = { processReview: "QUARTERLY", deptMeeting: "WEEKLY" };

function word(value: unknown): string {
  return typeof value === "string" ? value.trim().toUpperCase() : "";
}

/**
 * Settings by key → the cadences; a blank or unknown value means the default.
 * @example recurringSettings({ DEPT_MEETING_CADENCE: "monthly" }).deptMeeting → "MONTHLY"
 */
export function recurringSettings(values: Readonly<Record<string, unknown>>): RecurringSettings {
  const review = word(values[RECURRING_SETTING_KEYS.processReview]);
  const meeting = word(values[RECURRING_SETTING_KEYS.deptMeeting]);
  return {
    processReview: review === "HALF_YEARLY" ? "HALF_YEARLY" : review === "QUARTERLY" ? "QUARTERLY" : DEFAULT_RECURRING.processReview,
    deptMeeting: meeting === "BIWEEKLY" || meeting === "MONTHLY" || meeting === "WEEKLY" ? meeting : DEFAULT_RECURRING.deptMeeting,
  };
}

/** A task to add: ID (its period), title, the People role that owns it, the spec step, due day. */
export interface RecurringTask {
  readonly id: string;
  readonly title: Bilingual;
  readonly ownerRole: string;
  readonly rule: string;
  readonly dueOn: string;
}

const pad = (n: number): string => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The last working day on or before `day`. */
function lastWorkingDay(calendar: WorkCalendar, day: string): string {
  let d = day;
  for (let i = 0; i < 31 && !isWorkingDay(calendar, d); i += 1) d = shiftDay(d, -1);
  return d;
}

/** ISO week-numbering year and week of `day`, and the Sunday that ends the week. */
function isoWeek(day: string): { year: number; week: number; sunday: string } {
  const ms = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(ms + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return { year, week, sunday: shiftDay(day, 6 - weekday) };
}

/**
 * The recurring tasks of the periods `today` (`YYYY-MM-DD`, workbook zone) falls in.
 * @example recurringTasks("2026-11-04", calendar, DEFAULT_RECURRING) → WF20-2026-Q4 due 2026-12-31, WF16-2026-W45 due 2026-11-06
 */
export function recurringTasks(today: string, calendar: WorkCalendar, settings: RecurringSettings): RecurringTask[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const half = settings.processReview === "HALF_YEARLY";
  const period = half ? Math.ceil(month / 6) : Math.ceil(month / 3);
  const periodName = half ? `H${period}` : `Q${period}`;
  const review: RecurringTask = {
    id: `WF20-${year}-${periodName}`,
    title: {
      zh: `${year}年${half ? (period === 1 ? "上半年" : "下半年") : `第${period}季度`}流程定期评估:评估各流程并提出优化建议,变更按流程变更申请(WF-20,AMB-56)`,
      en: `Process review of ${year} ${periodName}: evaluate the processes and propose improvements; changes go through a process change request (WF-20, AMB-56)`,
    },
    ownerRole: "mkt_manager",
    rule: "WF-20",
    dueOn: lastWorkingDay(calendar, lastDayOfMonth(year, half ? period * 6 : period * 3)),
  };
  let meetingId: string;
  let meetingEnd: string;
  let meetingName: Bilingual;
  if (settings.deptMeeting === "MONTHLY") {
    meetingId = `WF16-${year}-M${pad(month)}`;
    meetingEnd = lastDayOfMonth(year, month);
    meetingName = { zh: `${year}年${month}月`, en: `${year}-${pad(month)}` };
  } else {
    const w = isoWeek(today);
    const pair = settings.deptMeeting === "BIWEEKLY";
    const first = pair ? w.week - ((w.week - 1) % 2) : w.week;
    meetingId = `WF16-${w.year}-W${pad(first)}${pair ? `-${pad(first + 1)}` : ""}`;
    meetingEnd = pair && first === w.week ? shiftDay(w.sunday, 7) : w.sunday;
    meetingName = pair ? { zh: `${w.year}年第${first}–${first + 1}周`, en: `${w.year} weeks ${first}–${first + 1}` } : { zh: `${w.year}年第${w.week}周`, en: `${w.year} week ${w.week}` };
  }
  const meeting: RecurringTask = {
    id: meetingId,
    title: {
      zh: `${meetingName.zh}部门例会:讨论工作进展与解决办法(WF-16.1,AMB-54)`,
      en: `Department meeting, ${meetingName.en}: discuss progress and solutions (WF-16.1, AMB-54)`,
    },
    ownerRole: "director",
    rule: "WF-16.1",
    dueOn: lastWorkingDay(calendar, meetingEnd),
  };
  return [review, meeting];
}
