/**
 * 市场部 MarketOps → 载入演示数据 Load demo data: writes the deterministic demo department
 * (src/core/demo) into an installed workbook with the table adapter, and logs it on Audit. It reads
 * every sheet it writes first, then writes each sheet's blocks (one `setValues` per block), so the
 * scorecards' formulas are computed once, after the last write, instead of after every sheet. It
 * refuses, in both languages, when People already has rows, so it can never mix invented people
 * into a real department.
 */
import { requireOwnAuthority } from "./access";
import { both, UserError } from "../core/i18n";
import { buildDemoDepartment, DEMO_SHEETS, demoLoadedAudit } from "../core/demo/department";
import { shiftMonth } from "../core/demo/calendar";
import { AUDIT_SHEET, sheetTemplate } from "../core/templates/catalog";
import { appendBlocks, dateTimeText } from "../core/templates/table";
import type { TableRecord } from "../core/templates/table";
import { wallClock } from "../core/time";
import { appendRecords, readTable } from "./table";
import type { Table } from "./table";

export interface DemoLoadReport {
  readonly year: number;
  readonly month: number;
  /** Rows written per sheet key. */
  readonly rows: Readonly<Record<string, number>>;
}

/**
 * Appends `records` below the rows `table` held when it was read: rows added first when the sheet
 * is full, then one `setValues` per block of writable columns.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 */
function appendBelow(table: Table, records: readonly TableRecord[]): void {
  if (records.length === 0) return;
  const maxRows = table.sheet.getMaxRows();
  const needed = table.lastRow + records.length;
  if (maxRows < needed) table.sheet.insertRowsAfter(maxRows, needed - maxRows);
  for (const block of appendBlocks(table.layout, records, table.lastRow, table.timeZone)) {
    const width = block.values[0]?.length ?? 0;
    if (width > 0) table.sheet.getRange(block.row, block.column, block.values.length, width).setValues(block.values.map((r) => [...r]));
  }
}

/**
 * Loads the demo department: plans for `year` and activity in `month`. Without arguments (as the
 * menu calls it) it uses the month before the current one in the spreadsheet's time zone, so the
 * month-close jobs have a whole month to work on.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
 */
export function loadDemoData(year?: number, month?: number): DemoLoadReport {
  requireOwnAuthority({ zh: "载入演示数据", en: "Load demo data" });
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const people = readTable(spreadsheet, "people");
  if (people.rows.length > 0) {
    throw new UserError(
      "DEMO_NEEDS_EMPTY_PEOPLE",
      {
        zh: `已有 ${people.rows.length} 行人员数据,演示数据只能载入没有人员的工作簿:请新建工作簿后安装再载入`,
        en: `People already has ${people.rows.length} row(s): demo data only loads into a workbook without people; make a new spreadsheet, install, then load`,
      },
      { sheet: sheetTemplate("people").tabName },
    );
  }
  const now = new Date().getTime();
  const today = wallClock(now, people.timeZone);
  const previous = shiftMonth(today.year, today.month, 1);
  const target = typeof year === "number" && typeof month === "number" ? { year, month } : previous;
  const demo = buildDemoDepartment(target);
  const tables = DEMO_SHEETS.map((key) => ({ key, table: key === "people" ? people : readTable(spreadsheet, key), records: demo.records[key] ?? [] }));
  const rows: Record<string, number> = {};
  for (const { key, table, records } of tables) {
    appendBelow(table, records);
    rows[key] = records.length;
  }
  const { summary, record } = demoLoadedAudit({
    year: target.year,
    month: target.month,
    rows,
    at: dateTimeText(now, people.timeZone),
    actor: Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail(),
    spreadsheetId: spreadsheet.getId(),
  });
  appendRecords(spreadsheet, AUDIT_SHEET, [record]);
  spreadsheet.toast(both(summary), "市场部 MarketOps", 10);
  return { year: target.year, month: target.month, rows };
}
