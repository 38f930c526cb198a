/**
 * The bench's peers: the same jobs as the product, written without its architecture. The naive
 * peer is written the way architecture rule 4 forbids, so the bench can show what batch I/O saves;
 * the competent peer (`competent…`) as a good Apps Script developer would write it without
 * MarketOps's table adapter: one `getValues` per table, `appendRow` per new row. It reuses the product's pure core (the template catalog,
 * the install planner, the table layout, the demo department, the SALES_PLAN_SCORE rule and its
 * vectoriser) and changes only the I/O: every cell is read with its own `getRange(r, c).getValue()`
 * and written with its own `setValue`, and the score is one formula per row (a scalar call per
 * cell) instead of one formula per column — what Google's best practices warn against
 * (https://developers.google.com/apps-script/guides/support/best-practices#use_batch_operations,
 * https://developers.google.com/apps-script/guides/sheets/functions#optimization). Built into its
 * own small Apps Script bundle by ./build.ts and run by the local host under the same service
 * counter as dist/Code.js.
 *
 * - `naiveUpgrade`: Install / upgrade on an installed workbook. Reads what the installer reads
 *   (every template tab's header, the whole of the tabs with seed rows, the named ranges) cell by
 *   cell, plans with the product's planner, and expects nothing to do.
 * - `naiveLoadDemoData`: Load demo data. Reads every table it appends to cell by cell (the product
 *   reads each with one `getValues`), then writes the demo department cell by cell.
 * - the product's custom functions, so the workbook's installed formulas compute alike under both
 *   bundles; `SALES_PLAN_SCORE` also counts its calls, for the one-formula-per-row score column.
 */
import { both } from "../../src/core/i18n";
import { shiftMonth } from "../../src/core/demo/calendar";
import { buildDemoDepartment, DEMO_SHEETS, demoLoadedAudit } from "../../src/core/demo/department";
import { salesPlanScoreCell } from "../../src/core/scoring/sales-plan-score";
import { vectoriseCells } from "../../src/core/scoring/vectorise";
import type { SheetValue } from "../../src/core/scoring/vectorise";
import { AUDIT_SHEET, SETTINGS_SHEET, sheetTemplate, templateCatalog } from "../../src/core/templates/catalog";
import { installedVersionOf, planInstall, sheetSnapshot, templateTabs } from "../../src/core/templates/planner";
import type { SheetSnapshot } from "../../src/core/templates/planner";
import { appendBlocks, dateTimeText, lastDataRow, tableLayout } from "../../src/core/templates/table";
import type { TableLayout, TableRecord } from "../../src/core/templates/table";
import { wallClock } from "../../src/core/time";

/** The few Apps Script members this peer calls (the vm context provides the real globals). */
interface NaiveRange {
  getValue(): unknown;
  setValue(value: unknown): NaiveRange;
  getDataValidation(): { getCriteriaType(): unknown; getCriteriaValues(): unknown[] } | null;
}
interface NaiveSheet {
  getName(): string;
  getRange(row: number, column: number): NaiveRange;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  insertRowsAfter(afterPosition: number, howMany: number): NaiveSheet;
  getDataRange(): { getValues(): unknown[][] };
  appendRow(rowContents: unknown[]): NaiveSheet;
  getCharts(): { getOptions(): { get(option: string): string | null } }[];
}
interface NaiveSpreadsheet {
  getSheets(): NaiveSheet[];
  getSheetByName(name: string): NaiveSheet | null;
  getNamedRanges(): { getName(): string }[];
  getSpreadsheetTimeZone(): string;
  getId(): string;
  toast(message: string, title: string, timeoutSeconds: number): void;
}
declare const SpreadsheetApp: { getActiveSpreadsheet(): NaiveSpreadsheet; DataValidationCriteria: { VALUE_IN_LIST: unknown } };
declare const Session: { getActiveUser(): { getEmail(): string }; getEffectiveUser(): { getEmail(): string } };
declare const LockService: { getScriptLock(): { tryLock(timeoutInMillis: number): boolean; releaseLock(): void } };

const TOAST_TITLE = "市场部 MarketOps";

/** Rows 1..numRows, columns 1..numColumns, one `getValue` per cell. */
function cellByCell(sheet: NaiveSheet, numRows: number, numColumns: number): unknown[][] {
  const values: unknown[][] = [];
  for (let row = 1; row <= numRows; row++) {
    const line: unknown[] = [];
    for (let column = 1; column <= numColumns; column++) line.push(sheet.getRange(row, column).getValue());
    values.push(line);
  }
  return values;
}

/**
 * Install / upgrade on an installed workbook, reading cell by cell what the product's installer
 * reads with one `getValues` per tab. Throws when the planner finds work: this peer models only the
 * upgrade with nothing to do.
 */
export function naiveUpgrade(): number {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(30_000)) throw new Error("naive peer: the script lock is taken");
  try {
    const catalog = templateCatalog();
    const sheets = spreadsheet.getSheets();
    const sheetNames = sheets.map((s) => s.getName());
    const snapshots: Record<string, SheetSnapshot> = {};
    let installedVersion = 0;
    for (const [key, name] of templateTabs(catalog, sheetNames)) {
      const sheet = sheets[sheetNames.indexOf(name)];
      if (!sheet) continue;
      const template = sheetTemplate(key, catalog);
      const width = sheet.getLastColumn();
      const values = template.rowKey ? cellByCell(sheet, Math.max(1, sheet.getLastRow()), width) : cellByCell(sheet, 1, width);
      const snapshot = sheetSnapshot(template, values);
      // What the installer compares besides the values: row 2's dropdowns (one cell at a time here) and the chart titles.
      const lists = template.columns.some((c) => c.validation?.kind === "enum")
        ? {
            listValidations: Array.from({ length: width }, (_, c) => {
              const rule = sheet.getMaxRows() < 2 ? null : sheet.getRange(2, c + 1).getDataValidation();
              if (!rule || rule.getCriteriaType() !== SpreadsheetApp.DataValidationCriteria.VALUE_IN_LIST) return null;
              const [list] = rule.getCriteriaValues();
              return Array.isArray(list) ? list.map((v) => String(v)) : null;
            }),
          }
        : {};
      snapshots[name] = template.charts?.length ? { ...snapshot, ...lists, chartTitles: sheet.getCharts().map((c) => String(c.getOptions().get("title") ?? "")) } : { ...snapshot, ...lists };
      if (key === SETTINGS_SHEET) installedVersion = installedVersionOf(template, values);
    }
    const namedRanges = spreadsheet.getNamedRanges().map((r) => r.getName());
    const plan = planInstall(catalog, { sheetNames, sheets: snapshots, namedRanges, installedVersion });
    if (plan.ops.length > 0) throw new Error(`naive peer: models only an upgrade with nothing to do, but the plan has ${plan.ops.length} operations`);
    spreadsheet.toast(both(plan.summary), TOAST_TITLE, 5);
    return plan.ops.length;
  } finally {
    lock.releaseLock();
  }
}

interface NaiveTable {
  readonly sheet: NaiveSheet;
  readonly layout: TableLayout;
  readonly lastRow: number;
  readonly timeZone: string;
}

/** The product's `readTable`, one `getValue` per cell of the data range. */
/** A template table read with `read` (the whole data range of `sheet` as values), as the product's `readTable` sees it. */
function readTableWith(spreadsheet: NaiveSpreadsheet, sheetKey: string, read: (sheet: NaiveSheet) => unknown[][]): NaiveTable {
  const template = sheetTemplate(sheetKey);
  const sheet = spreadsheet.getSheetByName(template.tabName);
  if (!sheet) throw new Error(`bench peer: no tab ${template.tabName}`);
  const values = read(sheet);
  const layout = tableLayout(template, values[0] ?? []);
  return { sheet, layout, lastRow: lastDataRow(layout, values), timeZone: spreadsheet.getSpreadsheetTimeZone() };
}

/** The naive peer's read: the product's `readTable`, one `getValue` per cell of the data range. */
function readTableCellByCell(spreadsheet: NaiveSpreadsheet, sheetKey: string): NaiveTable {
  return readTableWith(spreadsheet, sheetKey, (sheet) => cellByCell(sheet, Math.max(1, sheet.getLastRow()), Math.max(1, sheet.getLastColumn())));
}

/** Appends `records` below the rows `table` held when it was read, one `setValue` per cell. */
function appendBelowCellByCell(table: NaiveTable, records: readonly TableRecord[]): void {
  if (records.length === 0) return;
  const needed = table.lastRow + records.length;
  const maxRows = table.sheet.getMaxRows();
  if (maxRows < needed) table.sheet.insertRowsAfter(maxRows, needed - maxRows);
  for (const block of appendBlocks(table.layout, records, table.lastRow, table.timeZone)) {
    block.values.forEach((line, r) => {
      line.forEach((value, c) => table.sheet.getRange(block.row + r, block.column + c).setValue(value));
    });
  }
}

/** How a peer reads a table and appends records to it. */
interface PeerIo {
  readonly name: string;
  read(spreadsheet: NaiveSpreadsheet, sheetKey: string): NaiveTable;
  append(table: NaiveTable, records: readonly TableRecord[]): void;
}

/**
 * Load demo data (the month before now, as the menu does) as the product does it — every table
 * read first, then written, then the Audit row — with the peer's own reads and writes.
 */
function loadDemoDataWith(io: PeerIo): Record<string, number> {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const people = io.read(spreadsheet, "people");
  if (people.lastRow > 1) throw new Error(`${io.name}: People already has rows`);
  const now = new Date().getTime();
  const today = wallClock(now, people.timeZone);
  const target = shiftMonth(today.year, today.month, 1);
  const demo = buildDemoDepartment(target);
  const tables = DEMO_SHEETS.map((key) => ({ key, table: key === "people" ? people : io.read(spreadsheet, key), records: demo.records[key] ?? [] }));
  const rows: Record<string, number> = {};
  for (const { key, table, records } of tables) {
    io.append(table, records);
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
  io.append(io.read(spreadsheet, AUDIT_SHEET), [record]);
  spreadsheet.toast(both(summary), TOAST_TITLE, 10);
  return rows;
}

/** Load demo data reading and writing cell by cell. */
export function naiveLoadDemoData(): Record<string, number> {
  return loadDemoDataWith({ name: "naive peer", read: readTableCellByCell, append: appendBelowCellByCell });
}

/** The competent peer's read: one `getDataRange().getValues()` per table. */
function readTableAtOnce(spreadsheet: NaiveSpreadsheet, sheetKey: string): NaiveTable {
  return readTableWith(spreadsheet, sheetKey, (sheet) => sheet.getDataRange().getValues());
}

/** The competent peer's write: `appendRow` per new record, each a full row in header order. */
function appendRows(table: NaiveTable, records: readonly TableRecord[]): void {
  const width = table.layout.width;
  for (const block of appendBlocks(table.layout, records, table.lastRow, table.timeZone)) {
    block.values.forEach((line) => {
      const row: unknown[] = Array.from({ length: width }, () => "");
      line.forEach((value, c) => {
        row[block.column - 1 + c] = value;
      });
      table.sheet.appendRow(row);
    });
  }
}

/**
 * Load demo data as a competent Apps Script developer writes it without MarketOps's architecture:
 * one `getValues` per table, then `appendRow` for every new row (Google's own samples do this; it
 * is one service call per row).
 * https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)
 */
export function competentLoadDemoData(): Record<string, number> {
  return loadDemoDataWith({ name: "competent peer", read: readTableAtOnce, append: appendRows });
}

// The product's custom functions, so the formulas MarketOps installed compute here exactly as they do
// under dist/Code.js (SALES_PLAN_SCORE below takes the place of the product's, with a tally).
export * from "../../src/gas/customFunctions";

let scoreCalls = 0;

/**
 * The product's SALES_PLAN_SCORE, counted; the naive peer uses it one cell at a time
 * (`=SALES_PLAN_SCORE(B2, C2)` in every row).
 * @customfunction
 */
export function SALES_PLAN_SCORE(actual: unknown, target: unknown, mode?: unknown, belowTargetPoints?: unknown): SheetValue {
  scoreCalls += 1;
  return vectoriseCells([actual, target], [mode, belowTargetPoints], salesPlanScoreCell);
}

/** How many times Sheets (here: the local formula engine) has called SALES_PLAN_SCORE in this context. */
export function naiveScoreCalls(): number {
  return scoreCalls;
}
