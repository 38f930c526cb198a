/**
 * Sheet (https://developers.google.com/apps-script/reference/spreadsheet/sheet) over a SheetModel:
 * ranges by coordinates or A1 notation (open ranges such as `A2:C` run to the last row), last
 * row/column with content, appendRow, row and column insertion, frozen panes, hiding, tab colour,
 * column widths, sheet protection, conditional-format rules and embedded charts (recorded, not drawn).
 */
import { parseA1, resolveA1, RANGE_NOT_FOUND, type GridRect } from "./a1";
import { chartDataOf } from "./chart";
import { ConditionalFormatRuleImpl } from "./conditionalFormat";
import type { SheetsContext } from "./context";
import { Emulated, implOf, normalizeColor, signatureError } from "./handles";
import { RangeImpl } from "./range";
import { DEFAULT_COLUMN_WIDTH, type SheetModel } from "./sheetModel";

const OUTSIDE = "The coordinates of the range are outside the dimensions of the sheet.";

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

export class SheetImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _model: SheetModel;

  constructor(ctx: SheetsContext, model: SheetModel) {
    super();
    this._ctx = ctx;
    this._model = model;
  }

  private _alive(): SheetModel {
    if (!this._ctx.book.sheets.includes(this._model)) throw new Error("The sheet has been deleted.");
    return this._model;
  }

  getName(): string {
    return this._model.name;
  }

  setName(name: unknown): this {
    if (typeof name !== "string" || name.trim() === "") throw signatureError("Sheet.setName", [name]);
    this._ctx.book.renameSheet(this._alive(), name);
    return this._self;
  }

  /** 1-based position among the tabs. */
  getIndex(): number {
    return this._ctx.book.sheets.indexOf(this._model) + 1;
  }

  getSheetId(): number {
    return this._model.sheetId;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getFormUrl(): the URL of
   * the form that sends its responses to this sheet, or null.
   */
  getFormUrl(): string | null {
    return this._ctx.host.formUrl?.(this._model.sheetId, this._alive().name) ?? null;
  }

  getParent(): object {
    return this._ctx.spreadsheet();
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow(): spilled array results count. */
  getLastRow(): number {
    return this._ctx.book.lastRow(this._alive());
  }

  getLastColumn(): number {
    return this._ctx.book.lastColumn(this._alive());
  }

  getMaxRows(): number {
    return this._model.maxRows;
  }

  getMaxColumns(): number {
    return this._model.maxColumns;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
   * and #getRange(String): getRange(row, column[, numRows[, numColumns]]) or getRange(a1Notation).
   */
  getRange(...args: unknown[]): object {
    const sheet = this._alive();
    if (args.length === 1 && typeof args[0] === "string") {
      const ref = parseA1(args[0]);
      if (ref.sheetName !== undefined && ref.sheetName.toLowerCase() !== sheet.name.toLowerCase()) throw new Error(RANGE_NOT_FOUND);
      const rect = resolveA1(ref, sheet.maxRows, sheet.maxColumns);
      if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.column + rect.numColumns - 1 > sheet.maxColumns) throw new Error(RANGE_NOT_FOUND);
      return this._ctx.range(sheet, rect, { rows: ref.endRow === undefined, columns: ref.endColumn === undefined });
    }
    if (args.length < 2 || args.length > 4 || !args.every(isInteger)) throw signatureError("Sheet.getRange", args);
    const [row, column, numRows = 1, numColumns = 1] = args;
    if (row === undefined || column === undefined) throw signatureError("Sheet.getRange", args);
    if (row < 1) throw new Error("The starting row of the range is too small.");
    if (column < 1) throw new Error("The starting column of the range is too small.");
    if (numRows < 1) throw new Error("The number of rows in the range must be at least 1.");
    if (numColumns < 1) throw new Error("The number of columns in the range must be at least 1.");
    if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) throw new Error(OUTSIDE);
    return this._ctx.range(sheet, { row, column, numRows, numColumns });
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDataRange() */
  getDataRange(): object {
    const sheet = this._alive();
    const rect: GridRect = { row: 1, column: 1, numRows: Math.max(1, this._ctx.book.lastRow(sheet)), numColumns: Math.max(1, this._ctx.book.lastColumn(sheet)) };
    return this._ctx.range(sheet, rect);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object) */
  appendRow(rowContents: unknown): this {
    if (!Array.isArray(rowContents)) throw signatureError("Sheet.appendRow", [rowContents]);
    const sheet = this._alive();
    const values = rowContents as unknown[];
    this._ctx.guardWrite("Sheet.appendRow", sheet, { row: this._ctx.book.lastRow(sheet) + 1, column: 1, numRows: 1, numColumns: Math.max(1, values.length) });
    this._ctx.book.appendRow(sheet, values);
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer) */
  insertRowsAfter(afterPosition: unknown, howMany: unknown): this {
    if (!isInteger(afterPosition) || !isInteger(howMany) || howMany < 1 || afterPosition < 1) throw signatureError("Sheet.insertRowsAfter", [afterPosition, howMany]);
    const sheet = this._alive();
    if (afterPosition > sheet.maxRows) throw new Error(OUTSIDE);
    this._ctx.book.assertNotEvaluating("Sheet.insertRowsAfter");
    this._ctx.book.insertRows(sheet, afterPosition, howMany);
    return this._self;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer):
   * the rows must exist, at least one non-frozen row must remain, and the user must be allowed to
   * edit every cell deleted (protections).
   */
  deleteRows(rowPosition: unknown, howMany: unknown): this {
    if (!isInteger(rowPosition) || !isInteger(howMany) || howMany < 1 || rowPosition < 1) throw signatureError("Sheet.deleteRows", [rowPosition, howMany]);
    const sheet = this._alive();
    if (rowPosition + howMany - 1 > sheet.maxRows) throw new Error(OUTSIDE);
    if (sheet.maxRows - howMany <= sheet.frozenRows) throw new Error("Sorry, it is not possible to delete all non-frozen rows.");
    this._ctx.guardWrite("Sheet.deleteRows", sheet, { row: rowPosition, column: 1, numRows: howMany, numColumns: sheet.maxColumns });
    this._ctx.book.assertNotEvaluating("Sheet.deleteRows");
    this._ctx.book.deleteRows(sheet, rowPosition, howMany);
    return this._self;
  }

  deleteRow(rowPosition: unknown): this {
    return this.deleteRows(rowPosition, 1);
  }

  insertRowAfter(afterPosition: unknown): this {
    return this.insertRowsAfter(afterPosition, 1);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertColumnsAfter(Integer,Integer) */
  insertColumnsAfter(afterPosition: unknown, howMany: unknown): this {
    if (!isInteger(afterPosition) || !isInteger(howMany) || howMany < 1 || afterPosition < 1) throw signatureError("Sheet.insertColumnsAfter", [afterPosition, howMany]);
    const sheet = this._alive();
    if (afterPosition > sheet.maxColumns) throw new Error(OUTSIDE);
    this._ctx.book.assertNotEvaluating("Sheet.insertColumnsAfter");
    this._ctx.book.insertColumns(sheet, afterPosition, howMany);
    return this._self;
  }

  insertColumnAfter(afterPosition: unknown): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }

  setFrozenRows(rows: unknown): void {
    if (!isInteger(rows) || rows < 0) throw signatureError("Sheet.setFrozenRows", [rows]);
    this._alive().frozenRows = rows;
  }

  getFrozenRows(): number {
    return this._model.frozenRows;
  }

  setFrozenColumns(columns: unknown): void {
    if (!isInteger(columns) || columns < 0) throw signatureError("Sheet.setFrozenColumns", [columns]);
    this._alive().frozenColumns = columns;
  }

  getFrozenColumns(): number {
    return this._model.frozenColumns;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet() */
  hideSheet(): this {
    const sheet = this._alive();
    if (!sheet.hidden && this._ctx.book.sheets.filter((s) => !s.hidden).length <= 1) throw new Error("You can't hide all the sheets in a document.");
    sheet.hidden = true;
    return this._self;
  }

  showSheet(): this {
    this._alive().hidden = false;
    return this._self;
  }

  isSheetHidden(): boolean {
    return this._model.hidden;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideColumns(Integer,Integer):
   * hideColumns(columnIndex[, numColumns]), 1-based; columns past the sheet's edge are refused.
   */
  hideColumns(columnIndex: unknown, numColumns: unknown = 1): void {
    this._setColumnsHidden("Sheet.hideColumns", columnIndex, numColumns, true);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#showColumns(Integer,Integer) */
  showColumns(columnIndex: unknown, numColumns: unknown = 1): void {
    this._setColumnsHidden("Sheet.showColumns", columnIndex, numColumns, false);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideColumn(Range): every column of the range. */
  hideColumn(column: unknown): void {
    const range = this._columnsOf("Sheet.hideColumn", column);
    this._setColumnsHidden("Sheet.hideColumn", range.column, range.numColumns, true);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#unhideColumn(Range) */
  unhideColumn(column: unknown): void {
    const range = this._columnsOf("Sheet.unhideColumn", column);
    this._setColumnsHidden("Sheet.unhideColumn", range.column, range.numColumns, false);
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#isColumnHiddenByUser(Integer):
   * whether the column was hidden (by a person or a script; a filter does not hide columns).
   */
  isColumnHiddenByUser(columnPosition: unknown): boolean {
    if (!isInteger(columnPosition) || columnPosition < 1) throw signatureError("Sheet.isColumnHiddenByUser", [columnPosition]);
    const sheet = this._alive();
    if (columnPosition > sheet.maxColumns) throw new Error(OUTSIDE);
    return sheet.hiddenColumns.has(columnPosition);
  }

  private _columnsOf(method: string, range: unknown): { column: number; numColumns: number } {
    const impl = implOf(range, RangeImpl);
    if (!impl || impl._sheet !== this._model) throw signatureError(method, [range]);
    return { column: impl._rect.column, numColumns: impl._rect.numColumns };
  }

  private _setColumnsHidden(method: string, columnIndex: unknown, numColumns: unknown, hidden: boolean): void {
    if (!isInteger(columnIndex) || !isInteger(numColumns) || columnIndex < 1 || numColumns < 1) throw signatureError(method, [columnIndex, numColumns]);
    const sheet = this._alive();
    if (columnIndex + numColumns - 1 > sheet.maxColumns) throw new Error(OUTSIDE);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) {
      if (hidden) sheet.hiddenColumns.add(c);
      else sheet.hiddenColumns.delete(c);
    }
  }

  setTabColor(color: unknown): this {
    if (color !== null && typeof color !== "string") throw signatureError("Sheet.setTabColor", [color]);
    this._alive().tabColor = color === null || color === "" ? null : normalizeColor(color);
    return this._self;
  }

  getTabColor(): string | null {
    return this._model.tabColor;
  }

  setColumnWidth(columnPosition: unknown, width: unknown): this {
    if (!isInteger(columnPosition) || typeof width !== "number" || columnPosition < 1) throw signatureError("Sheet.setColumnWidth", [columnPosition, width]);
    this._alive().columnWidths.set(columnPosition, width);
    return this._self;
  }

  setColumnWidths(startColumn: unknown, numColumns: unknown, width: unknown): this {
    if (!isInteger(startColumn) || !isInteger(numColumns) || typeof width !== "number") throw signatureError("Sheet.setColumnWidths", [startColumn, numColumns, width]);
    for (let c = startColumn; c < startColumn + numColumns; c++) this._alive().columnWidths.set(c, width);
    return this._self;
  }

  getColumnWidth(columnPosition: unknown): number {
    if (!isInteger(columnPosition)) throw signatureError("Sheet.getColumnWidth", [columnPosition]);
    return this._model.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#autoResizeColumns(Integer,Integer):
   * fits each column to its longest displayed text (about 7 px a character plus padding here).
   */
  autoResizeColumns(startColumn: unknown, numColumns: unknown): this {
    if (!isInteger(startColumn) || !isInteger(numColumns) || startColumn < 1 || numColumns < 1) throw signatureError("Sheet.autoResizeColumns", [startColumn, numColumns]);
    const sheet = this._alive();
    const lastRow = Math.max(1, this._ctx.book.lastRow(sheet));
    const shown = this._ctx.book.readDisplayValues(sheet, { row: 1, column: startColumn, numRows: lastRow, numColumns });
    for (let c = 0; c < numColumns; c++) {
      let longest = 0;
      for (const line of shown) longest = Math.max(longest, [...(line[c] ?? "")].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0));
      sheet.columnWidths.set(startColumn + c, longest === 0 ? DEFAULT_COLUMN_WIDTH : Math.max(24, longest * 7 + 12));
    }
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect(): the sheet's protection (one per sheet). */
  protect(): object {
    const sheet = this._alive();
    const existing = this._ctx.book.protections.find((p) => p.type === "SHEET" && p.sheetName === sheet.name);
    const data =
      existing ??
      this._ctx.book.addProtection({
        type: "SHEET",
        sheetName: sheet.name,
        rect: undefined,
        description: "",
        editors: undefined,
        warningOnly: false,
        domainEdit: this._ctx.book.domainEditable,
        unprotected: [],
      });
    return this._ctx.protection(data);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType) */
  getProtections(type: unknown): object[] {
    if (type !== "SHEET" && type !== "RANGE") throw signatureError("Sheet.getProtections", [type]);
    const name = this._model.name;
    return this._ctx.toBundle(this._ctx.book.protections.filter((p) => p.type === type && p.sheetName === name).map((p) => this._ctx.protection(p)));
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#clear(): contents and formats. */
  clear(): this {
    const sheet = this._alive();
    const rect = { row: 1, column: 1, numRows: sheet.maxRows, numColumns: sheet.maxColumns };
    this._ctx.guardWrite("Sheet.clear", sheet, rect);
    this._ctx.book.clearAll(sheet, rect);
    return this._self;
  }

  getConditionalFormatRules(): object[] {
    return this._ctx.toBundle(this._model.conditionalRules.map((r) => this._ctx.conditionalFormatRule(r)));
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#setConditionalFormatRules(ConditionalFormatRule) (replaces all). */
  setConditionalFormatRules(rules: unknown): void {
    if (!Array.isArray(rules)) throw signatureError("Sheet.setConditionalFormatRules", [rules]);
    this._alive().conditionalRules = (rules as unknown[]).map((r) => {
      const impl = implOf(r, ConditionalFormatRuleImpl);
      if (!impl) throw signatureError("Sheet.setConditionalFormatRules", [rules]);
      return impl._data;
    });
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#newChart() */
  newChart(): object {
    return this._ctx.chartBuilder(this._alive());
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart) */
  insertChart(chart: unknown): void {
    const { data } = chartDataOf("Sheet.insertChart", chart);
    const sheet = this._alive();
    this._ctx.book.assertNotEvaluating("Sheet.insertChart");
    if (this._ctx.book.sheets.some((s) => s.charts.some((c) => c.chartId === data.chartId))) throw new Error("This chart is already in the spreadsheet: use Sheet.updateChart to change it.");
    sheet.charts.push(data);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getCharts() */
  getCharts(): object[] {
    const sheet = this._alive();
    return this._ctx.toBundle(sheet.charts.map((c) => this._ctx.chart(sheet, c)));
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#updateChart(EmbeddedChart): replaces the chart with the same id. */
  updateChart(chart: unknown): void {
    const { data } = chartDataOf("Sheet.updateChart", chart);
    const sheet = this._alive();
    const at = sheet.charts.findIndex((c) => c.chartId === data.chartId);
    if (at < 0) throw new Error("The chart is not on this sheet.");
    sheet.charts[at] = data;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#removeChart(EmbeddedChart) */
  removeChart(chart: unknown): void {
    const { data } = chartDataOf("Sheet.removeChart", chart);
    const sheet = this._alive();
    sheet.charts = sheet.charts.filter((c) => c.chartId !== data.chartId);
  }

  activate(): this {
    this._ctx.book.setActiveSheet(this._alive());
    return this._self;
  }
}
