/**
 * Set-up for the report bundle tests: a demo workbook with Monthly results rows written straight
 * into the sheet as the close would write them (the close is another job's; these are fixtures),
 * and readers of the Reports log and the outbox.
 */
import { headerText } from "../../src/core/templates/columns";
import { sheetTemplate } from "../../src/core/templates/catalog";
import type { TableRecord } from "../../src/core/templates/table";
import type { LocalHost } from "../../src/local/host";
import { demoResults } from "../unit/reports/fixtures";
import { outbox, rowsOf } from "./approvals-helpers";
import type { Mail } from "./approvals-helpers";
import { openHost } from "./helpers";
import type { HostOptions } from "../../src/local/host";

export const RESULTS_TAB = sheetTemplate("monthly_results").tabName;
export const LOG_TAB = sheetTemplate("reports_log").tabName;
/** Recipients of the demo month's reports: 5 department, 5 regional, 24 personal. */
export const DEMO_REPORTS = 34;

/** Appends records to a template sheet below its last row, by header (no service call counted). */
export function writeRows(host: LocalHost, sheetKey: string, records: readonly TableRecord[]): void {
  const template = sheetTemplate(sheetKey);
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(template.tabName);
  const header = (host.spreadsheet.read(template.tabName, "A1:AZ1")[0] ?? []).map(String);
  const keys = header.map((h) => template.columns.find((c) => headerText(c) === h)?.key ?? "");
  const first = book.lastRow(sheet) + 1;
  const values = records.map((r) => keys.map((k) => (k === "" ? "" : (r[k] ?? ""))));
  book.writeValues(sheet, { row: first, column: 1, numRows: values.length, numColumns: keys.length }, values);
}

/** A demo workbook whose October is closed and published (or `state`). */
export async function reportHost(options: HostOptions = {}, state = "published"): Promise<LocalHost> {
  const host = await openHost(options);
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
  writeRows(host, "monthly_results", demoResults(state));
  return host;
}

export function reportMails(host: LocalHost): Mail[] {
  return outbox(host).filter((m) => m.kind.startsWith("report-"));
}

export function logRows(host: LocalHost): Record<string, unknown>[] {
  return rowsOf(host, LOG_TAB);
}
