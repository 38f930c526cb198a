/**
 * The local spreadsheet as plain data: a workbook (id, name, time zone, locale, owner and editors)
 * with ordered sheets, named ranges and protections, and the formula engine that evaluates its
 * formulas. The Apps Script classes (spreadsheetApp.ts and friends) are thin views over this model
 * and count their calls; the host uses the model directly (uncounted) to seed data, read what a
 * person would see, and make edits as a user (`userEdit`, which respects protections and validation
 * like the Sheets UI and returns what an installable onEdit trigger needs:
 * https://developers.google.com/apps-script/guides/triggers/events#edit).
 *
 * Values come in and go out as Apps Script types them
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues()): numbers,
 * strings, booleans, `Date` for date-formatted cells (serials read in the spreadsheet's time zone),
 * `""` for blanks and the error text (`#REF!`, `#N/A`, …) for error cells.
 */
import { randomBytes } from "node:crypto";
import { isDate } from "../emulation";
import { contains, intersects, parseA1, resolveA1, type GridRect } from "./a1";
import type { Cell, DataValidationRule, NamedRangeData, ProtectionData, SheetRect } from "./cells";
import { FormulaEngine, type CustomFunctionMap, type EngineValue } from "./engine";
import { listReferences, normalizeFormula, offsetRelativeReferences, rewriteReferences, type FormulaReference, type ReferenceEnd } from "./formulaText";
import { asText, defaultDateFormat, displayText, isDateFormat, TEXT_FORMAT, typeInput, type Scalar } from "./numberFormat";
import { cellKey, DEFAULT_COLUMNS, DEFAULT_ROWS, isEmptyCell, keyColumn, keyRow, SheetModel } from "./sheetModel";
import { rejectionMessage, ruleAccepts, type HostValue } from "./validationRules";
import { instantOfSerial, serialOfInstant } from "./zoneCache";

/**
 * Sheets' size limits: "up to 10 million cells" per spreadsheet and 50,000 characters in one cell
 * (https://support.google.com/drive/answer/37603, "Files you can store in Google Drive"), with the
 * messages Sheets gives when a script goes past them.
 */
export const MAX_SPREADSHEET_CELLS = 10_000_000;
export const MAX_CELL_CHARACTERS = 50_000;
export const CELL_TOO_LONG = "Your input contains more than the maximum of 50000 characters in a single cell.";
export const TOO_MANY_CELLS = `This action would increase the number of cells in the workbook above the limit of ${MAX_SPREADSHEET_CELLS} cells.`;

export type { HostValue } from "./validationRules";
export type { CustomFunctionMap } from "./engine";

/** What a cell reads back as: a typed value or `""` for a blank. */
export type CellValue = HostValue;

/** The message Sheets gives when someone who may not edit a protected range tries to. */
export const PROTECTED_MESSAGE = "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

export interface WorkbookOptions {
  readonly id?: string;
  readonly name?: string;
  /** IANA zone, e.g. `Asia/Shanghai` (Spreadsheet.getSpreadsheetTimeZone). */
  readonly timeZone?: string;
  /** e.g. `zh_CN`, `en_US` (Spreadsheet.getSpreadsheetLocale). */
  readonly locale?: string;
  readonly owner?: string;
  readonly editors?: readonly string[];
  /** Shared with the owner's whole domain as editors (see Workbook.domainEditable). */
  readonly domainEditable?: boolean;
  /** Sheets to create, in tab order (names, or specs with id and size). Default: one sheet "Sheet1". */
  readonly sheets?: readonly (string | SheetSpec)[];
  readonly customFunctions?: CustomFunctionMap;
  /** The clock NOW() and TODAY() read (the host's simulated clock). Default: the machine's. */
  readonly clock?: () => number;
  /** The id the next inserted sheet gets (a saved workbook restores it; ids are never reused). */
  readonly nextSheetId?: number;
  /** The id the next protection gets (a saved workbook restores it). */
  readonly nextProtectionId?: number;
}

/** A sheet to create with a given id and size (used when a saved workbook is loaded). */
export interface SheetSpec {
  readonly name: string;
  readonly sheetId?: number;
  readonly rows?: number;
  readonly columns?: number;
}

/** What `userEdit` reports: enough for the host to build an onEdit event object. */
export interface UserEditResult {
  readonly sheetName: string;
  readonly rect: GridRect;
  /** The cell's value before the edit (top-left cell), `""` when it was blank. */
  readonly oldValue: CellValue;
  /** The cell's value after the edit (top-left cell). */
  readonly value: CellValue;
  readonly oldDisplay: string;
  readonly display: string;
  /** True when a warning-only protection covered the cells (Sheets asks the person to confirm). */
  readonly warned: boolean;
  readonly user: string;
}

/** A user edit Sheets refuses (protected range, or a validation that rejects input). */
export class EditRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EditRejectedError";
  }
}

function newSpreadsheetId(): string {
  return randomBytes(33).toString("base64url");
}

function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== ""));
}

export class Workbook {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  editors: string[];
  /**
   * The file is shared with everyone in the owner's domain as editors (link sharing "anyone in
   * the organisation can edit"): a new protection then lets the domain edit until a script calls
   * setDomainEdit(false) (https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean)).
   */
  domainEditable: boolean;
  private readonly sheetList: SheetModel[] = [];
  private activeName: string;
  /** Named ranges by lower-case name (names are case-insensitive in Sheets). */
  private readonly named = new Map<string, NamedRangeData>();
  readonly protections: ProtectionData[] = [];
  private nextProtectionId = 1;
  private nextSheetId: number;
  private customFunctions: CustomFunctionMap;
  /** Epoch ms "now" for NOW() and TODAY(); settable so the host can bind its simulated clock. */
  clock: () => number;
  private engineInstance: FormulaEngine | undefined;

  constructor(options: WorkbookOptions = {}) {
    this.id = options.id ?? newSpreadsheetId();
    this.name = options.name ?? "Untitled spreadsheet";
    this.timeZone = options.timeZone ?? "Asia/Shanghai";
    this.locale = options.locale ?? "zh_CN";
    this.owner = options.owner ?? "owner@example.com";
    this.editors = [...(options.editors ?? [])];
    this.domainEditable = options.domainEditable ?? false;
    this.customFunctions = options.customFunctions ?? {};
    this.clock = options.clock ?? Date.now;
    this.nextProtectionId = Math.max(1, options.nextProtectionId ?? 1);
    const specs = (options.sheets ?? ["Sheet1"]).map((s) => (typeof s === "string" ? { name: s } : s));
    this.nextSheetId = Math.max(options.nextSheetId ?? 0, ...specs.map((s) => (s.sheetId ?? -1) + 1));
    for (const spec of specs) {
      if (this.sheet(spec.name)) throw new Error(`A sheet with the name "${spec.name}" already exists. Please enter another name.`);
      this.sheetList.push(new SheetModel(spec.name, spec.sheetId ?? this.nextSheetId++, spec.rows, spec.columns));
    }
    if (this.sheetList.length === 0) this.sheetList.push(new SheetModel("Sheet1", this.nextSheetId++));
    this.activeName = this.sheetList[0]?.name ?? "Sheet1";
  }

  // ---------------------------------------------------------------- sheets

  get sheets(): readonly SheetModel[] {
    return this.sheetList;
  }

  /** Sheet names are unique regardless of case; lookups ignore case as Sheets does. */
  sheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheetList.find((s) => s.name.toLowerCase() === lower);
  }

  requireSheet(name: string): SheetModel {
    const s = this.sheet(name);
    if (!s) throw new Error(`no sheet named "${name}"`);
    return s;
  }

  sheetById(sheetId: number): SheetModel | undefined {
    return this.sheetList.find((s) => s.sheetId === sheetId);
  }

  get activeSheet(): SheetModel {
    return this.sheet(this.activeName) ?? this.sheetList[0] ?? this.requireSheet(this.activeName);
  }

  setActiveSheet(sheet: SheetModel): void {
    this.activeName = sheet.name;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer) */
  insertSheet(name: string | undefined, index?: number, size?: { rows: number; columns: number }): SheetModel {
    let sheetName = name;
    if (sheetName === undefined) {
      let n = this.sheetList.length + 1;
      while (this.sheet(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    if (this.sheet(sheetName)) throw new Error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    this.assertCellBudget((size?.rows ?? DEFAULT_ROWS) * (size?.columns ?? DEFAULT_COLUMNS));
    const sheet = new SheetModel(sheetName, this.nextSheetId++, size?.rows, size?.columns);
    const at = index === undefined ? this.sheetList.length : Math.max(0, Math.min(index, this.sheetList.length));
    this.sheetList.splice(at, 0, sheet);
    // Formulas may already name the new sheet (they showed #REF!): set them again so they resolve.
    const engine = this.engineInstance;
    if (engine) {
      engine.addSheet(sheetName);
      const lower = sheetName.toLowerCase();
      for (const s of this.sheetList) {
        for (const key of s.formulaCells) {
          const formula = s.cell(keyRow(key), keyColumn(key))?.formula;
          if (formula !== undefined && listReferences(formula).some((ref) => ref.sheetName?.toLowerCase() === lower)) engine.setCell(s, keyRow(key), keyColumn(key));
        }
      }
    }
    return sheet;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#deleteSheet(Sheet) */
  deleteSheet(sheet: SheetModel): void {
    if (this.sheetList.length <= 1) throw new Error("You can't remove all the sheets in a document.");
    const at = this.sheetList.indexOf(sheet);
    if (at < 0) return;
    this.sheetList.splice(at, 1);
    for (let i = this.protections.length - 1; i >= 0; i--) if (this.protections[i]?.sheetName === sheet.name) this.protections.splice(i, 1);
    for (const [key, named] of this.named) {
      if (named.target.sheetName === sheet.name) {
        this.named.delete(key);
        this.engineInstance?.setNamedRange(named.name, undefined);
      }
    }
    if (this.activeName === sheet.name) this.activeName = this.sheetList[Math.max(0, at - 1)]?.name ?? "";
    this.engineInstance?.removeSheet(sheet.name);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#setName(String) */
  renameSheet(sheet: SheetModel, to: string): void {
    const from = sheet.name;
    if (from === to) return;
    const other = this.sheet(to);
    if (other && other !== sheet) throw new Error(`A sheet with the name "${to}" already exists. Please enter another name.`);
    sheet.name = to;
    if (this.activeName === from) this.activeName = to;
    const same = (n: string | undefined): boolean => n !== undefined && n.toLowerCase() === from.toLowerCase();
    for (const s of this.sheetList) {
      s.forEachCell((_r, _c, cell) => {
        if (cell.formula !== undefined) {
          cell.formula = rewriteReferences(cell.formula, (ref) => (same(ref.sheetName) ? { ...ref, sheetName: to } : undefined));
        }
      });
      s.conditionalRules = s.conditionalRules.map((rule) => ({ ...rule, ranges: rule.ranges.map((r) => (same(r.sheetName) ? { ...r, sheetName: to } : r)) }));
      s.charts = s.charts.map((chart) => ({ ...chart, ranges: chart.ranges.map((r) => (same(r.sheetName) ? { ...r, sheetName: to } : r)) }));
    }
    this.mapValidationSources(from, (source) => (same(source.sheetName) ? { ...source, sheetName: to } : source));
    for (const p of this.protections) if (same(p.sheetName)) p.sheetName = to;
    for (const [key, named] of this.named) if (same(named.target.sheetName)) this.named.set(key, { ...named, target: { ...named.target, sheetName: to } });
    this.engineInstance?.renameSheet(from, to);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer) (1-based position). */
  moveSheet(sheet: SheetModel, position: number): void {
    const at = this.sheetList.indexOf(sheet);
    if (at < 0) return;
    this.sheetList.splice(at, 1);
    this.sheetList.splice(Math.max(0, Math.min(position - 1, this.sheetList.length)), 0, sheet);
  }

  // ---------------------------------------------------------------- engine

  /** The formula engine, built from the cells on first use (and again after structural changes). */
  engine(): FormulaEngine {
    if (!this.engineInstance) {
      this.engineInstance = new FormulaEngine(
        {
          sheets: () => this.sheetList,
          sheet: (name) => this.sheet(name),
          namedRanges: () => [...this.named.values()],
          timeZone: () => this.timeZone,
          now: () => this.clock(),
        },
        this.customFunctions,
      );
    }
    return this.engineInstance;
  }

  /** The bundle's top-level functions, callable from formulas (names not ending with `_`). */
  setCustomFunctions(functions: CustomFunctionMap): void {
    this.customFunctions = functions;
    this.invalidateEngine();
  }

  /** Drops the engine; the next computed read rebuilds it from the cells. */
  invalidateEngine(): void {
    this.engineInstance?.dispose();
    this.engineInstance = undefined;
  }

  /** Evaluates pending changes (SpreadsheetApp.flush). */
  flush(): void {
    if (this.engineInstance || this.sheetList.some((s) => s.formulaCells.size > 0)) this.engine().flush();
  }

  private mirror(sheet: SheetModel, rect: GridRect): void {
    const engine = this.engineInstance;
    if (!engine) return;
    if (rect.numRows === 1 && rect.numColumns === 1) engine.setCell(sheet, rect.row, rect.column);
    else engine.setBlock(sheet, rect.row, rect.column, rect.numRows, rect.numColumns);
  }

  /** Guards writes made from inside a custom function, which Sheets does not allow. */
  assertNotEvaluating(method: string): void {
    if (this.engineInstance?.evaluating) throw new Error(`You do not have permission to call ${method}`);
  }

  // ---------------------------------------------------------------- reading

  /** The serial number a Date is stored as in this spreadsheet's time zone. */
  serialOf(date: Date): number {
    return serialOfInstant(date.getTime(), this.timeZone);
  }

  /** Apps Script's value for a serial number under a format: a Date when the format is a date. */
  private typed(value: Scalar, dateLike: boolean): HostValue {
    if (typeof value === "number" && dateLike) return new Date(instantOfSerial(value, this.timeZone));
    return value;
  }

  private engineValue(v: EngineValue, dateLike: boolean): CellValue {
    if (v === null) return "";
    if (typeof v === "object") return v.error;
    return this.typed(v, dateLike);
  }

  /** Whether a cell lies in a spilled result; the spill areas are looked up on the first question only. */
  private spillLookup(sheet: SheetModel): (row: number, column: number) => boolean {
    if (sheet.formulaCells.size === 0) return () => false;
    let areas: ReturnType<FormulaEngine["spillAreas"]> | undefined;
    return (row, column) => {
      areas ??= this.engine().spillAreas(sheet);
      return areas.some((a) => row >= a.row && row <= a.lastRow && column >= a.column && column <= a.lastColumn);
    };
  }

  /** Values of a rectangle as Range.getValues returns them (host realm). */
  readValues(sheet: SheetModel, rect: GridRect): CellValue[][] {
    const inSpill = this.spillLookup(sheet);
    const out: CellValue[][] = [];
    for (let r = 0; r < rect.numRows; r++) {
      const line: CellValue[] = [];
      const row = sheet.rows[rect.row + r - 1];
      for (let c = 0; c < rect.numColumns; c++) {
        const cell = row?.[rect.column + c - 1];
        line.push(this.cellValueOf(sheet, rect.row + r, rect.column + c, cell, inSpill));
      }
      out.push(line);
    }
    return out;
  }

  private cellValueOf(sheet: SheetModel, row: number, column: number, cell: Cell | undefined, inSpill: (r: number, c: number) => boolean): CellValue {
    if (cell?.formula !== undefined || (!hasContent(cell) && inSpill(row, column))) {
      const { value, isDate } = this.engine().value(sheet, row, column);
      return this.engineValue(value, isDate || isDateFormat(cell?.format));
    }
    const v = cell?.value;
    if (v === undefined || v === "") return "";
    return this.typed(v, isDateFormat(cell?.format));
  }

  /** One cell's value (1-based). */
  cellValue(sheet: SheetModel, row: number, column: number): CellValue {
    return this.readValues(sheet, { row, column, numRows: 1, numColumns: 1 })[0]?.[0] ?? "";
  }

  /** Displayed text of a rectangle (Range.getDisplayValues). */
  readDisplayValues(sheet: SheetModel, rect: GridRect): string[][] {
    const inSpill = this.spillLookup(sheet);
    const out: string[][] = [];
    for (let r = 0; r < rect.numRows; r++) {
      const line: string[] = [];
      for (let c = 0; c < rect.numColumns; c++) {
        const row = rect.row + r;
        const column = rect.column + c;
        const cell = sheet.cell(row, column);
        line.push(this.displayOf(sheet, row, column, cell, inSpill));
      }
      out.push(line);
    }
    return out;
  }

  private displayOf(sheet: SheetModel, row: number, column: number, cell: Cell | undefined, inSpill: (r: number, c: number) => boolean): string {
    if (cell?.formula !== undefined || (!hasContent(cell) && inSpill(row, column))) {
      const { value, isDate } = this.engine().value(sheet, row, column);
      if (value === null) return "";
      if (typeof value === "object") return value.error;
      const format = cell?.format ?? (isDate ? defaultDateFormat(this.locale, typeof value === "number" && value !== Math.floor(value)) : undefined);
      return displayText(value, format);
    }
    const v = cell?.value;
    return v === undefined ? "" : displayText(v, cell?.format);
  }

  /** The hover message of an error cell (e.g. why a spill is blocked), or `""`. */
  errorMessage(sheet: SheetModel, row: number, column: number): string {
    const cell = sheet.cell(row, column);
    if (cell?.formula === undefined) return "";
    const { value } = this.engine().value(sheet, row, column);
    return value !== null && typeof value === "object" ? value.message : "";
  }

  /** Formulas of a rectangle, `""` for cells without one (Range.getFormulas). */
  readFormulas(sheet: SheetModel, rect: GridRect): string[][] {
    const out: string[][] = [];
    for (let r = 0; r < rect.numRows; r++) {
      const line: string[] = [];
      for (let c = 0; c < rect.numColumns; c++) line.push(sheet.cell(rect.row + r, rect.column + c)?.formula ?? "");
      out.push(line);
    }
    return out;
  }

  /** Host convenience: values of `Sheet!A1:B2`-style notation (or an A1 range on `sheetName`). */
  read(sheetName: string, a1: string): CellValue[][] {
    const sheet = this.requireSheet(sheetName);
    return this.readValues(sheet, resolveA1(parseA1(a1), sheet.maxRows, sheet.maxColumns));
  }

  /** Host convenience: displayed text of an A1 range. */
  display(sheetName: string, a1: string): string[][] {
    const sheet = this.requireSheet(sheetName);
    return this.readDisplayValues(sheet, resolveA1(parseA1(a1), sheet.maxRows, sheet.maxColumns));
  }

  /** Last row with content, counting values spilled by array formulas (Sheet.getLastRow). */
  lastRow(sheet: SheetModel): number {
    return this.lastWithSpills(sheet, "row");
  }

  /** Last column with content, counting spilled values (Sheet.getLastColumn). */
  lastColumn(sheet: SheetModel): number {
    return this.lastWithSpills(sheet, "column");
  }

  /** The last row (or column) holding content, where a spilled non-empty result counts as content. */
  private lastWithSpills(sheet: SheetModel, axis: "row" | "column"): number {
    let last = axis === "row" ? sheet.contentLastRow() : sheet.contentLastColumn();
    // Nothing spills past the sheet's edge: content reaching it settles the answer without
    // evaluating (the case of appendRow on a full sheet, which would otherwise recompute every
    // formula in the workbook once per appended row).
    if (sheet.formulaCells.size === 0 || last >= (axis === "row" ? sheet.maxRows : sheet.maxColumns)) return last;
    const engine = this.engine();
    const valueAt = (line: number, across: number) => (axis === "row" ? engine.rawValue(sheet, line, across) : engine.rawValue(sheet, across, line));
    for (const area of engine.spillAreas(sheet)) {
      const [first, final, acrossFirst, acrossFinal] = axis === "row" ? [area.row, area.lastRow, area.column, area.lastColumn] : [area.column, area.lastColumn, area.row, area.lastRow];
      for (let line = final; line > last && line >= first; line--) {
        let found = false;
        for (let across = acrossFirst; across <= acrossFinal && !found; across++) found = valueAt(line, across) !== null;
        if (found) {
          last = line;
          break;
        }
      }
    }
    return last;
  }

  // ---------------------------------------------------------------- writing

  private setFormula(sheet: SheetModel, row: number, column: number, cell: Cell, formula: string): void {
    delete cell.value;
    cell.formula = normalizeFormula(formula);
    sheet.formulaCells.add(cellKey(row, column));
  }

  private clearContent(sheet: SheetModel, row: number, column: number, cell: Cell): void {
    delete cell.value;
    delete cell.links;
    if (cell.formula !== undefined) {
      delete cell.formula;
      sheet.formulaCells.delete(cellKey(row, column));
    }
  }

  /**
   * Writes one value as Sheets reads what a script or a person enters
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#setValue(Object)):
   * a string starting with `=` is a formula; a leading apostrophe keeps the rest as text and is not
   * part of the value; under the plain-text format `@` everything stays text; other strings that
   * read as numbers, dates, percentages or booleans become those; a Date becomes a date cell.
   */
  private writeOne(sheet: SheetModel, row: number, column: number, raw: unknown): void {
    if (typeof raw === "string" && raw.length > MAX_CELL_CHARACTERS) throw new Error(CELL_TOO_LONG);
    const existing = sheet.cell(row, column);
    if (raw === null || raw === undefined || raw === "") {
      if (existing) {
        this.clearContent(sheet, row, column, existing);
        sheet.prune(row, column);
      }
      return;
    }
    const cell = existing ?? sheet.ensureCell(row, column);
    if (isDate(raw)) {
      this.clearContent(sheet, row, column, cell);
      const serial = serialOfInstant(raw.getTime(), this.timeZone);
      cell.value = serial;
      if (!isDateFormat(cell.format)) cell.format = defaultDateFormat(this.locale, serial !== Math.floor(serial));
      return;
    }
    if (typeof raw === "number" || typeof raw === "boolean") {
      this.clearContent(sheet, row, column, cell);
      cell.value = raw;
      return;
    }
    const text = asText(raw);
    if (cell.format === TEXT_FORMAT) {
      this.clearContent(sheet, row, column, cell);
      cell.value = text;
    } else if (text.startsWith("'")) {
      this.clearContent(sheet, row, column, cell);
      cell.value = text.slice(1);
    } else if (text.startsWith("=") && text.length > 1) {
      this.setFormula(sheet, row, column, cell, text);
    } else {
      this.clearContent(sheet, row, column, cell);
      const typed = typeInput(text, this.locale);
      cell.value = typed.value;
      if (typed.format !== undefined && (cell.format === undefined || (isDateFormat(typed.format) && !isDateFormat(cell.format)))) cell.format = typed.format;
    }
  }

  /**
   * Writes a 2D block of values (the caller has checked its shape against the rectangle). A text
   * over Sheets' 50,000 characters per cell refuses the whole write, with Sheets' message.
   */
  writeValues(sheet: SheetModel, rect: GridRect, values: readonly (readonly unknown[])[]): void {
    for (const line of values) for (const v of line) if (typeof v === "string" && v.length > MAX_CELL_CHARACTERS) throw new Error(CELL_TOO_LONG);
    for (let r = 0; r < rect.numRows; r++) {
      const line = values[r] ?? [];
      for (let c = 0; c < rect.numColumns; c++) this.writeOne(sheet, rect.row + r, rect.column + c, line[c]);
    }
    this.mirror(sheet, rect);
  }

  /** Writes formulas; `""` clears the cell's content (Range.setFormulas). */
  writeFormulas(sheet: SheetModel, rect: GridRect, formulas: readonly (readonly string[])[]): void {
    for (let r = 0; r < rect.numRows; r++) {
      for (let c = 0; c < rect.numColumns; c++) {
        const f = formulas[r]?.[c] ?? "";
        const row = rect.row + r;
        const column = rect.column + c;
        if (f === "") {
          const cell = sheet.cell(row, column);
          if (cell) {
            this.clearContent(sheet, row, column, cell);
            sheet.prune(row, column);
          }
        } else this.setFormula(sheet, row, column, sheet.ensureCell(row, column), f.startsWith("=") ? f : `=${f}`);
      }
    }
    this.mirror(sheet, rect);
  }

  /** One formula over a rectangle, relative references moved for each cell (Range.setFormula). */
  fillFormula(sheet: SheetModel, rect: GridRect, formula: string): void {
    const f = formula.startsWith("=") ? formula : `=${formula}`;
    const grid: string[][] = [];
    for (let r = 0; r < rect.numRows; r++) {
      const line: string[] = [];
      for (let c = 0; c < rect.numColumns; c++) line.push(offsetRelativeReferences(f, r, c));
      grid.push(line);
    }
    this.writeFormulas(sheet, rect, grid);
  }

  /** Clears values and formulas, keeping formats, notes and validation (Range.clearContent). */
  clearContents(sheet: SheetModel, rect: GridRect): void {
    this.clearCells(sheet, rect, false);
  }

  /** Clears content and formats (Sheet.clear / Range.clear); notes and validation stay. */
  clearAll(sheet: SheetModel, rect: GridRect): void {
    this.clearCells(sheet, rect, true);
  }

  private clearCells(sheet: SheetModel, rect: GridRect, formatsToo: boolean): void {
    for (let r = 0; r < rect.numRows; r++) {
      const row = sheet.rows[rect.row + r - 1];
      if (!row) continue;
      for (let c = 0; c < rect.numColumns; c++) {
        const cell = row[rect.column + c - 1];
        if (!cell) continue;
        this.clearContent(sheet, rect.row + r, rect.column + c, cell);
        if (formatsToo) {
          delete cell.format;
          delete cell.style;
        }
        sheet.prune(rect.row + r, rect.column + c);
      }
    }
    this.mirror(sheet, rect);
  }

  /** Applies `update` to every cell of the rectangle (formats, notes, validation, style); cells left empty are dropped. */
  updateCells(sheet: SheetModel, rect: GridRect, update: (cell: Cell, r: number, c: number) => void): void {
    this.rangeSources = null;
    for (let r = 0; r < rect.numRows; r++) {
      const row = rect.row + r;
      for (let c = 0; c < rect.numColumns; c++) {
        const column = rect.column + c;
        const cell = sheet.ensureCell(row, column);
        update(cell, r, c);
        if (isEmptyCell(cell)) sheet.prune(row, column);
      }
    }
  }

  /**
   * Sets number formats, one per cell or one for the whole rectangle (`""` removes the format);
   * date-ness changes how the engine types constants, so numbers are mirrored again.
   */
  setFormats(sheet: SheetModel, rect: GridRect, formats: readonly (readonly string[])[] | string): void {
    let numericTouched = false;
    this.updateCells(sheet, rect, (cell, r, c) => {
      const f = typeof formats === "string" ? formats : formats[r]?.[c];
      if (f === undefined || f === "") delete cell.format;
      else cell.format = f;
      if (typeof cell.value === "number") numericTouched = true;
    });
    if (numericTouched) this.mirror(sheet, rect);
  }

  /** Appends a row after the last row with content, growing the sheet when full (Sheet.appendRow). */
  appendRow(sheet: SheetModel, values: readonly unknown[]): GridRect {
    const row = this.lastRow(sheet) + 1;
    const grows = row > sheet.maxRows || values.length > sheet.maxColumns;
    if (grows) this.assertCellBudget(Math.max(row, sheet.maxRows) * Math.max(values.length, sheet.maxColumns) - sheet.maxRows * sheet.maxColumns);
    if (row > sheet.maxRows) sheet.maxRows = row;
    if (values.length > sheet.maxColumns) sheet.maxColumns = values.length;
    if (grows) this.engineInstance?.sheetResized(sheet);
    const rect = { row, column: 1, numRows: 1, numColumns: Math.max(1, values.length) };
    this.writeValues(sheet, rect, [values]);
    return rect;
  }

  // ---------------------------------------------------------------- structure

  /** Inserts rows after `after` (Sheet.insertRowsAfter); references below move down, ranges across grow. */
  insertRows(sheet: SheetModel, after: number, count: number): void {
    this.assertCellBudget(count * sheet.maxColumns);
    sheet.insertRows(after, count);
    this.shiftEverything(sheet.name, "row", after, count);
  }

  /**
   * Deletes rows `start` … `start + count - 1` (Sheet.deleteRows): the rows below move up; ranges
   * across the deleted rows shrink, references to a deleted cell (or to a range wholly deleted)
   * become `#REF!`, and protections, conditional formats and chart ranges wholly inside go away.
   * https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRows(Integer,Integer)
   */
  deleteRows(sheet: SheetModel, start: number, count: number): void {
    const last = start + count - 1;
    const same = (n: string | undefined): boolean => n !== undefined && n.toLowerCase() === sheet.name.toLowerCase();
    /** A row interval after the deletion, or null when it was wholly deleted. */
    const squeeze = (from: number, to: number): [number, number] | null => {
      const keptFrom = from >= start && from <= last ? last + 1 : from;
      const keptTo = to >= start && to <= last ? start - 1 : to;
      if (keptFrom > keptTo) return null;
      const move = (r: number): number => (r > last ? r - count : r);
      return [move(keptFrom), move(keptTo)];
    };
    const squeezeRect = (rect: GridRect): GridRect | null => {
      const rows = squeeze(rect.row, rect.row + rect.numRows - 1);
      return rows ? { ...rect, row: rows[0], numRows: rows[1] - rows[0] + 1 } : null;
    };
    sheet.deleteRows(start, count);
    const resets: { sheet: SheetModel; row: number; column: number }[] = [];
    for (const s of this.sheetList) {
      for (const key of s.formulaCells) {
        const row = keyRow(key);
        const column = keyColumn(key);
        const cell = s.cell(row, column);
        if (cell?.formula === undefined) continue;
        let refersToSheet = false;
        cell.formula = rewriteReferences(cell.formula, (ref: FormulaReference) => {
          if (!same(ref.sheetName ?? s.name)) return undefined;
          refersToSheet = true;
          const from = ref.start.row;
          const to = ref.end ? ref.end.row : from;
          // Whole columns (A:A) and open-ended ranges (A2:A) have no end row to move.
          if (from === undefined) return undefined;
          const rows = squeeze(from, to ?? Number.MAX_SAFE_INTEGER);
          if (!rows) return "#REF!";
          const end = ref.end;
          return { ...ref, start: { ...ref.start, row: rows[0] }, end: end && end.row !== undefined ? { ...end, row: rows[1] } : end };
        });
        if (refersToSheet) resets.push({ sheet: s, row, column });
      }
      const keep = <T extends { sheetName: string; rect: GridRect }>(r: T): T | null => {
        if (!same(r.sheetName)) return r;
        const rect = squeezeRect(r.rect);
        return rect ? { ...r, rect } : null;
      };
      s.conditionalRules = s.conditionalRules
        .map((rule) => ({ ...rule, ranges: rule.ranges.flatMap((r) => keep(r) ?? []) }))
        .filter((rule) => rule.ranges.length > 0);
      s.charts = s.charts.map((chart) => ({ ...chart, ranges: chart.ranges.flatMap((r) => keep(r) ?? []) }));
    }
    this.mapValidationSources(
      sheet.name,
      (source) => (same(source.sheetName) ? { ...source, rect: squeezeRect(source.rect) ?? source.rect } : source),
      (rect) => rect.row + rect.numRows - 1 >= start,
    );
    for (let i = this.protections.length - 1; i >= 0; i--) {
      const p = this.protections[i];
      if (!p || !same(p.sheetName) || !p.rect) continue;
      const rect = squeezeRect(p.rect);
      if (!rect) {
        this.protections.splice(i, 1);
        continue;
      }
      p.rect = rect;
      p.unprotected = p.unprotected.flatMap((u) => squeezeRect(u) ?? []);
    }
    for (const [key, named] of this.named) {
      if (!same(named.target.sheetName)) continue;
      const rect = squeezeRect(named.target.rect);
      if (rect) this.named.set(key, { ...named, target: { ...named.target, rect } });
    }
    const engine = this.engineInstance;
    if (!engine) return;
    engine.removeRows(sheet, start, count);
    for (const named of this.named.values()) if (same(named.target.sheetName)) engine.setNamedRange(named.name, named);
    for (const at of resets) engine.setCell(at.sheet, at.row, at.column);
  }

  /** Inserts columns after `after` (Sheet.insertColumnsAfter). */
  insertColumns(sheet: SheetModel, after: number, count: number): void {
    this.assertCellBudget(count * sheet.maxRows);
    sheet.insertColumns(after, count);
    this.shiftEverything(sheet.name, "column", after, count);
  }

  /** Cells of the whole spreadsheet (every sheet's rows × columns, empty or not), as Sheets counts them. */
  cellCount(): number {
    let total = 0;
    for (const sheet of this.sheetList) total += sheet.maxRows * sheet.maxColumns;
    return total;
  }

  /** Refuses a change that would take the spreadsheet past 10 million cells, with Sheets' message. */
  private assertCellBudget(added: number): void {
    if (added > 0 && this.cellCount() + added > MAX_SPREADSHEET_CELLS) throw new Error(TOO_MANY_CELLS);
  }

  private shiftEverything(sheetName: string, axis: "row" | "column", after: number, count: number): void {
    const same = (n: string | undefined): boolean => n !== undefined && n.toLowerCase() === sheetName.toLowerCase();
    const shiftRect = (rect: GridRect): GridRect => {
      const start = axis === "row" ? rect.row : rect.column;
      const size = axis === "row" ? rect.numRows : rect.numColumns;
      const end = start + size - 1;
      const newStart = start > after ? start + count : start;
      const newEnd = end > after ? end + count : end;
      return axis === "row" ? { ...rect, row: newStart, numRows: newEnd - newStart + 1 } : { ...rect, column: newStart, numColumns: newEnd - newStart + 1 };
    };
    const shiftEnd = (end: ReferenceEnd): ReferenceEnd => {
      const v = axis === "row" ? end.row : end.column;
      if (v === undefined || v <= after) return end;
      return axis === "row" ? { ...end, row: v + count } : { ...end, column: v + count };
    };
    // Formulas that refer to the sheet are rewritten, and set again in the formula engine after it
    // has moved its own cells (HyperFormula's addRows/addColumns): a rebuild would re-evaluate
    // every formula of the workbook, this re-evaluates only what depends on the sheet.
    const resets: { sheet: SheetModel; row: number; column: number }[] = [];
    for (const s of this.sheetList) {
      for (const key of s.formulaCells) {
        const row = keyRow(key);
        const column = keyColumn(key);
        const cell = s.cell(row, column);
        if (cell?.formula === undefined) continue;
        let refersToSheet = false;
        cell.formula = rewriteReferences(cell.formula, (ref: FormulaReference) => {
          const target = ref.sheetName ?? s.name;
          if (!same(target)) return undefined;
          refersToSheet = true;
          return { ...ref, start: shiftEnd(ref.start), end: ref.end ? shiftEnd(ref.end) : undefined };
        });
        if (refersToSheet) resets.push({ sheet: s, row, column });
      }
      s.conditionalRules = s.conditionalRules.map((rule) => ({ ...rule, ranges: rule.ranges.map((r) => (same(r.sheetName) ? { ...r, rect: shiftRect(r.rect) } : r)) }));
      s.charts = s.charts.map((chart) => ({ ...chart, ranges: chart.ranges.map((r) => (same(r.sheetName) ? { ...r, rect: shiftRect(r.rect) } : r)) }));
    }
    this.mapValidationSources(
      sheetName,
      (source) => (same(source.sheetName) ? { ...source, rect: shiftRect(source.rect) } : source),
      (rect) => (axis === "row" ? rect.row + rect.numRows - 1 : rect.column + rect.numColumns - 1) > after,
    );
    for (const p of this.protections) {
      if (!same(p.sheetName)) continue;
      if (p.rect) p.rect = shiftRect(p.rect);
      p.unprotected = p.unprotected.map(shiftRect);
    }
    const movedNames: NamedRangeData[] = [];
    for (const [key, named] of this.named) {
      if (!same(named.target.sheetName)) continue;
      const rect = shiftRect(named.target.rect);
      if (rect.row === named.target.rect.row && rect.column === named.target.rect.column && rect.numRows === named.target.rect.numRows && rect.numColumns === named.target.rect.numColumns) continue;
      const moved = { ...named, target: { ...named.target, rect } };
      this.named.set(key, moved);
      movedNames.push(moved);
    }
    const engine = this.engineInstance;
    const sheet = this.sheet(sheetName);
    if (!engine || !sheet) return;
    engine.insertLines(sheet, axis, after, count);
    for (const named of movedNames) engine.setNamedRange(named.name, named);
    for (const at of resets) engine.setCell(at.sheet, at.row, at.column);
  }

  /**
   * The source ranges of the VALUE_IN_RANGE validations, by source sheet (lower-cased): found by one
   * visit of every cell, kept until a cell's validation may have changed (`updateCells`) or a source
   * moved (`mapValidationSources`). Rows inserted below every dropdown's source (the usual append
   * to Requests, Approvals or Audit) then move no validation without visiting every cell of the
   * workbook each time.
   */
  private rangeSources: Map<string, GridRect[]> | null = null;

  private validationSources(): Map<string, GridRect[]> {
    if (!this.rangeSources) {
      const sources = new Map<string, GridRect[]>();
      const seen = new Set<DataValidationRule>();
      for (const s of this.sheetList) {
        s.forEachCell((_r, _c, cell) => {
          const rule = cell.validation;
          if (!rule || rule.criteria !== "VALUE_IN_RANGE" || seen.has(rule)) return;
          seen.add(rule);
          const source = rule.values[0];
          if (typeof source !== "object" || source === null || !("sheetName" in source)) return;
          const key = source.sheetName.toLowerCase();
          sources.set(key, [...(sources.get(key) ?? []), source.rect]);
        });
      }
      this.rangeSources = sources;
    }
    return this.rangeSources;
  }

  /**
   * Rewrites the source ranges of VALUE_IN_RANGE validations that read from `sheetName` (rename,
   * insertions, deletions); `moves` says whether a source rectangle there changes at all.
   */
  private mapValidationSources(sheetName: string, map: (source: SheetRect) => SheetRect, moves: (rect: GridRect) => boolean = () => true): void {
    if (!(this.validationSources().get(sheetName.toLowerCase()) ?? []).some(moves)) return;
    this.rangeSources = null;
    const replaced = new Map<DataValidationRule, DataValidationRule>();
    for (const s of this.sheetList) {
      s.forEachCell((_r, _c, cell) => {
        const rule = cell.validation;
        if (!rule || rule.criteria !== "VALUE_IN_RANGE") return;
        let next = replaced.get(rule);
        if (!next) {
          const source = rule.values[0];
          next = typeof source === "object" && source !== null && "sheetName" in source ? { ...rule, values: [map(source), ...rule.values.slice(1)] } : rule;
          replaced.set(rule, next);
        }
        cell.validation = next;
      });
    }
  }

  // ---------------------------------------------------------------- named ranges

  namedRanges(): NamedRangeData[] {
    return [...this.named.values()];
  }

  namedRange(name: string): NamedRangeData | undefined {
    return this.named.get(name.toLowerCase());
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setNamedRange(String,Range) */
  setNamedRange(name: string, target: SheetRect): void {
    const valid = /^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) && !/^(true|false)$/i.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
    if (!valid) throw new Error(`The name "${name}" is not a valid named range name.`);
    const data = { name, target };
    this.named.set(name.toLowerCase(), data);
    this.engineInstance?.setNamedRange(name, data);
  }

  removeNamedRange(name: string): void {
    const existing = this.named.get(name.toLowerCase());
    if (!existing) throw new Error(`The named range "${name}" does not exist.`);
    this.named.delete(name.toLowerCase());
    this.engineInstance?.setNamedRange(existing.name, undefined);
  }

  // ---------------------------------------------------------------- protections

  addProtection(data: Omit<ProtectionData, "id">): ProtectionData {
    const p: ProtectionData = { ...data, id: this.nextProtectionId++ };
    this.protections.push(p);
    return p;
  }

  /** Puts back a saved protection with its id; later protections get ids after every id seen. */
  restoreProtection(data: ProtectionData): ProtectionData {
    const p: ProtectionData = { ...data };
    this.protections.push(p);
    this.nextProtectionId = Math.max(this.nextProtectionId, p.id + 1);
    return p;
  }

  /** The ids the next inserted sheet and the next protection get (kept by a saved workbook). */
  get nextIds(): { readonly sheetId: number; readonly protectionId: number } {
    return { sheetId: this.nextSheetId, protectionId: this.nextProtectionId };
  }

  removeProtection(p: ProtectionData): void {
    const at = this.protections.indexOf(p);
    if (at >= 0) this.protections.splice(at, 1);
  }

  /** Editors of a protection: the spreadsheet's editors until a script changes the list; the owner always. */
  protectionEditors(p: ProtectionData): string[] {
    const list = p.editors ?? [this.owner, ...this.editors];
    return list.includes(this.owner) ? [...list] : [this.owner, ...list];
  }

  /** May `email` edit under this protection (ignoring warning-only)? https://developers.google.com/apps-script/reference/spreadsheet/protection#canEdit() */
  canEditProtection(p: ProtectionData, email: string): boolean {
    const lower = email.toLowerCase();
    if (lower === this.owner.toLowerCase()) return true;
    if (p.domainEdit) {
      const domain = (s: string): string => s.slice(s.indexOf("@") + 1).toLowerCase();
      if (domain(lower) === domain(this.owner)) return true;
    }
    return this.protectionEditors(p).some((e) => e.toLowerCase() === lower);
  }

  /** The cells a range protection covers now: an open-ended one runs to the sheet's current last row / column. */
  protectedRect(p: ProtectionData, sheet: SheetModel): GridRect | undefined {
    const rect = p.rect;
    if (!rect || !p.openEnd) return rect;
    return {
      ...rect,
      numRows: p.openEnd.rows ? Math.max(rect.numRows, sheet.maxRows - rect.row + 1) : rect.numRows,
      numColumns: p.openEnd.columns ? Math.max(rect.numColumns, sheet.maxColumns - rect.column + 1) : rect.numColumns,
    };
  }

  /** Protections covering any cell of the rectangle (a sheet protection minus its unprotected ranges). */
  protectionsOver(sheet: SheetModel, rect: GridRect): ProtectionData[] {
    const lower = sheet.name.toLowerCase();
    return this.protections.filter((p) => {
      if (p.sheetName.toLowerCase() !== lower) return false;
      if (p.type === "RANGE") {
        const covered = this.protectedRect(p, sheet);
        return covered !== undefined && intersects(covered, rect);
      }
      return !p.unprotected.some((u) => contains(u, rect));
    });
  }

  /** Throws Sheets' protection error when `email` may not write to the rectangle (warning-only lets scripts through). */
  assertCanEdit(email: string, sheet: SheetModel, rect: GridRect): void {
    for (const p of this.protectionsOver(sheet, rect)) {
      if (!p.warningOnly && !this.canEditProtection(p, email)) throw new Error(PROTECTED_MESSAGE);
    }
  }

  // ---------------------------------------------------------------- user edits

  /**
   * A person types `value` into `a1` on `sheetName` (as the Sheets UI would, not a script): refused
   * with EditRejectedError when a protection covers the cells and `userEmail` is not an editor
   * (unless warning-only), or when a validation that does not allow invalid input rejects it.
   * Returns the old and new value for the host's onEdit event.
   */
  userEdit(sheetName: string, a1: string, value: unknown, userEmail: string): UserEditResult {
    const sheet = this.requireSheet(sheetName);
    const rect = resolveA1(parseA1(a1), sheet.maxRows, sheet.maxColumns);
    let warned = false;
    for (const p of this.protectionsOver(sheet, rect)) {
      if (this.canEditProtection(p, userEmail)) continue;
      if (p.warningOnly) warned = true;
      else throw new EditRejectedError(PROTECTED_MESSAGE);
    }
    const oldValue = this.cellValue(sheet, rect.row, rect.column);
    const oldDisplay = this.readDisplayValues(sheet, { ...rect, numRows: 1, numColumns: 1 })[0]?.[0] ?? "";
    const before = new Map<string, Cell | undefined>();
    for (let r = 0; r < rect.numRows; r++) {
      for (let c = 0; c < rect.numColumns; c++) {
        const cell = sheet.cell(rect.row + r, rect.column + c);
        before.set(`${r}:${c}`, cell ? { ...cell } : undefined);
      }
    }
    const grid = Array.from({ length: rect.numRows }, () => Array.from({ length: rect.numColumns }, () => value));
    this.writeValues(sheet, rect, grid);
    for (let r = 0; r < rect.numRows; r++) {
      for (let c = 0; c < rect.numColumns; c++) {
        const cell = sheet.cell(rect.row + r, rect.column + c);
        const rule = cell?.validation;
        if (!rule || rule.allowInvalid) continue;
        const now = this.cellValue(sheet, rect.row + r, rect.column + c);
        const accepted = ruleAccepts(
          rule,
          now,
          (v) => displayText(isDate(v) ? serialOfInstant(v.getTime(), this.timeZone) : v, cell?.format),
          (source) => {
            const s = this.sheet(source.sheetName);
            return s ? this.readDisplayValues(s, source.rect).flat() : [];
          },
        );
        if (!accepted) {
          this.restore(sheet, rect, before);
          throw new EditRejectedError(rejectionMessage(rule));
        }
      }
    }
    return {
      sheetName: sheet.name,
      rect,
      oldValue,
      value: this.cellValue(sheet, rect.row, rect.column),
      oldDisplay,
      display: this.readDisplayValues(sheet, { ...rect, numRows: 1, numColumns: 1 })[0]?.[0] ?? "",
      warned,
      user: userEmail,
    };
  }

  private restore(sheet: SheetModel, rect: GridRect, before: Map<string, Cell | undefined>): void {
    for (let r = 0; r < rect.numRows; r++) {
      for (let c = 0; c < rect.numColumns; c++) {
        const row = rect.row + r;
        const column = rect.column + c;
        const saved = before.get(`${r}:${c}`);
        const cell = sheet.ensureCell(row, column);
        this.clearContent(sheet, row, column, cell);
        if (saved?.formula !== undefined) this.setFormula(sheet, row, column, cell, saved.formula);
        else if (saved?.value !== undefined) cell.value = saved.value;
        if (saved?.format !== undefined) cell.format = saved.format;
        else delete cell.format;
        sheet.prune(row, column);
      }
    }
    this.mirror(sheet, rect);
  }
}
