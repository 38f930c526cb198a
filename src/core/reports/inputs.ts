/**
 * What a monthly report is built from (RP-28): plain rows of the workbook's sheets, keyed by the
 * templates' column keys, as the table adapter reads them (src/gas/table.ts `readTable`), plus the
 * Settings values by key and the instant the report is made. Also the few readers every report
 * module shares: text, numbers and emails out of loosely typed cells, and the report Settings.
 */
import type { Language } from "../i18n";
import type { TableRecord } from "../templates/table";

export interface ReportInputs {
  readonly people: readonly TableRecord[];
  readonly regions: readonly TableRecord[];
  readonly plans: readonly TableRecord[];
  readonly actuals: readonly TableRecord[];
  readonly activities: readonly TableRecord[];
  readonly customers: readonly TableRecord[];
  /** Holidays (sheets-templates/sheets/holidays.json): the working days daily reports are due on (RP-14). */
  readonly holidays: readonly TableRecord[];
  readonly requests: readonly TableRecord[];
  readonly approvals: readonly TableRecord[];
  readonly tasks: readonly TableRecord[];
  /** Monthly results history (sheets-templates/sheets/monthly_results.json): every revision. */
  readonly results: readonly TableRecord[];
  /** Settings key → value as typed. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The day the report is made (`YYYY-MM-DD`, workbook time zone): ages and overdue are counted to it. */
  readonly today: string;
  /** The workbook's URL, linked from every report. */
  readonly sheetUrl: string;
}

export function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** An email as a comparison key: trimmed, lower case. */
export function emailKey(value: unknown): string {
  return text(value).toLowerCase();
}

/** A number from a cell: numbers as they are, numeric text parsed, anything else null. */
export function numberOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.replace(/,/g, "").trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && /^(true|yes|是|1)$/i.test(value.trim()));
}

/** Money as the sheet shows it: rounded to the cent (conventions: round at the edge). */
export function cents(amount: number): number {
  return Math.round((amount + Number.EPSILON * Math.sign(amount)) * 100) / 100;
}

/** The report Settings this module family reads, with their defaults. */
export interface ReportSettings {
  /** `LANGUAGE`: a reader without People.language reads this one. */
  readonly language: Language;
  /** `APPRAISAL_SIGNER_ROLE` (SC-57, AMB-36): who must sign the month. */
  readonly signerRole: string;
  /** `KPI_MONTHLY_NEW_CUSTOMERS` (KPI-08). */
  readonly monthlyNewCustomers: number;
  /** `KPI_WEEKLY_ONSITE_VISITS`, `KPI_WEEKLY_PHONE_VISITS` (KPI-07). */
  readonly weeklyOnsite: number;
  readonly weeklyPhone: number;
  /** `KPI_WEEKLY_COMPETITOR_REPORTS` (KPI-09). */
  readonly weeklyCompetitorReports: number;
  /** `KPI_FILE_UPDATE_MONTHS` (KPI-10). */
  readonly fileUpdateMonths: number;
  /** `DAILY_REPORT_DUE` (RP-14, AMB-75) as Settings holds it. */
  readonly dailyReportDue: unknown;
  /** `TIME_ZONE`: which day a report time falls on. */
  readonly timeZone: string;
  /** `ROLLOVER_CREDIT_SURPLUS` (SC-11, AMB-10). */
  readonly creditSurplus: boolean;
  /** `EXPENSE_PENALTY_PER_PP` (SC-05, AMB-04). */
  readonly expensePenaltyPerPp: number;
}

function numberSetting(settings: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const n = numberOf(settings[key]);
  return n !== null && n >= 0 ? n : fallback;
}

export function languageOf(value: unknown, fallback: Language): Language {
  const t = text(value).toLowerCase();
  if (t === "en" || t.startsWith("en-")) return "en";
  if (t.startsWith("zh")) return "zh-CN";
  return fallback;
}

export function reportSettings(settings: Readonly<Record<string, unknown>>): ReportSettings {
  return {
    language: languageOf(settings.LANGUAGE, "zh-CN"),
    signerRole: text(settings.APPRAISAL_SIGNER_ROLE).toLowerCase() || "gm",
    monthlyNewCustomers: numberSetting(settings, "KPI_MONTHLY_NEW_CUSTOMERS", 1),
    weeklyOnsite: numberSetting(settings, "KPI_WEEKLY_ONSITE_VISITS", 8),
    weeklyPhone: numberSetting(settings, "KPI_WEEKLY_PHONE_VISITS", 30),
    weeklyCompetitorReports: numberSetting(settings, "KPI_WEEKLY_COMPETITOR_REPORTS", 2),
    fileUpdateMonths: numberSetting(settings, "KPI_FILE_UPDATE_MONTHS", 1),
    dailyReportDue: settings.DAILY_REPORT_DUE ?? "",
    timeZone: text(settings.TIME_ZONE) || "Asia/Shanghai",
    creditSurplus: settings.ROLLOVER_CREDIT_SURPLUS === undefined || text(settings.ROLLOVER_CREDIT_SURPLUS) === "" ? false : isTrue(settings.ROLLOVER_CREDIT_SURPLUS),
    expensePenaltyPerPp: numberSetting(settings, "EXPENSE_PENALTY_PER_PP", 1),
  };
}
