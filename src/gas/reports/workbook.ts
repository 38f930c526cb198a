/**
 * What a report job reads: the sheets the report model needs, one `getDataRange().getValues()`
 * each (architecture rule 4), as plain rows by column key (src/gas/table.ts), plus Settings, the
 * day in the workbook's time zone and the sheet's URL.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getUrl()
 */
import type { ReportInputs } from "../../core/reports/inputs";
import { text } from "../../core/reports/inputs";
import { dayKey } from "../../core/time";
import { settingsByKey } from "../approvals/workbook";
import { readTable } from "../table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SHEETS = ["people", "regions", "plans", "actuals", "activities", "customers", "holidays", "requests", "approvals", "tasks", "monthly_results"] as const;

export function loadReportInputs(spreadsheet: Spreadsheet, now: number): ReportInputs {
  const rows: Record<(typeof SHEETS)[number], ReportInputs["people"]> = {} as Record<(typeof SHEETS)[number], ReportInputs["people"]>;
  for (const key of SHEETS) rows[key] = readTable(spreadsheet, key).rows.map((r) => r.values);
  const settings = settingsByKey(spreadsheet);
  const zone = text(settings.TIME_ZONE) || spreadsheet.getSpreadsheetTimeZone();
  return {
    people: rows.people,
    regions: rows.regions,
    plans: rows.plans,
    actuals: rows.actuals,
    activities: rows.activities,
    customers: rows.customers,
    holidays: rows.holidays,
    requests: rows.requests,
    approvals: rows.approvals,
    tasks: rows.tasks,
    results: rows.monthly_results,
    settings,
    today: dayKey(now, zone),
    sheetUrl: spreadsheet.getUrl(),
  };
}
