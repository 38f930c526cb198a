/**
 * The sales-staff work standards a month is judged against (section 4, KPI settings), each by the
 * existing rule of src/core/scoring:
 * - KPI-08 new customers a month ≥ `KPI_MONTHLY_NEW_CUSTOMERS` (`newCustomerMet`), from Actuals;
 * - KPI-07 each ISO week ≥ `KPI_WEEKLY_ONSITE_VISITS` on-site and `KPI_WEEKLY_PHONE_VISITS` phone
 *   visits, distinct customers per week (AMB-49) (`weeklyVisitsMet`), from Activities;
 * - KPI-09 each week ≥ `KPI_WEEKLY_COMPETITOR_REPORTS` competitor reports (`competitorReportsMet`);
 * - a week with no activity logged at all is a missing activity log (RP-14, KPI-07);
 * - KPI-10 customer files updated within `KPI_FILE_UPDATE_MONTHS` (`customerFileStale`).
 * Weeks are the ISO weeks whose Thursday falls in the month (months.ts `isoWeeksOfMonth`).
 */
import { competitorReportsMet } from "../scoring/competitor-reports-met";
import { customerFileStale } from "../scoring/customer-file-stale";
import { newCustomerMet } from "../scoring/new-customer-met";
import { weeklyVisitsMet } from "../scoring/weekly-visits-met";
import type { TableRecord } from "../templates/table";
import type { ReportPerson } from "./audience";
import { emailKey, text } from "./inputs";
import type { ReportSettings } from "./inputs";
import { dayNumber, isoDayOf, isoWeeksOfMonth } from "./months";
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
}

interface WeekCounts {
  onsite: Set<string>;
  phone: Set<string>;
  competitor: number;
  rows: number;
}

export function standardsLines(people: readonly ReportPerson[], activities: readonly TableRecord[], actuals: ActualBook, month: string, settings: ReportSettings): StandardsLine[] {
  const weeks = isoWeeksOfMonth(month);
  const counts = new Map<string, WeekCounts>();
  for (const a of activities) {
    const day = dayNumber(a.date);
    if (day === null) continue;
    const monday = weeks.find((w) => day >= w && day <= w + 6);
    if (monday === undefined) continue;
    const key = `${emailKey(a.person_email)}#${monday}`;
    const c = counts.get(key) ?? { onsite: new Set<string>(), phone: new Set<string>(), competitor: 0, rows: 0 };
    const customer = text(a.customer_id) || `row-${c.rows}`;
    const type = text(a.type);
    if (type === "onsite") c.onsite.add(customer);
    else if (type === "phone" || type === "return_visit") c.phone.add(customer);
    else if (type === "competitor_report") c.competitor += 1;
    c.rows += 1;
    counts.set(key, c);
  }
  return people
    .filter((p) => p.active && SALES_STANDARD_ROLES.has(p.role))
    .map((p) => {
      const n = actuals.amount(month, { level: "person", email: p.email }, "new_customers");
      const met = newCustomerMet(n, settings.monthlyNewCustomers);
      let visitWeeksMet = 0;
      let competitorWeeksMet = 0;
      const missingLogWeeks: string[] = [];
      for (const w of weeks) {
        const c = counts.get(`${emailKey(p.email)}#${w}`);
        const visits = weeklyVisitsMet(c?.onsite.size ?? 0, c?.phone.size ?? 0, settings.weeklyOnsite, settings.weeklyPhone);
        if (visits === true) visitWeeksMet += 1;
        const reports = competitorReportsMet(c?.competitor ?? 0, settings.weeklyCompetitorReports);
        if (reports === true) competitorWeeksMet += 1;
        if (!c || c.rows === 0) missingLogWeeks.push(isoDayOf(w));
      }
      return {
        email: p.email,
        name: p.name,
        region: p.region,
        newCustomers: n,
        newCustomersMet: met === true,
        weeks: weeks.length,
        visitWeeksMet,
        competitorWeeksMet,
        missingLogWeeks,
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

/** Active customers whose file is stale on `today` (KPI-10); a file never updated is stale. */
export function staleFiles(customers: readonly TableRecord[], today: string, settings: ReportSettings): StaleFile[] {
  const asOf = dayNumber(today);
  if (asOf === null) return [];
  const out: StaleFile[] = [];
  for (const c of customers) {
    if (text(c.status) === "lost" || text(c.id) === "") continue;
    const updated = dayNumber(c.file_updated_on);
    const stale = updated === null ? true : customerFileStale(updated + SERIAL_OFFSET, asOf + SERIAL_OFFSET, settings.fileUpdateMonths);
    if (!stale) continue;
    out.push({
      customerId: text(c.id),
      customerName: text(c.name) || text(c.id),
      region: text(c.region) === "" ? null : text(c.region).toUpperCase(),
      ownerEmail: text(c.owner_email),
      updatedOn: updated === null ? null : isoDayOf(updated),
    });
  }
  return out;
}

