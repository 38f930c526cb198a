/**
 * The formula engine of the local spreadsheet: HyperFormula 3.5 (licence key "gpl-v3") mirrors the
 * workbook's cells and evaluates every formula; the bundle's top-level functions are registered as
 * custom functions the way Sheets exposes them
 * (https://developers.google.com/apps-script/guides/sheets/functions):
 *
 * - arguments arrive as Sheets hands them over: a range as a 2D array (rows × columns), one cell as
 *   its value, a blank as `""`, a date-formatted cell as a Date, numbers and booleans as they are;
 * - a 2D result spills into the neighbouring cells; a blocked spill shows `#REF!` ("Array result was
 *   not expanded because it would overwrite data in …") and spills again once the cells are cleared;
 * - a thrown error shows `#ERROR!` with its message; a returned Date becomes a date cell.
 *
 * HyperFormula must know a result's size before it evaluates: the size method answers from the
 * shape the function last returned at that cell (first guess: the tallest range argument, one
 * column); when an evaluation returns another shape the formula is set again and re-evaluated.
 * Open-ended ranges (`B2:B`, `B:B`) are handed to HyperFormula made concrete up to the sheet's last
 * row. Evaluation is suspended while cells are written and resumes when a computed value is read.
 * The engine is built in bulk from the constants (formulas set afterwards, still suspended) and kept
 * across row and column insertions, since a rebuild re-evaluates every formula of the workbook.
 */
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ConfigParams, FunctionPluginDefinition, RawCellContent, SimpleCellAddress } from "hyperformula";
import { isDate } from "../emulation";
import { columnLetters, quoteSheetName } from "./a1";
import type { Cell, NamedRangeData } from "./cells";
import { listReferences, rewriteReferences, type FormulaReference } from "./formulaText";
import { asText, isDateFormat } from "./numberFormat";
import { keyColumn, keyRow, type SheetModel } from "./sheetModel";
import { instantOfSerial, serialOfInstant, wallOfSerial } from "./zoneCache";

/** The bundle's top-level functions, realm-aware: host values in, host values out. */
export type CustomFunctionMap = Readonly<Record<string, (...args: unknown[]) => unknown>>;

/** A computed error: the code Sheets shows and the message it gives on hover. */
export interface EngineError {
  readonly error: string;
  readonly message: string;
}

export type EngineValue = number | string | boolean | null | EngineError;

/** What the engine reads from the workbook. */
export interface EngineBook {
  sheets(): readonly SheetModel[];
  sheet(name: string): SheetModel | undefined;
  namedRanges(): readonly NamedRangeData[];
  timeZone(): string;
  /** The host's clock (epoch ms): NOW() and TODAY() read it in the spreadsheet's time zone. */
  now(): number;
}

/** Marks a date constant for HyperFormula's date parser (see parseDateTime below). */
const DATE_MARK = "\u0001";

/** The largest sheet HyperFormula accepts here: Sheets allows 10 million cells. */
const HF_MAX_ROWS = 10_000_000;

function errorCode(type: string, fallback: string): string {
  switch (type) {
    case "SPILL":
    case "CYCLE":
      return "#REF!";
    case "LIC":
      return "#ERROR!";
    default:
      return fallback;
  }
}

/** Names HyperFormula can parse as a function: letters, digits, `_` and `.`. */
function isCallableName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !name.endsWith("_");
}

interface Shape {
  readonly width: number;
  readonly height: number;
}

/** The parts of HyperFormula's AST and interpreter state this file reads. */
interface AstNode {
  readonly type: string;
  readonly procedureName?: string;
  readonly args?: readonly AstNode[];
  readonly reference?: { toSimpleCellAddress(base: SimpleCellAddress): SimpleCellAddress };
}

interface EvalState {
  readonly formulaAddress: SimpleCellAddress;
  readonly formulaVertex?: unknown;
}

interface RichNumberLike {
  readonly val: number;
  getDetailedType(): string;
}

function isRichNumber(value: unknown): value is RichNumberLike {
  return typeof value === "object" && value !== null && "val" in value && typeof (value as { getDetailedType?: unknown }).getDetailedType === "function";
}

/** How Sheets spells each error when a custom function receives it inside a range. */
const ERROR_TEXT: Readonly<Record<string, string>> = {
  DIV_BY_ZERO: "#DIV/0!",
  NA: "#N/A",
  NAME: "#NAME?",
  NUM: "#NUM!",
  REF: "#REF!",
  VALUE: "#VALUE!",
  ERROR: "#ERROR!",
  CYCLE: "#REF!",
  SPILL: "#REF!",
  LIC: "#ERROR!",
};

const DATE_TYPES = new Set(["NUMBER_DATE", "NUMBER_DATETIME", "NUMBER_TIME"]);

/** Why `date marker` text parses: HyperFormula asks the config for dates in strings it cannot read as numbers. */
function parseDateTime(text: string): { year: number; month: number; day: number } | { hours: number; minutes: number; seconds: number } | undefined {
  if (text.startsWith(DATE_MARK)) {
    const serial = Number(text.slice(1));
    if (!Number.isFinite(serial)) return undefined;
    const w = wallOfSerial(serial);
    const time = { hours: w.hour, minutes: w.minute, seconds: w.second + w.millisecond / 1000 };
    if (serial < 1 && serial >= 0) return time;
    const hasTime = w.hour !== 0 || w.minute !== 0 || w.second !== 0 || w.millisecond !== 0;
    return hasTime ? { year: w.year, month: w.month, day: w.day, ...time } : { year: w.year, month: w.month, day: w.day };
  }
  // Text dates in formulas (DATEVALUE("2024-01-15"), "2024-01-15"+1): ISO and year-first slashes.
  // Most text HyperFormula asks about (every string a criterion meets) starts with no digit at all.
  const first = text.trimStart().charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return undefined;
  const m = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return m[4] !== undefined ? { ...date, hours: Number(m[4]), minutes: Number(m[5]), seconds: Number(m[6] ?? 0) } : date;
}

export class FormulaEngine {
  private readonly book: EngineBook;
  private readonly hf: HyperFormula;
  private readonly custom: Map<string, (...args: unknown[]) => unknown>;
  /** Last shape each custom-function anchor returned, by `sheetId:row:col` (HyperFormula ids, 0-based). */
  private readonly shapes = new Map<string, Shape>();
  /** Anchors whose result came back in another shape than declared: set again after evaluation. */
  private readonly reshape = new Map<string, SimpleCellAddress>();
  /** Sheets written since the last flush: their blocked spills get another chance. */
  private readonly touched = new Set<string>();
  private dirty = true;
  private evaluatingDepth = 0;

  constructor(book: EngineBook, customFunctions: CustomFunctionMap) {
    this.book = book;
    this.custom = new Map();
    const builtIn = new Set(HyperFormula.getRegisteredFunctionNames("enGB"));
    for (const [name, fn] of Object.entries(customFunctions)) {
      const id = name.toUpperCase();
      if (typeof fn === "function" && isCallableName(name) && !builtIn.has(id) && !this.custom.has(id)) this.custom.set(id, fn);
    }
    const config: Partial<ConfigParams> = {
      licenseKey: "gpl-v3",
      maxRows: HF_MAX_ROWS,
      undoLimit: 0,
      smartRounding: false,
      useArrayArithmetic: false,
      evaluateNullToZero: false,
      currencySymbol: ["$", "¥", "€", "£"],
      parseDateTime,
      // parseDateTime ignores the format HyperFormula names, so one of each asks it once per string
      // instead of once per pair (the names only label results, which nothing here reads).
      dateFormats: ["YYYY-MM-DD"],
      timeFormats: ["hh:mm:ss"],
    };
    if (this.custom.size > 0) {
      // Function names must be translated in the language to be callable; an identity translation
      // is harmless for engines that do not register the function (they answer #NAME?).
      HyperFormula.getLanguage("enGB").extendFunctions(Object.fromEntries([...this.custom.keys()].map((k) => [k, k])));
    }
    // Last in the list, so its NOW and TODAY (on the host's clock) replace HyperFormula's.
    config.functionPlugins = [...HyperFormula.getAllFunctionPlugins(), this.customPlugin()];
    // Constants go in through HyperFormula's bulk builder (no change tracking, blanks skipped): a
    // workbook of formatted but empty template rows builds in milliseconds instead of a second.
    // Formulas are set afterwards with evaluation suspended, exactly as a script's later write
    // would set them, so custom functions first run when a computed value is read.
    const constants = Object.create(null) as Record<string, RawCellContent[][]>;
    const formulaRuns: { sheet: SheetModel; row: number; column: number; formulas: string[] }[] = [];
    for (const sheet of book.sheets()) {
      const content: RawCellContent[][] = [];
      sheet.rows.forEach((row, r) => {
        if (!row) return;
        let out: RawCellContent[] | undefined;
        let run: (typeof formulaRuns)[number] | undefined;
        row.forEach((cell, c) => {
          if (cell?.formula !== undefined) {
            const formula = this.engineFormula(cell.formula, sheet);
            if (run && run.column + run.formulas.length === c + 1) run.formulas.push(formula);
            else {
              run = { sheet, row: r + 1, column: c + 1, formulas: [formula] };
              formulaRuns.push(run);
            }
            return;
          }
          const value = this.contentOf(sheet, cell);
          if (value === null) return;
          out ??= [];
          while (out.length < c) out.push(null);
          out[c] = value;
        });
        if (out) content[r] = out;
      });
      for (let r = 0; r < content.length; r++) content[r] ??= [];
      constants[sheet.name] = content;
      this.touched.add(sheet.name);
    }
    this.hf = HyperFormula.buildFromSheets(constants, config);
    this.hf.suspendEvaluation();
    for (const named of book.namedRanges()) this.setNamedRange(named.name, named);
    for (const run of formulaRuns) {
      this.hf.setCellContents({ sheet: this.sheetId(run.sheet.name), row: run.row - 1, col: run.column - 1 }, [run.formulas]);
    }
  }

  /** True while HyperFormula is evaluating (custom functions are running). */
  get evaluating(): boolean {
    return this.evaluatingDepth > 0;
  }

  dispose(): void {
    this.hf.destroy();
  }

  private sheetId(name: string): number {
    const id = this.hf.getSheetId(name);
    if (id === undefined) throw new Error(`formula engine has no sheet "${name}"`);
    return id;
  }

  private suspend(): void {
    if (!this.hf.isEvaluationSuspended()) this.hf.suspendEvaluation();
    this.dirty = true;
  }

  /** The text HyperFormula gets for a Sheets formula: open ranges closed at the sheet's edge. */
  engineFormula(formula: string, sheet: SheetModel): string {
    return rewriteReferences(formula, (ref) => {
      const target = ref.sheetName !== undefined ? this.book.sheet(ref.sheetName) : sheet;
      if (!target) return undefined;
      const openRows = ref.end !== undefined && (ref.start.row === undefined || ref.end.row === undefined);
      const openCols = ref.end !== undefined && (ref.start.column === undefined || ref.end.column === undefined);
      if (!openRows && !openCols || !ref.end) return undefined;
      const start = { ...ref.start, row: ref.start.row ?? 1, column: ref.start.column ?? 1 };
      const end = { ...ref.end, row: ref.end.row ?? target.maxRows, column: ref.end.column ?? target.maxColumns };
      return { ...ref, start, end };
    });
  }

  /** What HyperFormula stores for a model cell: strings quoted so it never re-types them. */
  private contentOf(sheet: SheetModel, cell: Cell | undefined): RawCellContent {
    if (!cell) return null;
    if (cell.formula !== undefined) return this.engineFormula(cell.formula, sheet);
    const v = cell.value;
    if (v === undefined || v === "") return null;
    if (typeof v === "string") return `'${v}`;
    if (typeof v === "number" && isDateFormat(cell.format) && v > -650000 && v < 2958466) return `${DATE_MARK}${v}`;
    return v;
  }

  /** Mirrors one model cell (1-based address) into the engine. */
  setCell(sheet: SheetModel, row: number, column: number): void {
    this.suspend();
    this.touched.add(sheet.name);
    this.hf.setCellContents({ sheet: this.sheetId(sheet.name), row: row - 1, col: column - 1 }, [[this.contentOf(sheet, sheet.cell(row, column))]]);
  }

  /** Mirrors a block of model cells (1-based top-left corner). */
  setBlock(sheet: SheetModel, row: number, column: number, numRows: number, numColumns: number): void {
    this.suspend();
    this.touched.add(sheet.name);
    const block: RawCellContent[][] = [];
    for (let r = 0; r < numRows; r++) {
      const line: RawCellContent[] = [];
      for (let c = 0; c < numColumns; c++) line.push(this.contentOf(sheet, sheet.cell(row + r, column + c)));
      block.push(line);
    }
    this.hf.setCellContents({ sheet: this.sheetId(sheet.name), row: row - 1, col: column - 1 }, block);
  }

  /** Parsed references by formula text: a sheet grown one appendRow at a time asks for the same formulas again and again. */
  private readonly parsedReferences = new Map<string, FormulaReference[]>();

  private referencesOf(formula: string): FormulaReference[] {
    let refs = this.parsedReferences.get(formula);
    if (!refs) {
      refs = listReferences(formula);
      if (this.parsedReferences.size > 50_000) this.parsedReferences.clear();
      this.parsedReferences.set(formula, refs);
    }
    return refs;
  }

  /** Sheets grown since the last flush (lower-case names), whose open-range formulas are set again then. */
  private readonly resized = new Set<string>();

  /**
   * After a sheet grew (appendRow past its last row): formulas with open ranges on it (`B2:B`) were
   * given to HyperFormula closed at the old edge, so they are set again, once, when evaluation next
   * resumes (a sheet grown one appendRow at a time would otherwise set them again per row).
   */
  sheetResized(resized: SheetModel): void {
    this.suspend();
    this.resized.add(resized.name.toLowerCase());
  }

  private resetOpenFormulas(): void {
    if (this.resized.size === 0) return;
    const grown = new Set(this.resized);
    this.resized.clear();
    for (const sheet of this.book.sheets()) {
      for (const key of sheet.formulaCells) {
        const formula = sheet.cell(keyRow(key), keyColumn(key))?.formula;
        if (formula === undefined) continue;
        const open = this.referencesOf(formula).some(
          (ref) => grown.has((ref.sheetName ?? sheet.name).toLowerCase()) && ref.end !== undefined && (ref.end.row === undefined || ref.end.column === undefined || ref.start.row === undefined || ref.start.column === undefined),
        );
        if (open) this.setCell(sheet, keyRow(key), keyColumn(key));
      }
    }
  }

  /**
   * Rows (or columns) were inserted after `after` (1-based) on `sheet`: HyperFormula moves its cells
   * and arrays the same way, and the shapes remembered for anchors below move with them. The
   * caller then sets again every formula that refers to the sheet (their text is the model's).
   */
  insertLines(sheet: SheetModel, axis: "row" | "column", after: number, count: number): void {
    this.suspend();
    this.touched.add(sheet.name);
    const id = this.sheetId(sheet.name);
    // HyperFormula cannot move an array result the insertion cuts through: take those arrays out
    // first and set their anchors (which stay where they are) again afterwards.
    const cut: SimpleCellAddress[] = [];
    for (const vertex of this.hf.arrayMapping.arrayMapping.values()) {
      const range = vertex.getRangeOrUndef();
      if (!range || range.start.sheet !== id) continue;
      const first = axis === "row" ? range.start.row : range.start.col;
      const last = axis === "row" ? range.end.row : range.end.col;
      if (first < after && last >= after) cut.push({ sheet: id, row: range.start.row, col: range.start.col });
    }
    for (const at of cut) this.hf.setCellContents(at, [[null]]);
    if (axis === "row") this.hf.addRows(id, [after, count]);
    else this.hf.addColumns(id, [after, count]);
    for (const at of cut) this.reset(at);
    const moved: [string, Shape][] = [];
    for (const [key, shape] of this.shapes) {
      const [sheetPart, rowPart, colPart] = key.split(":").map(Number);
      if (sheetPart !== id || rowPart === undefined || colPart === undefined) continue;
      if (axis === "row" ? rowPart < after : colPart < after) continue;
      this.shapes.delete(key);
      moved.push([axis === "row" ? `${id}:${rowPart + count}:${colPart}` : `${id}:${rowPart}:${colPart + count}`, shape]);
    }
    for (const [key, shape] of moved) this.shapes.set(key, shape);
  }

  /** Removes rows `start` … `start + count - 1` (1-based) from the engine's sheet; arrays the removal cuts through are set again. */
  removeRows(sheet: SheetModel, start: number, count: number): void {
    this.suspend();
    this.touched.add(sheet.name);
    const id = this.sheetId(sheet.name);
    const first0 = start - 1;
    const last0 = first0 + count - 1;
    const cut: SimpleCellAddress[] = [];
    for (const vertex of this.hf.arrayMapping.arrayMapping.values()) {
      const range = vertex.getRangeOrUndef();
      if (!range || range.start.sheet !== id) continue;
      if (range.start.row <= last0 && range.end.row >= first0) cut.push({ sheet: id, row: range.start.row, col: range.start.col });
    }
    for (const at of cut) this.hf.setCellContents(at, [[null]]);
    this.hf.removeRows(id, [first0, count]);
    for (const at of cut) {
      if (at.row < first0) this.reset(at);
      else if (at.row > last0) this.reset({ ...at, row: at.row - count });
    }
    const moved: [string, Shape][] = [];
    for (const [key, shape] of this.shapes) {
      const [sheetPart, rowPart, colPart] = key.split(":").map(Number);
      if (sheetPart !== id || rowPart === undefined || colPart === undefined || rowPart < first0) continue;
      this.shapes.delete(key);
      if (rowPart > last0) moved.push([`${id}:${rowPart - count}:${colPart}`, shape]);
    }
    for (const [key, shape] of moved) this.shapes.set(key, shape);
  }

  addSheet(name: string): void {
    this.suspend();
    this.hf.addSheet(name);
  }

  removeSheet(name: string): void {
    this.suspend();
    this.hf.removeSheet(this.sheetId(name));
  }

  renameSheet(from: string, to: string): void {
    this.suspend();
    this.hf.renameSheet(this.sheetId(from), to);
    this.touched.add(to);
  }

  /** Adds, replaces or (with `undefined`) removes a named range as a HyperFormula named expression. */
  setNamedRange(name: string, named: NamedRangeData | undefined): void {
    this.suspend();
    if (this.hf.getNamedExpression(name)) this.hf.removeNamedExpression(name);
    if (!named) return;
    const sheet = this.book.sheet(named.target.sheetName);
    if (!sheet) return;
    const r = named.target.rect;
    const a1 = `$${columnLetters(r.column)}$${r.row}:$${columnLetters(r.column + r.numColumns - 1)}$${r.row + r.numRows - 1}`;
    const expression = `=${quoteSheetName(sheet.name)}!${a1}`;
    if (this.hf.isItPossibleToAddNamedExpression(name, expression)) this.hf.addNamedExpression(name, expression);
  }

  /** Evaluates what was written since the last read, settles result shapes and retries blocked spills. */
  flush(): void {
    if (!this.dirty || this.evaluating) return;
    this.resetOpenFormulas();
    this.resume();
    for (let round = 0; round < 3 && this.reshape.size > 0; round++) {
      const anchors = [...this.reshape.values()];
      this.reshape.clear();
      this.hf.suspendEvaluation();
      for (const at of anchors) this.reset(at);
      this.resume();
    }
    this.respill();
    this.dirty = false;
  }

  private resume(): void {
    if (!this.hf.isEvaluationSuspended()) return;
    this.evaluatingDepth++;
    try {
      this.hf.resumeEvaluation();
    } finally {
      this.evaluatingDepth--;
    }
  }

  private reset(at: SimpleCellAddress): void {
    const name = this.hf.getSheetName(at.sheet);
    const sheet = name !== undefined ? this.book.sheet(name) : undefined;
    const formula = sheet?.cell(at.row + 1, at.col + 1)?.formula;
    if (sheet && formula !== undefined) this.hf.setCellContents(at, [[this.engineFormula(formula, sheet)]]);
  }

  /** A blocked spill does not re-spill by itself once its cells are cleared: set it again. */
  private respill(): void {
    const blocked: SimpleCellAddress[] = [];
    for (const name of this.touched) {
      const sheet = this.book.sheet(name);
      const id = this.hf.getSheetId(name);
      if (!sheet || id === undefined) continue;
      for (const key of sheet.formulaCells) {
        const at = { sheet: id, row: keyRow(key) - 1, col: keyColumn(key) - 1 };
        const v = this.hf.getCellValue(at);
        if (v instanceof DetailedCellError && v.type === ErrorType.SPILL) blocked.push(at);
      }
    }
    this.touched.clear();
    if (blocked.length === 0) return;
    // A custom function blocked by its first-guess size (the tallest range argument) has not run
    // yet: Sheets runs it and fills only the size it returns, so a single value never spills. Try
    // one cell; a larger result reshapes it below (and is blocked again only if it really is).
    for (const at of blocked) {
      const key = `${at.sheet}:${at.row}:${at.col}`;
      if (!this.shapes.has(key)) this.shapes.set(key, { width: 1, height: 1 });
    }
    this.hf.suspendEvaluation();
    for (const at of blocked) this.reset(at);
    this.resume();
    if (this.reshape.size === 0) return;
    const anchors = [...this.reshape.values()];
    this.reshape.clear();
    this.hf.suspendEvaluation();
    for (const at of anchors) this.reset(at);
    this.resume();
  }

  /** The computed value of a cell (1-based) and whether the engine types it as a date or time. */
  value(sheet: SheetModel, row: number, column: number): { value: EngineValue; isDate: boolean } {
    this.flush();
    const id = this.hf.getSheetId(sheet.name);
    if (id === undefined) return { value: null, isDate: false };
    const at = { sheet: id, row: row - 1, col: column - 1 };
    const v = this.hf.getCellValue(at);
    if (v instanceof DetailedCellError) {
      let message = v.message;
      if (v.type === ErrorType.SPILL) message = this.spillMessage(sheet, at);
      else if (v.type === ErrorType.CYCLE) message = "Circular dependency detected. To resolve with iterative calculation, see File > Settings.";
      return { value: { error: errorCode(v.type, v.value), message }, isDate: false };
    }
    if (typeof v === "number") return { value: v, isDate: DATE_TYPES.has(this.hf.getCellValueDetailedType(at)) };
    return { value: v, isDate: false };
  }

  private spillMessage(sheet: SheetModel, at: SimpleCellAddress): string {
    const shape = this.shapes.get(`${at.sheet}:${at.row}:${at.col}`);
    if (shape) {
      for (let r = 0; r < shape.height; r++) {
        for (let c = 0; c < shape.width; c++) {
          if (r === 0 && c === 0) continue;
          const cell = sheet.cell(at.row + r + 1, at.col + c + 1);
          if (cell && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== ""))) {
            return `Array result was not expanded because it would overwrite data in ${columnLetters(at.col + c + 1)}${at.row + r + 1}.`;
          }
        }
      }
    }
    return "Array result was not expanded because it would overwrite data.";
  }

  /** Cells (1-based, inclusive) covered by spilled array results on a sheet, anchors included. */
  spillAreas(sheet: SheetModel): { row: number; column: number; lastRow: number; lastColumn: number }[] {
    this.flush();
    const id = this.hf.getSheetId(sheet.name);
    const areas: { row: number; column: number; lastRow: number; lastColumn: number }[] = [];
    if (id === undefined) return areas;
    for (const vertex of this.hf.arrayMapping.arrayMapping.values()) {
      const range = vertex.getRangeOrUndef();
      if (!range || range.start.sheet !== id) continue;
      const v = this.hf.getCellValue(range.start);
      if (v instanceof DetailedCellError) continue;
      areas.push({ row: range.start.row + 1, column: range.start.col + 1, lastRow: range.end.row + 1, lastColumn: range.end.col + 1 });
    }
    return areas;
  }

  /** The raw engine value of a cell without flushing (cells inside spill areas). */
  rawValue(sheet: SheetModel, row: number, column: number): EngineValue {
    const id = this.hf.getSheetId(sheet.name);
    if (id === undefined) return null;
    const v = this.hf.getCellValue({ sheet: id, row: row - 1, col: column - 1 });
    if (v instanceof DetailedCellError) return { error: errorCode(v.type, v.value), message: v.message };
    return v;
  }

  /** Builds the plugin class that exposes this workbook's custom functions to HyperFormula. */
  private customPlugin(): FunctionPluginDefinition {
    return customFunctionPlugin([...this.custom.keys()], {
      function: (id) => this.custom.get(id),
      knownShape: (key) => this.shapes.get(key),
      argumentValue: (value, address) => this.argumentValue(value, address),
      resultValue: (result, ast, state, wrapDate) => this.resultValue(result, ast, state, wrapDate),
      nowSerial: () => serialOfInstant(this.book.now(), this.book.timeZone()),
    });
  }

  /** The model's number format says whether a plain number argument is a date. */
  private formatIsDate(address: SimpleCellAddress | undefined): boolean {
    if (!address) return false;
    const name = this.hf.getSheetName(address.sheet);
    const sheet = name !== undefined ? this.book.sheet(name) : undefined;
    return isDateFormat(sheet?.cell(address.row + 1, address.col + 1)?.format);
  }

  private scalarArgument(value: unknown, address: SimpleCellAddress | undefined): unknown {
    if (value === EmptyValue || value === null || value === undefined) return "";
    if (value instanceof CellError) return ERROR_TEXT[value.type] ?? "#ERROR!";
    if (isRichNumber(value)) {
      if (DATE_TYPES.has(value.getDetailedType()) || this.formatIsDate(address)) return new Date(instantOfSerial(value.val, this.book.timeZone()));
      return value.val;
    }
    if (typeof value === "number" && this.formatIsDate(address)) return new Date(instantOfSerial(value, this.book.timeZone()));
    return value;
  }

  /** A value HyperFormula evaluated for an argument, as Sheets hands it to a custom function. */
  argumentValue(value: unknown, address: SimpleCellAddress | undefined): unknown {
    if (value instanceof SimpleRangeValue) {
      const data = value.data;
      const start = value.range?.start;
      const at = (r: number, c: number): SimpleCellAddress | undefined => (start ? { sheet: start.sheet, row: start.row + r, col: start.col + c } : undefined);
      if (data.length === 1 && data[0]?.length === 1) return this.scalarArgument(data[0][0], at(0, 0));
      return data.map((row, r) => row.map((v, c) => this.scalarArgument(v, at(r, c))));
    }
    return this.scalarArgument(value, address);
  }

  private scalarResult(value: unknown, wrapDate: (serial: number, withTime: boolean) => unknown): unknown {
    if (value === null || value === undefined) return EmptyValue;
    if (typeof value === "number") return Number.isFinite(value) ? value : new CellError(ErrorType.NUM, "Result is not a finite number.");
    if (typeof value === "string" || typeof value === "boolean") return value;
    if (isDate(value)) {
      const serial = serialOfInstant(value.getTime(), this.book.timeZone());
      return wrapDate(serial, serial !== Math.floor(serial));
    }
    return asText(value);
  }

  /** Turns what a custom function returned into a HyperFormula value, spilling 2D arrays. */
  resultValue(result: unknown, ast: AstNode, state: EvalState, wrapDate: (serial: number, withTime: boolean) => unknown): unknown {
    if (!Array.isArray(result)) return this.scalarResult(result, wrapDate);
    const rows = (result as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[]) : [row]));
    if (rows.length === 0) return new CellError(ErrorType.NA, "Result was empty.");
    const width = Math.max(1, ...rows.map((r) => r.length));
    const height = rows.length;
    const a = state.formulaAddress;
    const vertex = state.formulaVertex as { formula?: unknown; width?: number; height?: number } | undefined;
    const topLevel = vertex !== undefined && vertex.formula === ast;
    if (topLevel) {
      const name = this.hf.getSheetName(a.sheet);
      const sheet = name !== undefined ? this.book.sheet(name) : undefined;
      if (sheet && a.row + height > sheet.maxRows) {
        return new CellError(ErrorType.REF, `Result was not automatically expanded, please insert more rows (${a.row + height - sheet.maxRows}).`);
      }
      if (sheet && a.col + width > sheet.maxColumns) {
        return new CellError(ErrorType.REF, `Result was not automatically expanded, please insert more columns (${a.col + width - sheet.maxColumns}).`);
      }
    }
    const expected: Shape = topLevel ? { width: vertex.width ?? 1, height: vertex.height ?? 1 } : { width, height };
    if (topLevel && (expected.width !== width || expected.height !== height)) {
      const key = `${a.sheet}:${a.row}:${a.col}`;
      this.shapes.set(key, { width, height });
      this.reshape.set(key, a);
    } else if (topLevel) {
      this.shapes.set(`${a.sheet}:${a.row}:${a.col}`, { width, height });
    }
    const h = Math.min(height, expected.height);
    const w = Math.min(width, expected.width);
    if (h === 1 && w === 1) return this.scalarResult(rows[0]?.[0], wrapDate);
    const data: unknown[][] = [];
    for (let r = 0; r < h; r++) {
      const line: unknown[] = [];
      for (let c = 0; c < w; c++) line.push(this.scalarResult(rows[r]?.[c], wrapDate));
      data.push(line);
    }
    return SimpleRangeValue.onlyValues(data as Parameters<typeof SimpleRangeValue.onlyValues>[0]);
  }
}

/** What the plugin needs from its engine. */
interface PluginEngine {
  function(id: string): ((...args: unknown[]) => unknown) | undefined;
  knownShape(key: string): Shape | undefined;
  argumentValue(value: unknown, address: SimpleCellAddress | undefined): unknown;
  resultValue(result: unknown, ast: AstNode, state: EvalState, wrapDate: (serial: number, withTime: boolean) => unknown): unknown;
  /** Serial number of the host clock's now in the spreadsheet's zone. */
  nowSerial(): number;
}

/** The HyperFormula plugin class exposing `ids` as functions that call into `engine`. */
function customFunctionPlugin(ids: readonly string[], engine: PluginEngine): FunctionPluginDefinition {
  class CustomFunctions extends FunctionPlugin {
    /** NOW(): the host clock's date and time in the spreadsheet's zone (https://support.google.com/docs/answer/3092981). */
    clockNow(): unknown {
      return (this.returnNumberWrapper as (v: number, t: string) => unknown).call(this, engine.nowSerial(), "NUMBER_DATETIME");
    }

    /** TODAY(): the host clock's date in the spreadsheet's zone (https://support.google.com/docs/answer/3092984). */
    clockToday(): unknown {
      return (this.returnNumberWrapper as (v: number, t: string) => unknown).call(this, Math.floor(engine.nowSerial()), "NUMBER_DATE");
    }

    callCustom(ast: AstNode, state: EvalState): unknown {
      const fn = engine.function(ast.procedureName ?? "");
      if (!fn) return new CellError(ErrorType.NAME, `Unknown function: '${ast.procedureName ?? ""}'.`);
      const evaluate = (node: AstNode): unknown => (this.evaluateAst as (a: unknown, s: unknown) => unknown).call(this, node, state);
      const args: unknown[] = [];
      for (const arg of ast.args ?? []) {
        const value = evaluate(arg);
        if (value instanceof CellError) return value;
        const address = arg.type === "CELL_REFERENCE" && arg.reference ? arg.reference.toSimpleCellAddress(state.formulaAddress) : undefined;
        args.push(engine.argumentValue(value, address));
      }
      let result: unknown;
      try {
        result = fn(...args);
      } catch (e) {
        const message = typeof e === "object" && e !== null && "message" in e ? asText(e.message) : asText(e);
        return new CellError(ErrorType.ERROR, message);
      }
      const wrapDate = (serial: number, withTime: boolean): unknown =>
        (this.returnNumberWrapper as (v: number, t: string) => unknown).call(this, serial, withTime ? "NUMBER_DATETIME" : "NUMBER_DATE");
      return engine.resultValue(result, ast, state, wrapDate);
    }

    sizeOfCustom(ast: AstNode, state: EvalState): ArraySize {
      const a = state.formulaAddress;
      const known = engine.knownShape(`${a.sheet}:${a.row}:${a.col}`);
      if (known) return new ArraySize(known.width, known.height);
      let height = 1;
      for (const arg of ast.args ?? []) {
        const size = (this.arraySizeForAst as (n: unknown, s: unknown) => ArraySize).call(this, arg, state);
        if (Number.isFinite(size.height)) height = Math.max(height, size.height);
      }
      return new ArraySize(1, height);
    }
  }
  const implemented: typeof FunctionPlugin.implementedFunctions = {
    NOW: { method: "clockNow", isVolatile: true, parameters: [] },
    TODAY: { method: "clockToday", isVolatile: true, parameters: [] },
  };
  for (const id of ids) implemented[id] = { method: "callCustom", sizeOfResultArrayMethod: "sizeOfCustom" };
  CustomFunctions.implementedFunctions = implemented;
  return CustomFunctions;
}
