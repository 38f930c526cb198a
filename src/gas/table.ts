/**
 * The table-by-key adapter every job uses to read and write a template sheet (architecture rules 4,
 * 5 and 9): `readTable` makes one `getDataRange().getValues()` call and returns records keyed by
 * column key with their row numbers; `appendRecords` and `updateRecords` write each block of
 * columns with one `setValues`, however many rows, so service calls never grow with the data.
 * Columns are found by header (src/core/templates/columns), so users may reorder and add columns;
 * computed columns are never written; untrusted text is written as text (src/core/templates/table).
 */
import { UserError } from "../core/i18n";
import { sheetTemplate, templateCatalog } from "../core/templates/catalog";
import { templateTabs } from "../core/templates/planner";
import { appendBlocks, lastDataRow, readRows, tableLayout, updateBlocks } from "../core/templates/table";
import type { CellBlock, RowUpdate, TableLayout, TableRecord, TableRow } from "../core/templates/table";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A template sheet as read: where its columns are, its data rows, the time zone dates were read in. */
export interface Table {
  readonly sheet: Sheet;
  readonly layout: TableLayout;
  readonly rows: readonly TableRow[];
  /** 1-based number of the last row with data (1 = header only). */
  readonly lastRow: number;
  readonly timeZone: string;
}

/**
 * The tab of a template sheet: by its tab name (one call), else by any spelling of its title among
 * all tabs. Throws `UserError` `SHEET_MISSING` when the workbook lacks it.
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetByName(String)
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheets()
 */
export function templateSheet(spreadsheet: Spreadsheet, sheetKey: string): Sheet {
  const template = sheetTemplate(sheetKey);
  const exact = spreadsheet.getSheetByName(template.tabName);
  if (exact) return exact;
  const sheets = spreadsheet.getSheets();
  const names = sheets.map((s) => s.getName());
  const name = templateTabs(templateCatalog(), names).get(sheetKey);
  const found = name === undefined ? undefined : sheets[names.indexOf(name)];
  if (!found) {
    throw new UserError(
      "SHEET_MISSING",
      { zh: "找不到这个工作表,请运行菜单「市场部 MarketOps → 安装/升级」", en: "this sheet is missing: run 市场部 MarketOps → Install / upgrade" },
      { sheet: template.tabName },
    );
  }
  return found;
}

/** Writes blocks of cells, one `setValues` each. https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object) */
function writeBlocks(sheet: Sheet, blocks: readonly CellBlock[]): void {
  for (const block of blocks) {
    const width = block.values[0]?.length ?? 0;
    if (width === 0) continue;
    sheet.getRange(block.row, block.column, block.values.length, width).setValues(block.values.map((r) => [...r]));
  }
}

/**
 * Reads a template sheet: one `getDataRange().getValues()`. Throws `UserError` for a missing sheet
 * or a missing required column.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange()
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()
 * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
 */
export function readTable(spreadsheet: Spreadsheet, sheetKey: string): Table {
  const sheet = templateSheet(spreadsheet, sheetKey);
  const values = sheet.getDataRange().getValues();
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  const layout = tableLayout(sheetTemplate(sheetKey), values[0] ?? []);
  return { sheet, layout, rows: readRows(layout, values, timeZone), lastRow: lastDataRow(layout, values), timeZone };
}

/**
 * Appends records below the last row with data, adding sheet rows first when the sheet is full.
 * Returns the first row written (0 when there was nothing to write).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getMaxRows()
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)
 */
export function appendRecords(spreadsheet: Spreadsheet, sheetKey: string, records: readonly TableRecord[]): number {
  if (records.length === 0) return 0;
  const table = readTable(spreadsheet, sheetKey);
  const needed = table.lastRow + records.length;
  const maxRows = table.sheet.getMaxRows();
  if (maxRows < needed) table.sheet.insertRowsAfter(maxRows, needed - maxRows);
  writeBlocks(table.sheet, appendBlocks(table.layout, records, table.lastRow, table.timeZone));
  return table.lastRow + 1;
}

/**
 * Appends records after the sheet's last row with content, reading only the header (issue 10 §3):
 * for append-only sheets without computed columns (Requests, Approvals, Audit, the Mail queue), so
 * an append costs the same however many rows the sheet holds. Returns the first row written.
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()
 */
export function appendAfterLastRow(spreadsheet: Spreadsheet, sheetKey: string, records: readonly TableRecord[]): number {
  if (records.length === 0) return 0;
  const sheet = templateSheet(spreadsheet, sheetKey);
  const width = Math.max(1, sheet.getLastColumn());
  const layout = tableLayout(sheetTemplate(sheetKey), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  if (layout.computed.size > 0) return appendRecords(spreadsheet, sheetKey, records);
  const last = Math.max(1, sheet.getLastRow());
  const maxRows = sheet.getMaxRows();
  if (maxRows < last + records.length) sheet.insertRowsAfter(maxRows, last + records.length - maxRows);
  writeBlocks(sheet, appendBlocks(layout, records, last, spreadsheet.getSpreadsheetTimeZone()));
  return last + 1;
}

/**
 * Changes some columns of existing rows (`row` as returned by `readTable`). Reads the header and
 * the span from the first to the last updated row once (values and formulas), then writes one
 * block per run of updated columns; cells no update touches are written back unchanged.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#getFormulas()
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastColumn()
 */
export function updateRecords(spreadsheet: Spreadsheet, sheetKey: string, updates: readonly RowUpdate[]): void {
  if (updates.length === 0) return;
  const sheet = templateSheet(spreadsheet, sheetKey);
  const width = Math.max(1, sheet.getLastColumn());
  const layout = tableLayout(sheetTemplate(sheetKey), sheet.getRange(1, 1, 1, width).getValues()[0] ?? []);
  const rows = updates.map((u) => u.row);
  const top = Math.min(...rows);
  const span = sheet.getRange(top, 1, Math.max(...rows) - top + 1, width);
  const blocks = updateBlocks(layout, updates, top, span.getValues(), span.getFormulas(), spreadsheet.getSpreadsheetTimeZone());
  writeBlocks(sheet, blocks);
}
