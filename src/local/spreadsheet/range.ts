/**
 * Range (https://developers.google.com/apps-script/reference/spreadsheet/range) over the workbook
 * model: values typed as Apps Script returns them (numbers, strings, booleans, Dates for date cells,
 * `""` for blanks, the error text for error cells), formulas, number formats, notes, validation,
 * protection and basic styling. setValues checks the data's shape with Apps Script's message;
 * values starting with `=` become formulas and a leading apostrophe keeps text as text (see
 * Workbook.writeOne).
 */
import { toA1, type GridRect } from "./a1";
import type { CellStyle, DataValidationRule } from "./cells";
import type { SheetsContext } from "./context";
import { DataValidationImpl } from "./dataValidation";
import { Emulated, expose, implOf, normalizeColor, signatureError } from "./handles";
import { asText, AUTOMATIC_FORMAT } from "./numberFormat";
import { RichTextValueImpl } from "./richText";
import type { SheetModel } from "./sheetModel";

function is2D(value: unknown): value is unknown[][] {
  return Array.isArray(value) && (value as unknown[]).every((row) => Array.isArray(row));
}

export class RangeImpl extends Emulated {
  readonly _ctx: SheetsContext;
  readonly _sheet: SheetModel;
  readonly _rect: GridRect;
  /** Set when the A1 notation left the end row or column open (`C2:C`): a protection of it grows with the sheet. */
  readonly _open: { readonly rows: boolean; readonly columns: boolean } | undefined;

  constructor(ctx: SheetsContext, sheet: SheetModel, rect: GridRect, open?: { readonly rows: boolean; readonly columns: boolean }) {
    super();
    this._ctx = ctx;
    this._sheet = sheet;
    this._rect = rect;
    this._open = open && (open.rows || open.columns) ? open : undefined;
  }

  private _guard(method: string): void {
    this._ctx.guardWrite(`Range.${method}`, this._sheet, this._rect);
  }

  /**
   * The shape check of setValues/setFormulas/…: https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
   * "The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2."
   */
  private _checkShape(method: string, data: unknown): unknown[][] {
    if (!is2D(data)) throw signatureError(`Range.${method}`, [data]);
    if (data.length !== this._rect.numRows) {
      throw new Error(`The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._rect.numRows}.`);
    }
    for (const row of data) {
      if (row.length !== this._rect.numColumns) {
        throw new Error(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._rect.numColumns}.`);
      }
    }
    return data;
  }

  private _grid<T>(value: T): T[][] {
    const grid: T[][] = [];
    for (let r = 0; r < this._rect.numRows; r++) grid.push(new Array<T>(this._rect.numColumns).fill(value));
    return grid;
  }

  private _topLeft(): GridRect {
    return { row: this._rect.row, column: this._rect.column, numRows: 1, numColumns: 1 };
  }

  // -------------------------------------------------------------- values

  getValues(): unknown[][] {
    return this._ctx.toBundle(this._ctx.book.readValues(this._sheet, this._rect));
  }

  getValue(): unknown {
    return this._ctx.toBundle(this._ctx.book.readValues(this._sheet, this._topLeft())[0]?.[0] ?? "");
  }

  setValues(values: unknown): this {
    const data = this._checkShape("setValues", values);
    this._guard("setValues");
    this._ctx.book.writeValues(this._sheet, this._rect, data);
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object): every cell of the range gets the value. */
  setValue(value: unknown): this {
    this._guard("setValue");
    this._ctx.book.writeValues(this._sheet, this._rect, this._grid(value));
    return this._self;
  }

  /**
   * Rich text (links only, see richText.ts): null for a cell whose value is not text, as
   * https://developers.google.com/apps-script/reference/spreadsheet/range#getRichTextValues() says.
   */
  getRichTextValues(): (object | null)[][] {
    const values = this._ctx.book.readValues(this._sheet, this._rect);
    const rich = this._map((r, c) => {
      const v = values[r - this._rect.row]?.[c - this._rect.column];
      if (typeof v !== "string") return null;
      const cell = this._sheet.cell(r, c);
      return expose("RichTextValue", new RichTextValueImpl(this._ctx, v, cell?.formula === undefined ? (cell?.links ?? []) : []), this._ctx.env.counter);
    });
    return this._ctx.toBundle(rich);
  }

  getRichTextValue(): object | null {
    return this.getRichTextValues()[0]?.[0] ?? null;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setRichTextValues(RichTextValue): the text as a value, with its links. */
  setRichTextValues(values: unknown): this {
    const data = this._checkShape("setRichTextValues", values);
    const rich = data.map((row) =>
      row.map((v) => {
        const impl = implOf(v, RichTextValueImpl);
        if (!impl) throw signatureError("Range.setRichTextValues", [values]);
        return impl;
      }),
    );
    this._guard("setRichTextValues");
    this._ctx.book.writeValues(this._sheet, this._rect, rich.map((row) => row.map((v) => v._text)));
    this._ctx.book.updateCells(this._sheet, this._rect, (cell, r, c) => {
      const links = rich[r]?.[c]?._links ?? [];
      if (links.length > 0 && typeof cell.value === "string") cell.links = links;
      else delete cell.links;
    });
    return this._self;
  }

  setRichTextValue(value: unknown): this {
    return this.setRichTextValues(this._grid(value));
  }

  getDisplayValues(): string[][] {
    return this._ctx.toBundle(this._ctx.book.readDisplayValues(this._sheet, this._rect));
  }

  getDisplayValue(): string {
    return this._ctx.book.readDisplayValues(this._sheet, this._topLeft())[0]?.[0] ?? "";
  }

  getFormulas(): string[][] {
    return this._ctx.toBundle(this._ctx.book.readFormulas(this._sheet, this._rect));
  }

  getFormula(): string {
    return this._ctx.book.readFormulas(this._sheet, this._topLeft())[0]?.[0] ?? "";
  }

  setFormulas(formulas: unknown): this {
    const data = this._checkShape("setFormulas", formulas);
    this._guard("setFormulas");
    this._ctx.book.writeFormulas(this._sheet, this._rect, data.map((row) => row.map(asText)));
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String): relative references move for each cell. */
  setFormula(formula: unknown): this {
    if (typeof formula !== "string") throw signatureError("Range.setFormula", [formula]);
    this._guard("setFormula");
    this._ctx.book.fillFormula(this._sheet, this._rect, formula);
    return this._self;
  }

  clearContent(): this {
    this._guard("clearContent");
    this._ctx.book.clearContents(this._sheet, this._rect);
    return this._self;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#clear(): contents and formats. */
  clear(): this {
    this._guard("clear");
    this._ctx.book.clearAll(this._sheet, this._rect);
    return this._self;
  }

  // -------------------------------------------------------------- geometry

  getRow(): number {
    return this._rect.row;
  }

  getColumn(): number {
    return this._rect.column;
  }

  getNumRows(): number {
    return this._rect.numRows;
  }

  getNumColumns(): number {
    return this._rect.numColumns;
  }

  getHeight(): number {
    return this._rect.numRows;
  }

  getWidth(): number {
    return this._rect.numColumns;
  }

  getLastRow(): number {
    return this._rect.row + this._rect.numRows - 1;
  }

  getLastColumn(): number {
    return this._rect.column + this._rect.numColumns - 1;
  }

  getA1Notation(): string {
    return toA1(this._rect);
  }

  getSheet(): object {
    return this._ctx.sheet(this._sheet);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#offset(Integer,Integer,Integer,Integer) */
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): object {
    const rect = {
      row: this._rect.row + rowOffset,
      column: this._rect.column + columnOffset,
      numRows: numRows ?? this._rect.numRows,
      numColumns: numColumns ?? this._rect.numColumns,
    };
    if (rect.row < 1 || rect.column < 1 || rect.numRows < 1 || rect.numColumns < 1) throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    return this._ctx.range(this._sheet, rect);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getCell(Integer,Integer) (relative, 1-based). */
  getCell(row: number, column: number): object {
    if (row < 1 || column < 1 || row > this._rect.numRows || column > this._rect.numColumns) throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    return this._ctx.range(this._sheet, { row: this._rect.row + row - 1, column: this._rect.column + column - 1, numRows: 1, numColumns: 1 });
  }

  activate(): this {
    this._ctx.book.setActiveSheet(this._sheet);
    return this._self;
  }

  // -------------------------------------------------------------- number formats

  setNumberFormat(format: unknown): this {
    if (typeof format !== "string") throw signatureError("Range.setNumberFormat", [format]);
    this._guard("setNumberFormat");
    this._ctx.book.setFormats(this._sheet, this._rect, format);
    return this._self;
  }

  setNumberFormats(formats: unknown): this {
    const data = this._checkShape("setNumberFormats", formats);
    this._guard("setNumberFormats");
    this._ctx.book.setFormats(this._sheet, this._rect, data.map((row) => row.map((f) => (typeof f === "string" ? f : ""))));
    return this._self;
  }

  getNumberFormat(): string {
    return this._sheet.cell(this._rect.row, this._rect.column)?.format ?? AUTOMATIC_FORMAT;
  }

  getNumberFormats(): string[][] {
    return this._ctx.toBundle(this._map((r, c) => this._sheet.cell(r, c)?.format ?? AUTOMATIC_FORMAT));
  }

  private _map<T>(read: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this._rect.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this._rect.numColumns; c++) line.push(read(this._rect.row + r, this._rect.column + c));
      out.push(line);
    }
    return out;
  }

  // -------------------------------------------------------------- notes

  setNote(note: unknown): this {
    this._guard("setNote");
    const text = asText(note);
    this._ctx.book.updateCells(this._sheet, this._rect, (cell) => {
      if (text === "") delete cell.note;
      else cell.note = text;
    });
    return this._self;
  }

  setNotes(notes: unknown): this {
    const data = this._checkShape("setNotes", notes);
    this._guard("setNotes");
    this._ctx.book.updateCells(this._sheet, this._rect, (cell, r, c) => {
      const text = asText(data[r]?.[c]);
      if (text === "") delete cell.note;
      else cell.note = text;
    });
    return this._self;
  }

  getNote(): string {
    return this._sheet.cell(this._rect.row, this._rect.column)?.note ?? "";
  }

  getNotes(): string[][] {
    return this._ctx.toBundle(this._map((r, c) => this._sheet.cell(r, c)?.note ?? ""));
  }

  // -------------------------------------------------------------- data validation

  private _rule(value: unknown, method: string): DataValidationRule | undefined {
    if (value === null) return undefined;
    const impl = implOf(value, DataValidationImpl);
    if (!impl) throw signatureError(`Range.${method}`, [value]);
    return impl._rule;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation) (null clears). */
  setDataValidation(rule: unknown): this {
    const data = this._rule(rule, "setDataValidation");
    this._guard("setDataValidation");
    this._ctx.book.updateCells(this._sheet, this._rect, (cell) => {
      if (data) cell.validation = data;
      else delete cell.validation;
    });
    return this._self;
  }

  setDataValidations(rules: unknown): this {
    const data = this._checkShape("setDataValidations", rules);
    const parsed = data.map((row) => row.map((r) => this._rule(r, "setDataValidations")));
    this._guard("setDataValidations");
    this._ctx.book.updateCells(this._sheet, this._rect, (cell, r, c) => {
      const rule = parsed[r]?.[c];
      if (rule) cell.validation = rule;
      else delete cell.validation;
    });
    return this._self;
  }

  getDataValidation(): object | null {
    const rule = this._sheet.cell(this._rect.row, this._rect.column)?.validation;
    return rule ? this._ctx.dataValidation(rule) : null;
  }

  getDataValidations(): (object | null)[][] {
    return this._ctx.toBundle(
      this._map((r, c) => {
        const rule = this._sheet.cell(r, c)?.validation;
        return rule ? this._ctx.dataValidation(rule) : null;
      }),
    );
  }

  clearDataValidations(): this {
    this._guard("clearDataValidations");
    this._ctx.book.updateCells(this._sheet, this._rect, (cell) => {
      delete cell.validation;
    });
    return this._self;
  }

  // -------------------------------------------------------------- protection

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/range#protect(): an open-ended
   * range (`C2:C`) stays open, so rows added later are protected too; a new protection mirrors the
   * spreadsheet's sharing, the domain's edit right included.
   */
  protect(): object {
    const data = this._ctx.book.addProtection({
      type: "RANGE",
      sheetName: this._sheet.name,
      rect: this._rect,
      ...(this._open ? { openEnd: this._open } : {}),
      description: "",
      editors: undefined,
      warningOnly: false,
      domainEdit: this._ctx.book.domainEditable,
      unprotected: [],
    });
    return this._ctx.protection(data);
  }

  // -------------------------------------------------------------- style

  private _style(method: string, change: (style: CellStyle, r: number, c: number) => CellStyle): this {
    this._guard(method);
    this._ctx.book.updateCells(this._sheet, this._rect, (cell, r, c) => {
      const next = change(cell.style ?? {}, r, c);
      if (Object.keys(next).length === 0) delete cell.style;
      else cell.style = next;
    });
    return this._self;
  }

  private static _without<K extends keyof CellStyle>(style: CellStyle, key: K): CellStyle {
    const copy: Record<string, unknown> = { ...style };
    delete copy[key];
    return copy;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setFontWeight(String): "bold", "normal" or null. */
  setFontWeight(weight: unknown): this {
    if (weight !== null && weight !== "bold" && weight !== "normal") throw signatureError("Range.setFontWeight", [weight]);
    return this._style("setFontWeight", (s) => (weight === "bold" ? { ...s, bold: true } : RangeImpl._without(s, "bold")));
  }

  setFontWeights(weights: unknown): this {
    const data = this._checkShape("setFontWeights", weights);
    return this._style("setFontWeights", (s, r, c) => (data[r]?.[c] === "bold" ? { ...s, bold: true } : RangeImpl._without(s, "bold")));
  }

  getFontWeight(): string {
    return this._sheet.cell(this._rect.row, this._rect.column)?.style?.bold ? "bold" : "normal";
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String): null resets to white. */
  setBackground(color: unknown): this {
    if (color !== null && typeof color !== "string") throw signatureError("Range.setBackground", [color]);
    return this._style("setBackground", (s) => (color === null || color === "" ? RangeImpl._without(s, "background") : { ...s, background: normalizeColor(color) }));
  }

  setBackgrounds(colors: unknown): this {
    const data = this._checkShape("setBackgrounds", colors);
    return this._style("setBackgrounds", (s, r, c) => {
      const color = data[r]?.[c];
      return typeof color === "string" && color !== "" ? { ...s, background: normalizeColor(color) } : RangeImpl._without(s, "background");
    });
  }

  getBackground(): string {
    return this._sheet.cell(this._rect.row, this._rect.column)?.style?.background ?? "#ffffff";
  }

  setFontColor(color: unknown): this {
    if (color !== null && typeof color !== "string") throw signatureError("Range.setFontColor", [color]);
    return this._style("setFontColor", (s) => (color === null || color === "" ? RangeImpl._without(s, "fontColor") : { ...s, fontColor: normalizeColor(color) }));
  }

  getFontColor(): string {
    return this._sheet.cell(this._rect.row, this._rect.column)?.style?.fontColor ?? "#000000";
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#setHorizontalAlignment(String): left, center, right, normal or null. */
  setHorizontalAlignment(alignment: unknown): this {
    const valid = alignment === null || alignment === "left" || alignment === "center" || alignment === "right" || alignment === "normal" || alignment === "general";
    if (!valid) throw signatureError("Range.setHorizontalAlignment", [alignment]);
    return this._style("setHorizontalAlignment", (s) =>
      alignment === null || alignment === "normal" || alignment === "general" ? RangeImpl._without(s, "horizontalAlignment") : { ...s, horizontalAlignment: alignment },
    );
  }

  getHorizontalAlignment(): string {
    return this._sheet.cell(this._rect.row, this._rect.column)?.style?.horizontalAlignment ?? "general";
  }

  setWrap(wrap: unknown): this {
    if (typeof wrap !== "boolean") throw signatureError("Range.setWrap", [wrap]);
    return this._style("setWrap", (s) => (wrap ? { ...s, wrap: true } : RangeImpl._without(s, "wrap")));
  }

  getWrap(): boolean {
    return this._sheet.cell(this._rect.row, this._rect.column)?.style?.wrap ?? false;
  }
}
