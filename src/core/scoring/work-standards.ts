/**
 * The work standards (工作标准) of a post, measured for one month from the Activities sheet (and
 * the Customers and Promotions sheets beside it), spec §4. One tally, used by the Work standards
 * sheet's custom functions (src/gas/customFunctions.ts) and by the monthly report
 * (src/core/reports/standards.ts), so the sheet and the report always agree:
 *
 * - KPI-07 (seed 003 L123「每周上门访问客户8家,电话访问客户30家」): per ISO week, distinct customers
 *   visited on site and by phone (AMB-49 [REC]: ISO weeks, distinct customers; a return visit 回访
 *   counts with the phone visits; a visit without a customer cannot be told apart and does not count,
 *   as the CSV import says when it refuses one). The month is met when its weakest week is: the sheet shows the fewest of any week and
 *   `WEEKLY_VISITS_MET` judges it.
 * - KPI-09 (003 L125「每周收集竞争对手信息2次」): written competitor reports per ISO week, likewise.
 * - KPI-10 (003 L126「至少每月更新一次」), KPI-55, KPI-50: a customer's file counts as updated on the
 *   later of its Customers「档案更新日期」and its latest 客户档案更新 (file_update) activity; the owner
 *   meets the standard when none of their active customers' files is stale on the as-of day.
 * - RP-14 / AMB-75 (营销人员的日报表, due the same day by `DAILY_REPORT_DUE`): a working day (Holidays
 *   sheet) counts when a 工作日报 (daily_report) activity for it was in by the due time; a report
 *   entered without a time (typed into the sheet) counts by its date.
 * - KPI-17 (003 L135「促销活动结束后一天收回广告牌」): promotions that ended in the month whose boards
 *   came back later than `KPI_BOARD_RETURN_DAYS` after the end (or are still out after it).
 * - KPI-08 (new customers) is counted from Actuals by the sheet and the report alike.
 * The weeks of a month are the ISO weeks whose Thursday falls in it (ISO 8601), so a week split by
 * the month's end is judged once. Days are serial days on the workbook's wall clock (cells.ts).
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, isDateValue, readDay } from "./cells";
import { customerFileStale } from "./customer-file-stale";
import { boardsBackOnTime } from "./boards-back-on-time";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";
import { toSerial } from "../time";
import type { MonthSpan } from "./working-days";

/** A standard a post is judged on, by the spec rule it comes from. */
export type StandardKey = "visits" | "new_customers" | "competitor_reports" | "customer_files" | "daily_reports" | "boards_back";

/**
 * The standards of each post (People「岗位」) that the workbook can measure: sales staff KPI-07..10 and
 * RP-14; the customer-relations head keeps customer files current (KPI-55); the artist takes the ad
 * boards back (KPI-17). Other posts' standards are judged on their own scorecards.
 */
export const POST_STANDARDS: Readonly<Record<string, readonly StandardKey[]>> = {
  sales: ["visits", "new_customers", "competitor_reports", "customer_files", "daily_reports"],
  cust_head: ["customer_files"],
  artist: ["boards_back"],
};

export function postHasStandard(role: string, standard: StandardKey): boolean {
  return POST_STANDARDS[role.trim().toLowerCase()]?.includes(standard) ?? false;
}

/** What the weekly standards count: on-site visits, phone visits (with return visits), competitor reports. */
export type WeeklyKind = "onsite" | "phone" | "competitor_report";

/** The weekly kind an Activities type counts as, or null. */
export function weeklyKindOf(type: string): WeeklyKind | null {
  if (type === "onsite") return "onsite";
  if (type === "phone" || type === "return_visit") return "phone";
  if (type === "competitor_report") return "competitor_report";
  return null;
}

/** One Activities row, read. */
export interface ActivityRow {
  /** Email as a comparison key (trimmed, lower case). */
  readonly person: string;
  readonly day: number;
  readonly type: string;
  /** Customer ID, or "" when none was given. */
  readonly customer: string;
  /** When it was entered (serial with the time of day), or null when no time was recorded. */
  readonly reportedAt: number | null;
}

interface WeekTally {
  readonly onsite: Set<string>;
  readonly phone: Set<string>;
  competitor: number;
  rows: number;
}

/** One person's activity in one month. */
export interface PersonTally {
  /** By the Monday of each ISO week of the month. */
  readonly weeks: Map<number, WeekTally>;
  /** Rows of each type dated in the calendar month. */
  readonly types: Map<string, number>;
  /** Daily reports by the day they report on: the earliest entry time (the day itself when none was recorded). */
  readonly reports: Map<number, number>;
}

/** Serial day of the Monday of the ISO week holding `day` (serial 2 = Monday 1 January 1900). */
export function mondayOf(day: number): number {
  return day - ((((day - 2) % 7) + 7) % 7);
}

/** The ISO weeks of a month, as their Mondays: the weeks whose Thursday falls in the month. */
export function isoWeeksOf(span: MonthSpan): number[] {
  const weeks: number[] = [];
  for (let monday = mondayOf(span.first); monday + 3 <= span.last; monday += 7) if (monday + 3 >= span.first) weeks.push(monday);
  return weeks;
}

export function emailKey(value: Cell): string {
  return typeof value === "string" ? value.trim().toLowerCase() : "";
}

/**
 * Each person's tally for `span`: only rows of `persons` when given (a sheet asks for its people).
 * Visits and reports count in the ISO weeks of the month (which may reach into the months beside
 * it); the other types count in the calendar month.
 */
export function tallyActivities(rows: Iterable<ActivityRow>, span: MonthSpan, persons?: ReadonlySet<string>): Map<string, PersonTally> {
  const weeks = isoWeeksOf(span);
  const from = weeks[0] ?? span.first;
  const to = (weeks[weeks.length - 1] ?? span.last) + 6;
  const out = new Map<string, PersonTally>();
  for (const row of rows) {
    const inWeeks = row.day >= from && row.day <= to;
    const inMonth = row.day >= span.first && row.day <= span.last;
    if (!inWeeks && !inMonth) continue;
    if (persons && !persons.has(row.person)) continue;
    let t = out.get(row.person);
    if (!t) out.set(row.person, (t = { weeks: new Map(), types: new Map(), reports: new Map() }));
    if (inMonth) {
      t.types.set(row.type, (t.types.get(row.type) ?? 0) + 1);
      if (row.type === "daily_report") {
        const at = row.reportedAt ?? row.day;
        const before = t.reports.get(row.day);
        if (before === undefined || at < before) t.reports.set(row.day, at);
      }
    }
    if (!inWeeks) continue;
    const monday = mondayOf(row.day);
    let w = t.weeks.get(monday);
    if (!w) t.weeks.set(monday, (w = { onsite: new Set(), phone: new Set(), competitor: 0, rows: 0 }));
    w.rows += 1;
    const kind = weeklyKindOf(row.type);
    if (kind === "onsite" && row.customer !== "") w.onsite.add(row.customer);
    else if (kind === "phone" && row.customer !== "") w.phone.add(row.customer);
    else if (kind === "competitor_report") w.competitor += 1;
  }
  return out;
}

/** The count of one weekly kind in the week of `monday`. */
export function weekCount(tally: PersonTally | undefined, monday: number, kind: WeeklyKind): number {
  const w = tally?.weeks.get(monday);
  if (!w) return 0;
  if (kind === "onsite") return w.onsite.size;
  if (kind === "phone") return w.phone.size;
  return w.competitor;
}

/**
 * The fewest of `kind` in any ISO week of the month (KPI-07, KPI-09): the month's standard is met
 * when this week is.
 *
 * @example 9, 8, 12 and 8 on-site visits in October's four weeks → 8
 */
export function fewestInWeek(tally: PersonTally | undefined, span: MonthSpan, kind: WeeklyKind): number {
  let fewest = Infinity;
  for (const monday of isoWeeksOf(span)) fewest = Math.min(fewest, weekCount(tally, monday, kind));
  return Number.isFinite(fewest) ? fewest : 0;
}

/** Rows of an Activities type in the calendar month (file updates, daily reports, competitor reports). */
export function typeCount(tally: PersonTally | undefined, type: string): number {
  return tally?.types.get(type) ?? 0;
}

/** Minutes after midnight of `DAILY_REPORT_DUE` (AMB-75 [REC]: 23:59). */
export const DEFAULT_DAILY_REPORT_DUE = 23 * 60 + 59;

const DUE: Field = { zh: "日报截止时间 DAILY_REPORT_DUE", en: "daily report due time DAILY_REPORT_DUE" };
const NOT_A_TIME: Bilingual = { zh: "{zh}须为时刻,如 23:59(现为「{got}」)", en: '{en} must be a time of day such as 23:59 (got "{got}")' };
const TIME_TEXT = /^(\d{1,2})[:：](\d{2})$/;

/**
 * `DAILY_REPORT_DUE` as Settings holds it: `HH:MM` text, a time cell (a fraction of a day, or a Date
 * on 30 December 1899), blank for the default.
 */
export function readDueTime(value: Cell, timeZone: string): number | ScoreError {
  if (isBlank(value)) return DEFAULT_DAILY_REPORT_DUE;
  if (typeof value === "string") {
    const m = TIME_TEXT.exec(value.trim());
    const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    if (m && Number(m[1]) <= 23 && Number(m[2]) <= 59) return minutes;
  } else if (typeof value === "number" && value >= 0 && value < 1) {
    return Math.round(value * 1440);
  } else if (isDateValue(value) && !Number.isNaN(value.getTime())) {
    const serial = toSerial(value.getTime(), timeZone);
    return Math.round((serial - Math.floor(serial)) * 1440);
  }
  return scoreError(NOT_A_TIME, { zh: DUE.zh, en: DUE.en, got: String(value) });
}

/**
 * Working days with a daily report in by the due time (RP-14, AMB-75): `workingDays` are the days
 * to judge (serial days), `dueMinutes` the due time on each day's wall clock.
 *
 * @example reports on 5 October at 18:30 and 6 October at 00:20 (the next day), due 23:59 → 1
 */
export function dailyReportsOnTime(tally: PersonTally | undefined, workingDays: readonly number[], dueMinutes: number = DEFAULT_DAILY_REPORT_DUE): number {
  if (!tally) return 0;
  let n = 0;
  for (const day of workingDays) {
    const at = tally.reports.get(day);
    // Half a second of slack: a time cell read back through a time zone is not exact to the millisecond.
    if (at !== undefined && at <= day + dueMinutes / 1440 + 0.5 / 86_400) n += 1;
  }
  return n;
}

/** One Customers row, read: whose file it is, when it was last updated, and whether the customer is lost. */
export interface CustomerFile {
  readonly id: string;
  readonly owner: string;
  readonly updated: number | null;
  readonly lost: boolean;
}

/** The latest file_update activity per customer up to `asOf`. */
export function latestFileUpdates(rows: Iterable<ActivityRow>, asOf: number): Map<string, number> {
  const latest = new Map<string, number>();
  for (const row of rows) {
    if (row.type !== "file_update" || row.customer === "" || row.day > asOf) continue;
    const before = latest.get(row.customer);
    if (before === undefined || row.day > before) latest.set(row.customer, row.day);
  }
  return latest;
}

/**
 * Whether one customer's file is stale on `asOf` (KPI-10): last updated on the later of the
 * Customers date and the latest file_update activity; a file never updated is stale.
 */
export function fileStale(file: CustomerFile, latest: ReadonlyMap<string, number>, asOf: number, months: number): boolean {
  const fromActivity = latest.get(file.id);
  const updated = file.updated === null ? (fromActivity ?? null) : fromActivity === undefined ? file.updated : Math.max(file.updated, fromActivity);
  return updated === null ? true : customerFileStale(updated, asOf, months);
}

/**
 * Active customers of each owner whose file is stale on `asOf` (KPI-10): owner → count.
 *
 * @example a file updated on 31 August, with a file_update activity on 20 September, on 31 October (1 month) → stale
 */
export function staleFilesByOwner(files: readonly CustomerFile[], latest: ReadonlyMap<string, number>, asOf: number, months: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    if (f.lost || f.id === "" || f.owner === "") continue;
    if (fileStale(f, latest, asOf, months)) out.set(f.owner, (out.get(f.owner) ?? 0) + 1);
  }
  return out;
}

/** One Promotions row, read. */
export interface PromotionBoards {
  readonly end: number | null;
  readonly returned: number | null;
}

/**
 * Promotions that ended in the month whose ad boards were late (KPI-17): back later than `days`
 * after the end, or not back by `asOf` once that is past. A promotion still inside its `days` is
 * not late yet.
 *
 * @example ended 12 October and back 13 October, ended 20 October and back 23 October (1 day allowed) → 1
 */
export function boardsLate(promotions: readonly PromotionBoards[], span: MonthSpan, asOf: number, days: number): number {
  let late = 0;
  for (const p of promotions) {
    if (p.end === null || p.end < span.first || p.end > span.last) continue;
    if (p.returned !== null ? !boardsBackOnTime(p.end, p.returned, days) : asOf > p.end + days) late += 1;
  }
  return late;
}

/** Promotions that ended in the month (the count the KPI-17 verdict is out of). */
export function promotionsEnded(promotions: readonly PromotionBoards[], span: MonthSpan): number {
  return promotions.filter((p) => p.end !== null && p.end >= span.first && p.end <= span.last).length;
}

const DATE: Field = { zh: "日期", en: "date" };
const DATE_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?/;

/** An entry time: a datetime cell, a serial number, or `YYYY-MM-DD HH:MM[:SS]` text; null when blank or unreadable. */
export function readInstantSerial(value: Cell, timeZone: string): number | null {
  if (isBlank(value)) return null;
  if (isDateValue(value)) return Number.isNaN(value.getTime()) ? null : toSerial(value.getTime(), timeZone);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const m = DATE_TIME_TEXT.exec(value.trim());
    if (!m) return null;
    const day = readDay(`${m[1]}-${m[2]}-${m[3]}`, DATE, timeZone);
    if (isScoreError(day)) return null;
    return day + (Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6] ?? 0)) / 86_400;
  }
  return null;
}

/**
 * The Activities columns as Sheets hands them to a custom function, read row by row. Rows without
 * a date or a person (`persons` null: the person is not needed), or with a date that is not one,
 * are skipped: the Activities sheet marks those itself, and one bad row must not blank everyone's
 * standards.
 */
export function* activityRowsOf(
  dates: readonly Cell[],
  persons: readonly Cell[] | null,
  types: readonly Cell[],
  customers: readonly Cell[] | null,
  reportedAt: readonly Cell[] | null,
  timeZone: string,
): Generator<ActivityRow> {
  for (let i = 0; i < dates.length; i += 1) {
    const person = persons ? emailKey(persons[i]) : "";
    const date = dates[i];
    if ((persons && person === "") || isBlank(date)) continue;
    const day = readDay(date, DATE, timeZone);
    if (isScoreError(day)) continue;
    const type = typeof types[i] === "string" ? (types[i] as string).trim() : "";
    const customer = customers ? customers[i] : "";
    yield {
      person,
      day,
      type,
      customer: typeof customer === "string" ? customer.trim() : typeof customer === "number" ? String(customer) : "",
      reportedAt: reportedAt ? readInstantSerial(reportedAt[i], timeZone) : null,
    };
  }
}
