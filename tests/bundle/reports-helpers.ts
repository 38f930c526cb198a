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
/**
 * Recipients of the demo month's reports: 5 department, 5 regional, 24 personal — the personal
 * scorecards only while Settings PUBLISH_EMAIL_PERSONAL is off (reportHost's default, since its
 * rows are written published without a publication run emailing anyone). With it on, the
 * publication's result email is each person's one email of the month and the job sends the packs.
 */
export const DEMO_REPORTS = 34;
export const DEMO_PACKS = 10;

/** Sets one Settings value in the model (no service call counted). */
export function setSettingValue(host: LocalHost, key: string, value: unknown): void {
  const book = host.spreadsheet.workbook;
  const sheet = book.requireSheet(sheetTemplate("settings").tabName);
  const keys = book.readValues(sheet, { row: 1, column: 1, numRows: book.lastRow(sheet), numColumns: 1 });
  const at = keys.findIndex((r) => r[0] === key);
  if (at < 0) throw new Error(`no setting ${key}`);
  book.writeValues(sheet, { row: at + 1, column: 2, numRows: 1, numColumns: 1 }, [[value]]);
}

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

/**
 * A demo workbook whose October is closed and published (or `state`) by fixture rows; nobody was
 * emailed at publication, so PUBLISH_EMAIL_PERSONAL is off unless `personalAtPublication`.
 */
export async function reportHost(options: HostOptions = {}, state = "published", personalAtPublication = false): Promise<LocalHost> {
  const host = await openHost(options);
  await host.clickMenu("installOrUpgrade");
  await host.clickMenu("loadDemoData");
  writeRows(host, "monthly_results", demoResults(state));
  if (!personalAtPublication) setSettingValue(host, "PUBLISH_EMAIL_PERSONAL", "FALSE");
  return host;
}

export function reportMails(host: LocalHost): Mail[] {
  return outbox(host).filter((m) => m.kind.startsWith("report-"));
}

export function logRows(host: LocalHost): Record<string, unknown>[] {
  return rowsOf(host, LOG_TAB);
}
