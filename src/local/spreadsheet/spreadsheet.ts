/**
 * Spreadsheet (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet) over the
 * Workbook: identity, sheets (insert, delete, find, move), time zone and locale, toasts, named
 * ranges, owner and editors. Spreadsheet.getRange takes sheet-qualified A1 notation.
 */
import { parseA1, resolveA1, RANGE_NOT_FOUND } from "./a1";
import type { SheetsContext } from "./context";
import { Emulated, implOf, signatureError } from "./handles";
import { asText } from "./numberFormat";
import { RangeImpl } from "./range";
import { SheetImpl } from "./sheet";

export class SpreadsheetImpl extends Emulated {
  readonly _ctx: SheetsContext;

  constructor(ctx: SheetsContext) {
    super();
    this._ctx = ctx;
  }

  getId(): string {
    return this._ctx.book.id;
  }

  getName(): string {
    return this._ctx.book.name;
  }

  rename(newName: unknown): void {
    if (typeof newName !== "string") throw signatureError("Spreadsheet.rename", [newName]);
    this._ctx.book.name = newName;
  }

  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._ctx.book.id}/edit`;
  }

  getSheets(): object[] {
    return this._ctx.toBundle(this._ctx.book.sheets.map((s) => this._ctx.sheet(s)));
  }

  getNumSheets(): number {
    return this._ctx.book.sheets.length;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSheetByName(String): null when absent. */
  getSheetByName(name: unknown): object | null {
    if (typeof name !== "string") throw signatureError("Spreadsheet.getSheetByName", [name]);
    const sheet = this._ctx.book.sheet(name);
    return sheet ? this._ctx.sheet(sheet) : null;
  }

  getSheetById(id: unknown): object | null {
    if (typeof id !== "number") throw signatureError("Spreadsheet.getSheetById", [id]);
    const sheet = this._ctx.book.sheetById(id);
    return sheet ? this._ctx.sheet(sheet) : null;
  }

  getActiveSheet(): object {
    return this._ctx.sheet(this._ctx.book.activeSheet);
  }

  setActiveSheet(sheet: unknown): object {
    const impl = implOf(sheet, SheetImpl);
    if (!impl) throw signatureError("Spreadsheet.setActiveSheet", [sheet]);
    this._ctx.book.setActiveSheet(impl._model);
    return this._ctx.sheet(impl._model);
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer):
   * insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index) (index 0-based).
   * The new sheet becomes the active sheet.
   */
  insertSheet(...args: unknown[]): object {
    let name: string | undefined;
    let index: number | undefined;
    if (args.length === 1 && typeof args[0] === "number") index = args[0];
    else if (args.length >= 1 && typeof args[0] === "string") {
      name = args[0];
      if (args.length >= 2) {
        if (typeof args[1] !== "number") throw signatureError("Spreadsheet.insertSheet", args);
        index = args[1];
      }
    } else if (args.length > 0) throw signatureError("Spreadsheet.insertSheet", args);
    this._ctx.book.assertNotEvaluating("Spreadsheet.insertSheet");
    const sheet = this._ctx.book.insertSheet(name, index);
    this._ctx.book.setActiveSheet(sheet);
    return this._ctx.sheet(sheet);
  }

  deleteSheet(sheet: unknown): void {
    const impl = implOf(sheet, SheetImpl);
    if (!impl) throw signatureError("Spreadsheet.deleteSheet", [sheet]);
    this._ctx.book.assertNotEvaluating("Spreadsheet.deleteSheet");
    this._ctx.book.deleteSheet(impl._model);
  }

  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer):
   * moves the active sheet to the 1-indexed position `pos` among all sheets (hidden ones count); a
   * position outside 1 … getNumSheets() is refused (the wording is the host's own).
   */
  moveActiveSheet(pos: unknown): void {
    if (typeof pos !== "number" || !Number.isInteger(pos)) throw signatureError("Spreadsheet.moveActiveSheet", [pos]);
    const count = this._ctx.book.sheets.length;
    if (pos < 1 || pos > count) throw new Error(`Invalid argument: pos (${pos}); a sheet position is 1 … ${count}`);
    this._ctx.book.moveSheet(this._ctx.book.activeSheet, pos);
  }

  getSpreadsheetTimeZone(): string {
    return this._ctx.book.timeZone;
  }

  /** Cells keep their serial numbers; Dates read from them change with the zone, as in Sheets. */
  setSpreadsheetTimeZone(timezone: unknown): void {
    if (typeof timezone !== "string") throw signatureError("Spreadsheet.setSpreadsheetTimeZone", [timezone]);
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    } catch {
      throw new Error(`Invalid argument: timeZone (${timezone})`);
    }
    this._ctx.book.timeZone = timezone;
    this._ctx.book.invalidateEngine();
  }

  getSpreadsheetLocale(): string {
    return this._ctx.book.locale;
  }

  setSpreadsheetLocale(locale: unknown): void {
    if (typeof locale !== "string") throw signatureError("Spreadsheet.setSpreadsheetLocale", [locale]);
    this._ctx.book.locale = locale;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number) */
  toast(msg: unknown, title?: unknown): void {
    this._ctx.host.toast(asText(msg), asText(title));
  }

  /** Sheet-qualified A1 notation (`Requests!A2:F`); without a sheet, the active sheet. */
  getRange(a1Notation: unknown): object {
    if (typeof a1Notation !== "string") throw signatureError("Spreadsheet.getRange", [a1Notation]);
    const ref = parseA1(a1Notation);
    const sheet = ref.sheetName !== undefined ? this._ctx.book.sheet(ref.sheetName) : this._ctx.book.activeSheet;
    if (!sheet) throw new Error(RANGE_NOT_FOUND);
    return this._ctx.range(sheet, resolveA1(ref, sheet.maxRows, sheet.maxColumns), { rows: ref.endRow === undefined, columns: ref.endColumn === undefined });
  }

  getRangeByName(name: unknown): object | null {
    if (typeof name !== "string") throw signatureError("Spreadsheet.getRangeByName", [name]);
    const named = this._ctx.book.namedRange(name);
    const sheet = named ? this._ctx.book.sheet(named.target.sheetName) : undefined;
    return named && sheet ? this._ctx.range(sheet, named.target.rect) : null;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setNamedRange(String,Range) */
  setNamedRange(name: unknown, range: unknown): void {
    const impl = implOf(range, RangeImpl);
    if (typeof name !== "string" || !impl) throw signatureError("Spreadsheet.setNamedRange", [name, range]);
    this._ctx.book.setNamedRange(name, { sheetName: impl._sheet.name, rect: impl._rect });
  }

  getNamedRanges(): object[] {
    return this._ctx.toBundle(this._ctx.book.namedRanges().map((n) => this._ctx.namedRange(n)));
  }

  removeNamedRange(name: unknown): void {
    if (typeof name !== "string") throw signatureError("Spreadsheet.removeNamedRange", [name]);
    this._ctx.book.removeNamedRange(name);
  }

  getProtections(type: unknown): object[] {
    if (type !== "SHEET" && type !== "RANGE") throw signatureError("Spreadsheet.getProtections", [type]);
    return this._ctx.toBundle(this._ctx.book.protections.filter((p) => p.type === type).map((p) => this._ctx.protection(p)));
  }

  getOwner(): object {
    return this._ctx.user(this._ctx.book.owner);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getEditors(): the owner and the editors. */
  getEditors(): object[] {
    const book = this._ctx.book;
    const all = [book.owner, ...book.editors.filter((e) => e.toLowerCase() !== book.owner.toLowerCase())];
    return this._ctx.toBundle(all.map((e) => this._ctx.user(e)));
  }
}
