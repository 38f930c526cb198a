/**
 * The sales-staff work standards a month is judged against (section 4, KPI settings), counted by
 * the same tally of Activities as the Work standards sheet (src/core/scoring/work-standards.ts), so
 * the report and the sheet always agree:
 * - KPI-08 new customers a month ≥ `KPI_MONTHLY_NEW_CUSTOMERS` (`newCustomerMet`), from Actuals;
 * - KPI-07 each ISO week ≥ `KPI_WEEKLY_ONSITE_VISITS` on-site and `KPI_WEEKLY_PHONE_VISITS` phone
 *   visits, distinct customers per week (AMB-49) (`weeklyVisitsMet`), from Activities;
 * - KPI-09 each week ≥ `KPI_WEEKLY_COMPETITOR_REPORTS` competitor reports (`competitorReportsMet`);
 * - a week with no activity logged at all is a missing activity log (RP-14, KPI-07);
 * - RP-14 daily reports in by `DAILY_REPORT_DUE` on each working day of the Holidays calendar;
 * - KPI-10 customer files updated within `KPI_FILE_UPDATE_MONTHS` (`fileStale`, counting
 *   file_update activities as updates).
 * Weeks are the ISO weeks whose Thursday falls in the month.
 */
import { workCalendar } from "../approvals/calendar";
import type { HolidayRow } from "../approvals/calendar";
import { competitorReportsMet } from "../scoring/competitor-reports-met";
import { newCustomerMet } from "../scoring/new-customer-met";
import { weeklyVisitsMet } from "../scoring/weekly-visits-met";
import { dailyReportsOnTime, fileStale, isoWeeksOf, latestFileUpdates, readDueTime, readInstantSerial, tallyActivities, weekCount } from "../scoring/work-standards";
import type { ActivityRow } from "../scoring/work-standards";
import { monthSpan, workingDaysOf } from "../scoring/working-days";
import type { TableRecord } from "../templates/table";
import type { ReportPerson } from "./audience";
import { emailKey, text } from "./inputs";
import type { ReportSettings } from "./inputs";
import { dayNumber, isoDayOf, parseMonth } from "./months";
import type { ActualBook } from "./plan-actual";

/** Roles the sales-staff standards (KPI-07..14) apply to. */
export const SALES_STANDARD_ROLES: ReadonlySet<string> = new Set(["sales"]);

/** Sheets serial day (days since 1899-12-30) of a day number (days since 1970-01-01). */
const SERIAL_OFFSET = 25_569;

export interface StandardsLine {
  readonly email: string;
  readonly name: string;
  readonly region: string | null;
  readonly newCustomers: number;
  readonly newCustomersMet: boolean;
  /** Weeks judged (ISO weeks of the month). */
  readonly weeks: number;
  readonly visitWeeksMet: number;
  readonly competitorWeeksMet: number;
  /** Mondays (ISO days) of the weeks with nothing logged. */
  readonly missingLogWeeks: readonly string[];
  /** Working days of the month (up to today) with a daily report in on time (RP-14), of `workingDays`. */
  readonly dailyReportsOnTime: number;
  readonly workingDays: number;
}

/** Activities records (ISO dates, `YYYY-MM-DDTHH:MM:SS` times) as the tally reads them. */
export function activityRowsOfRecords(activities: readonly TableRecord[], timeZone: string): ActivityRow[] {
  const rows: ActivityRow[] = [];
  for (const a of activities) {
    const day = dayNumber(a.date);
    const person = emailKey(a.person_email);
    if (day === null || person === "") continue;
    rows.push({ person, day: day + SERIAL_OFFSET, type: text(a.type), customer: text(a.customer_id), reportedAt: readInstantSerial(a.reported_at, timeZone) });
  }
  return rows;
}

/** The Holidays sheet's rows as a calendar (rows with another kind or no date are left out). */
export function holidayCalendar(holidays: readonly TableRecord[], timeZone: string): ReturnType<typeof workCalendar> {
  const rows: HolidayRow[] = [];
  for (const h of holidays) {
    const kind = text(h.kind);
    if (dayNumber(h.date) !== null && (kind === "holiday" || kind === "workday")) rows.push({ date: text(h.date), kind });
  }
  return workCalendar(timeZone, rows);
}

export function standardsLines(
  people: readonly ReportPerson[],
  activities: readonly TableRecord[],
  actuals: ActualBook,
  month: string,
  settings: ReportSettings,
  holidays: readonly TableRecord[],
  today: string,
): StandardsLine[] {
  const p = parseMonth(month);
  if (!p) return [];
  const span = monthSpan(p.year, p.month);
  const weeks = isoWeeksOf(span);
  const tally = tallyActivities(activityRowsOfRecords(activities, settings.timeZone), span);
  const asOf = dayNumber(today);
  const days = workingDaysOf(span, holidayCalendar(holidays, settings.timeZone), asOf === null ? null : asOf + SERIAL_OFFSET);
  const due = readDueTime(settings.dailyReportDue, settings.timeZone);
  return people
    .filter((person) => person.active && SALES_STANDARD_ROLES.has(person.role))
    .map((person) => {
      const mine = tally.get(emailKey(person.email));
      const n = actuals.amount(month, { level: "person", email: person.email }, "new_customers");
      const met = newCustomerMet(n, settings.monthlyNewCustomers);
      let visitWeeksMet = 0;
      let competitorWeeksMet = 0;
      const missingLogWeeks: string[] = [];
      for (const w of weeks) {
        const visits = weeklyVisitsMet(weekCount(mine, w, "onsite"), weekCount(mine, w, "phone"), settings.weeklyOnsite, settings.weeklyPhone);
        if (visits === true) visitWeeksMet += 1;
        const reports = competitorReportsMet(weekCount(mine, w, "competitor_report"), settings.weeklyCompetitorReports);
        if (reports === true) competitorWeeksMet += 1;
        if ((mine?.weeks.get(w)?.rows ?? 0) === 0) missingLogWeeks.push(isoDayOf(w - SERIAL_OFFSET));
      }
      return {
        email: person.email,
        name: person.name,
        region: person.region,
        newCustomers: n,
        newCustomersMet: met === true,
        weeks: weeks.length,
        visitWeeksMet,
        competitorWeeksMet,
        missingLogWeeks,
        dailyReportsOnTime: dailyReportsOnTime(mine, days, typeof due === "number" ? due : undefined),
        workingDays: days.length,
      };
    });
}

export interface StaleFile {
  readonly customerId: string;
  readonly customerName: string;
  readonly region: string | null;
  readonly ownerEmail: string;
  /** ISO day of the last update, or null when never updated. */
  readonly updatedOn: string | null;
}

/**
 * Active customers whose file is stale on `today` (KPI-10): updated on the later of Customers' date
 * and the latest file_update activity, as the Work standards sheet counts them; a file never
 * updated is stale.
 */
export function staleFiles(customers: readonly TableRecord[], today: string, settings: ReportSettings, activities: readonly TableRecord[]): StaleFile[] {
  const asOf = dayNumber(today);
  if (asOf === null) return [];
  const latest = latestFileUpdates(activityRowsOfRecords(activities, settings.timeZone), asOf + SERIAL_OFFSET);
  const out: StaleFile[] = [];
  for (const c of customers) {
    if (text(c.status) === "lost" || text(c.id) === "") continue;
    const updated = dayNumber(c.file_updated_on);
    const file = { id: text(c.id), owner: emailKey(c.owner_email), updated: updated === null ? null : updated + SERIAL_OFFSET, lost: false };
    if (!fileStale(file, latest, asOf + SERIAL_OFFSET, settings.fileUpdateMonths)) continue;
    const fromActivity = latest.get(file.id);
    const last = file.updated === null ? (fromActivity ?? null) : Math.max(file.updated, fromActivity ?? file.updated);
    out.push({
      customerId: text(c.id),
      customerName: text(c.name) || text(c.id),
      region: text(c.region) === "" ? null : text(c.region).toUpperCase(),
      ownerEmail: text(c.owner_email),
      updatedOn: last === null ? null : isoDayOf(last - SERIAL_OFFSET),
    });
  }
  return out;
}
