/**
 * Saving the local spreadsheet as .xlsx (exceljs) and loading it back.
 *
 * The .xlsx is what a person opens in LibreOffice or Excel, so it carries what they should see:
 * values, formulas with their computed results cached (exceljs never calculates), dates as dates,
 * number formats, frozen panes, dropdowns and other validations, column widths, notes, tab colours,
 * hidden sheets, styles, conditional formats, named ranges and the protected-sheet flag. Values a
 * custom function spilled are written as plain values next to their anchor formula. A cell that
 * holds nothing but a number format (templates format whole columns) is not written as a cell: the
 * column's usual format becomes the column's style in the file, and the sidecar keeps each cell's.
 * Cells that look alike share one exceljs style object, which exceljs serialises once.
 *
 * What an .xlsx cannot carry, or what exceljs would not read back the same, goes into a JSON sidecar
 * the host keeps next to the file: the spreadsheet's id, time zone, locale, owner and editors; sheet
 * ids and sizes and the next ids to hand out; sheet names Excel does not allow (longer than 31
 * characters, or with `[]:*?/\`); each formula's exact Sheets text (an open range like `B2:B`
 * runs to the file grid's last row in the file, `B2:B1048576`, see fileFormula); which cells are spilled results (so they load back as spill, not as
 * constants); number formats the file shows only for display (a date a formula returned in a cell
 * without a format) or cannot hold (`General`); every note (exceljs drops a note on a cell with no
 * value or style); constants the file would change (carriage returns and control characters in
 * text, `-0`, dates finer than a millisecond); validations, conditional-format rules, named ranges
 * and protections (ids, editors, warning-only, unprotected ranges) exactly, and every embedded
 * chart's specification (type, ranges, anchor, options; the .xlsx holds no chart). Save → load gives the
 * same model, cell for cell; loading without a sidecar reads everything the .xlsx holds and makes
 * reasonable defaults for the rest.
 */
import ExcelJS from "exceljs";
import { columnLetters, columnNumber, quoteSheetName, toA1, type GridRect } from "./a1";
import type { Cell, CellLink, CellStyle, ChartData, ConditionalFormatRuleData, DataValidationRule, ProtectionData, SheetRect } from "./cells";
import type { CustomFunctionMap } from "./engine";
import { rewriteReferences } from "./formulaText";
import { asText, isDateFormat, type Scalar } from "./numberFormat";
import { cellKey, DEFAULT_COLUMN_WIDTH, isEmptyCell, keyColumn, keyRow, type SheetModel } from "./sheetModel";
import { Workbook, type CellValue } from "./workbook";

/** Everything modelled that the .xlsx file cannot hold exactly. JSON-serialisable. */
export interface WorkbookSidecar {
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly owner: string;
  readonly editors: readonly string[];
  /** Shared with the owner's whole domain as editors; absent in sidecars written before it was kept. */
  readonly domainEditable?: boolean;
  readonly activeSheet: string;
  readonly sheets: readonly SheetSidecar[];
  readonly namedRanges: readonly { readonly name: string; readonly target: SheetRect }[];
  /** Protections in order; `id` is absent in sidecars written before ids were kept. */
  readonly protections: readonly (Omit<ProtectionData, "id"> & { readonly id?: number })[];
  /** The ids the next inserted sheet and the next protection get. */
  readonly nextSheetId?: number;
  readonly nextProtectionId?: number;
}

/** A constant the file would not give back as it is: text as a string, a number as its exact spelling (`-0`). */
export type SidecarConstant = { readonly text: string } | { readonly number: string };

export interface SheetSidecar {
  readonly name: string;
  /** The sheet's name in the .xlsx when Excel does not allow the real one. */
  readonly fileName?: string;
  readonly sheetId: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  /** Column widths in pixels, by 1-based column. */
  readonly columnWidths: Readonly<Record<string, number>>;
  /** Hidden columns (1-based, Sheet.hideColumns); absent when none. */
  readonly hiddenColumns?: readonly number[];
  /** Exact Sheets formula text by A1 address. */
  readonly formulas: Readonly<Record<string, string>>;
  /** Areas (A1) whose non-anchor cells hold spilled results, written to the .xlsx as values. */
  readonly spills: readonly string[];
  readonly validations: readonly { readonly rect: GridRect; readonly rule: DataValidationRule }[];
  readonly conditionalRules: readonly ConditionalFormatRuleData[];
  /** Embedded charts (type, ranges, anchor, options): the .xlsx does not carry them. */
  readonly charts?: readonly ChartData[];
  /**
   * Number formats by area (A1) that the file does not give back: cells holding only a format (not
   * written as cells), `General` (exceljs writes it as no format), and `null` where the file shows a
   * format only for display (a date a formula or spill returned into a cell without a format).
   */
  readonly formats?: Readonly<Record<string, string | null>>;
  /** Every note by A1 address (when present, notes are taken from here, not from the file). */
  readonly notes?: Readonly<Record<string, string>>;
  /** Rich-text links by A1 address (the file does not carry them). */
  readonly links?: Readonly<Record<string, readonly CellLink[]>>;
  /** Constants by A1 address that the file would not give back unchanged. */
  readonly constants?: Readonly<Record<string, SidecarConstant>>;
}

export interface LoadOptions {
  readonly sidecar?: WorkbookSidecar | undefined;
  readonly customFunctions?: CustomFunctionMap;
  readonly clock?: () => number;
  /** Sees the file's keywords property (the host reads its save generation there). */
  readonly onKeywords?: (keywords: string | undefined) => void;
}

/** exceljs keeps validations on the worksheet but its typings omit them. */
interface ValidationsHolder {
  readonly dataValidations: {
    add(address: string, validation: ExcelJS.DataValidation): void;
    readonly model: Readonly<Record<string, ExcelJS.DataValidation | undefined>>;
  };
  readonly sheetProtection?: { readonly sheet?: boolean } | null;
}

const DAY_MS = 86_400_000;
/** Serial 0 (1899-12-30T00:00Z) as epoch milliseconds: exceljs reads a date-formatted number as this plus serial days. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Excel's own built-in format 0; exceljs writes it as no format at all, so it cannot come back. */
const GENERAL = "General";
/** The style of a file cell with no format or style of its own (shared, never changed). */
const NO_STYLE: Partial<ExcelJS.Style> = {};
/** The format the file shows a date in when the model cell has none (a formula or spill returned a date). */
const DISPLAY_DATE = "yyyy-mm-dd";
/** Speed over size for the zip: deflate level 1 writes several times faster than the default 6. */
const ZIP_OPTIONS = { zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } } as const;
/** With a sidecar these parts of each worksheet are not read: the sidecar has them exactly. */
const SIDECAR_KEEPS = ["dataValidations", "conditionalFormatting", "extLst", "sheetProtection", "cols"] as const;

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

function hexOf(argbColor: string | undefined): string | undefined {
  if (!argbColor || argbColor.length < 6) return undefined;
  return `#${argbColor.slice(-6).toLowerCase()}`;
}

/** Excel column width (characters) from pixels, and back. */
const toChars = (px: number): number => Math.max(0, (px - 5) / 7);
const toPixels = (chars: number): number => Math.round(chars * 7 + 5);

const EXCEL_ERRORS = new Set(["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"]);
/** Error codes a formula cell can show in Sheets (#ERROR! has no Excel twin and is written as #VALUE!). */
const SHEETS_ERRORS = new Set([...EXCEL_ERRORS, "#ERROR!"]);

function excelError(code: string): ExcelJS.CellErrorValue {
  return { error: (EXCEL_ERRORS.has(code) ? code : "#VALUE!") as ExcelJS.CellErrorValue["error"] };
}

/** A1 address of one cell. */
function addressOf(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/**
 * Names the sheets get in the file. Excel allows at most 31 characters, none of `[]:*?/\`, no
 * apostrophe at either end, and exceljs refuses "History"; Sheets allows all of these, so such a
 * sheet is saved under a legal name (kept unique) and the sidecar remembers the real one.
 */
function fileSheetNames(names: readonly string[]): Map<string, string> {
  const legal = (name: string): boolean => name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !/^'|'$/.test(name) && name !== "History";
  const taken = new Set(names.filter(legal).map((n) => n.toLowerCase()));
  const clip = (text: string, length: number): string => {
    let out = text.slice(0, length);
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
    return out;
  };
  const out = new Map<string, string>();
  for (const name of names) {
    if (legal(name)) {
      out.set(name, name);
      continue;
    }
    let base = name.replace(/[[\]:*?/\\]/g, "_").replace(/^'|'$/g, "_");
    if (base === "History") base = "History_";
    base = clip(base, 31);
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = clip(base, 31 - suffix.length) + suffix;
    }
    taken.add(candidate.toLowerCase());
    out.set(name, candidate);
  }
  return out;
}

/** The same as exceljs's test for a date format (a number under it is read back as a Date). */
function excelTakesAsDate(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[ymdhMsb]+/.test(numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** A Date exceljs read back, as the serial number it was written as. */
function serialOfFileDate(date: Date): number {
  return (date.getTime() - SERIAL_EPOCH_MS) / DAY_MS;
}

/** exceljs's `_xHHHH_` escape and unpaired surrogates, which the file does not give back as written. */
const ESCAPE_OR_LONE_SURROGATE = /_x[0-9A-Fa-f]{4}_|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for text XML cannot carry as it is: carriage returns, other control characters but tab and newline, U+FFFE/U+FFFF. */
function textTheFileChanges(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff) return true;
  }
  return ESCAPE_OR_LONE_SURROGATE.test(text);
}

/** The sidecar entry for a constant the file would give back changed, or undefined when it comes back as it is. */
function exactConstant(value: Scalar, numFmt: string | undefined): SidecarConstant | undefined {
  if (typeof value === "string") return textTheFileChanges(value) ? { text: value } : undefined;
  if (typeof value !== "number") return undefined;
  // exceljs writes String(value) and reads it with parseFloat, as a Date when the format looks like a date.
  let back = Number.parseFloat(String(value));
  if (excelTakesAsDate(numFmt)) back = serialOfFileDate(new Date(Math.round((back - 25569) * DAY_MS)));
  return Object.is(back, value) ? undefined : { number: Object.is(value, -0) ? "-0" : String(value) };
}

/**
 * Rectangles one column wide over runs of vertically adjacent cells with the same value, for
 * entries given row by row (`same` decides what "the same" is).
 */
function columnRuns<T>(entries: Iterable<{ readonly row: number; readonly column: number; readonly value: T }>, same: (a: T, b: T) => boolean): { rect: GridRect; value: T }[] {
  const runs: { row: number; column: number; numRows: number; value: T }[] = [];
  const open = new Map<number, { row: number; column: number; numRows: number; value: T }>();
  for (const { row, column, value } of entries) {
    const run = open.get(column);
    if (run && run.row + run.numRows === row && same(run.value, value)) run.numRows++;
    else {
      const fresh = { row, column, numRows: 1, value };
      runs.push(fresh);
      open.set(column, fresh);
    }
  }
  return runs.map(({ row, column, numRows, value }) => ({ rect: { row, column, numRows, numColumns: 1 }, value }));
}

/** Groups cells sharing one rule into column runs (rectangles one column wide). */
function validationRuns(sheet: SheetModel): { rect: GridRect; rule: DataValidationRule }[] {
  const entries: { row: number; column: number; value: DataValidationRule }[] = [];
  sheet.forEachCell((row, column, cell) => {
    if (cell.validation) entries.push({ row, column, value: cell.validation });
  });
  return columnRuns(entries, (a, b) => a === b).map(({ rect, value }) => ({ rect, rule: value }));
}

function excelValidation(rule: DataValidationRule, book: Workbook, fileName: (name: string) => string): ExcelJS.DataValidation | undefined {
  const base = {
    allowBlank: true,
    showErrorMessage: !rule.allowInvalid,
    ...(rule.helpText ? { error: rule.helpText, prompt: rule.helpText, showInputMessage: true } : {}),
  };
  const v = rule.values;
  switch (rule.criteria) {
    case "VALUE_IN_LIST": {
      const items = Array.isArray(v[0]) ? (v[0] as readonly string[]) : [];
      return { ...base, type: "list", formulae: [`"${items.map((i) => i.replace(/"/g, '""')).join(",")}"`] };
    }
    case "VALUE_IN_RANGE": {
      const source = v[0] as SheetRect;
      const sheet = book.sheet(source.sheetName);
      if (!sheet) return undefined;
      const a1 = toA1({ ...source.rect, numRows: Math.max(2, source.rect.numRows) }).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
      return { ...base, type: "list", formulae: [`${quoteSheetName(fileName(sheet.name))}!${a1}`] };
    }
    case "NUMBER_BETWEEN":
      return { ...base, type: "decimal", operator: "between", formulae: [v[0], v[1]] };
    case "NUMBER_GREATER_THAN":
      return { ...base, type: "decimal", operator: "greaterThan", formulae: [v[0]] };
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      return { ...base, type: "decimal", operator: "greaterThanOrEqual", formulae: [v[0]] };
    case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      return { ...base, type: "decimal", operator: "lessThanOrEqual", formulae: [v[0]] };
    case "TEXT_IS_VALID_EMAIL":
      // Excel has no email rule; the sidecar keeps it exactly.
      return undefined;
    case "DATE_IS_VALID_DATE":
      return { ...base, type: "date", operator: "greaterThan", formulae: [new Date(Date.UTC(1900, 0, 1))] };
    case "CHECKBOX": {
      const items = v.length >= 2 ? [asText(v[0]), asText(v[1])] : ["TRUE", "FALSE"];
      return { ...base, type: "list", formulae: [`"${items.join(",")}"`] };
    }
  }
}

/** A conditional-format rule as an Excel expression rule relative to the top-left cell of its first range. */
function excelConditionalRule(rule: ConditionalFormatRuleData, priority: number, fileFormula: (formula: string) => string): ExcelJS.ConditionalFormattingRule | undefined {
  const first = rule.ranges[0];
  if (!first) return undefined;
  const cell = `${columnLetters(first.rect.column)}${first.rect.row}`;
  const value = rule.values[0];
  const literal = typeof value === "number" ? String(value) : `"${String(value ?? "").replace(/"/g, '""')}"`;
  let formula: string;
  switch (rule.criteria) {
    case "TEXT_EQUAL_TO":
      formula = `${cell}=${literal}`;
      break;
    case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      formula = `AND(ISNUMBER(${cell}),${cell}>=${literal})`;
      break;
    case "NUMBER_GREATER_THAN":
      formula = `AND(ISNUMBER(${cell}),${cell}>${literal})`;
      break;
    case "NUMBER_LESS_THAN":
      formula = `AND(ISNUMBER(${cell}),${cell}<${literal})`;
      break;
    case "NUMBER_EQUAL_TO":
      formula = `AND(ISNUMBER(${cell}),${cell}=${literal})`;
      break;
    case "CUSTOM_FORMULA":
      formula = fileFormula(String(value ?? "")).replace(/^=/, "");
      break;
  }
  const style: Partial<ExcelJS.Style> = {};
  if (rule.background) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.background) }, fgColor: { argb: argb(rule.background) } };
  if (rule.fontColor || rule.bold) style.font = { ...(rule.fontColor ? { color: { argb: argb(rule.fontColor) } } : {}), ...(rule.bold ? { bold: true } : {}) };
  return { type: "expression", priority, formulae: [formula], style };
}


/**
 * exceljs cell styles shared between cells that look the same: exceljs recognises a style object
 * it has seen before and skips serialising it again, which is most of the cost of a formatted
 * workbook. The objects are never changed after they are handed out.
 */
class FileStyles {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();
  /** Cells copied from one another share their CellStyle object: remember its file styles by identity too. */
  private readonly byStyle = new WeakMap<CellStyle, Map<string, Partial<ExcelJS.Style>>>();

  get(numFmt: string | undefined, style: CellStyle | undefined, unlocked: boolean): Partial<ExcelJS.Style> | undefined {
    if (numFmt === undefined && style === undefined && !unlocked) return undefined;
    const short = `${unlocked ? 1 : 0}${numFmt ?? ""}`;
    let perStyle: Map<string, Partial<ExcelJS.Style>> | undefined;
    if (style) {
      perStyle = this.byStyle.get(style);
      const known = perStyle?.get(short);
      if (known) return known;
    }
    const key = style
      ? `${short}\u0000${style.bold ? 1 : 0}\u0000${style.fontColor ?? ""}\u0000${style.background ?? ""}\u0000${style.horizontalAlignment ?? ""}\u0000${style.wrap ? 1 : 0}`
      : short;
    let made = this.byKey.get(key);
    if (!made) {
      made = FileStyles.make(numFmt, style, unlocked);
      this.byKey.set(key, made);
    }
    if (style) {
      if (!perStyle) {
        perStyle = new Map();
        this.byStyle.set(style, perStyle);
      }
      perStyle.set(short, made);
    }
    return made;
  }

  private static make(numFmt: string | undefined, style: CellStyle | undefined, unlocked: boolean): Partial<ExcelJS.Style> {
    const made: Partial<ExcelJS.Style> = {};
    if (numFmt !== undefined) made.numFmt = numFmt;
    if (style?.bold || style?.fontColor) made.font = { ...(style.bold ? { bold: true } : {}), ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}) };
    if (style?.background) made.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.background) } };
    const horizontal = style?.horizontalAlignment !== undefined && style.horizontalAlignment !== "general" ? style.horizontalAlignment : undefined;
    if (horizontal || style?.wrap) made.alignment = { ...(horizontal ? { horizontal } : {}), ...(style?.wrap ? { wrapText: true } : {}) };
    if (unlocked) made.protection = { locked: false };
    return made;
  }
}

/** A spilled result as the file holds it: a serial for a date, an Excel error, or the value. */
function fileValue(book: Workbook, value: CellValue): number | string | boolean | ExcelJS.CellErrorValue {
  if (value instanceof Date) return book.serialOf(value);
  if (typeof value === "string" && SHEETS_ERRORS.has(value)) return excelError(value);
  return value;
}

/**
 * Writes `book` to `path` as .xlsx and returns the sidecar to store beside it. Formula results are
 * computed first (a flush), so the file shows values without recalculation.
 */
/** The last row and column of an .xlsx sheet (Excel's grid: 1,048,576 rows, XFD columns). */
export const FILE_LAST_ROW = 1_048_576;
export const FILE_LAST_COLUMN = 16_384;

/**
 * A Sheets formula as the .xlsx holds it: an open range (`B2:B`, `A2:2`) has no spelling in Excel or
 * LibreOffice, so it runs to the file grid's last row (column) instead, which means the same thing
 * there, "to the end of the sheet": rows a person appends to the file still count. Closing it at
 * the sheet's current size instead (`B2:B1063`) would stop counting them. Whole columns and rows
 * (`B:B`, `2:2`) are valid as they are. `sheetsFormula` reads it back.
 */
export function fileFormula(formula: string): string {
  return rewriteReferences(formula, (ref) => {
    const end = ref.end;
    if (!end) return undefined;
    const openRow = ref.start.row !== undefined && end.row === undefined;
    const openColumn = ref.start.column !== undefined && end.column === undefined;
    if (!openRow && !openColumn) return undefined;
    return { ...ref, end: { ...end, row: openRow ? FILE_LAST_ROW : end.row, column: openColumn ? FILE_LAST_COLUMN : end.column } };
  });
}

/** The Sheets formula of a file formula: a range to the grid's last row (column) is open again (`B2:B`). */
export function sheetsFormula(formula: string): string {
  return rewriteReferences(formula, (ref) => {
    const end = ref.end;
    if (!end || ref.start.row === undefined || ref.start.column === undefined) return undefined;
    const openRow = end.row === FILE_LAST_ROW && ref.start.row > 1;
    const openColumn = end.column === FILE_LAST_COLUMN && ref.start.column > 1;
    if (!openRow && !openColumn) return undefined;
    return { ...ref, end: { ...end, row: openRow ? undefined : end.row, column: openColumn ? undefined : end.column } };
  });
}

export interface SaveOptions {
  /** The file's keywords property (the host's save generation). */
  readonly keywords?: string;
  /**
   * A values-only copy (issue 11 §5): every formula cell holds its computed value instead of the
   * formula, so the file shows the same figures in any spreadsheet program, whatever functions it
   * lacks (ARRAYFORMULA, MarketOps's custom functions); sheets are not protected (there is nothing
   * of MarketOps's left to guard). The returned sidecar does not describe it: keep it away from the workbook.
   */
  readonly valuesOnly?: boolean;
}

export async function saveXlsx(book: Workbook, path: string, options: SaveOptions = {}): Promise<{ sidecar: WorkbookSidecar }> {
  book.flush();
  const wb = new ExcelJS.Workbook();
  // The file's keywords property carries what ties it to its sidecar (the host's save generation).
  if (options.keywords !== undefined) wb.keywords = options.keywords;
  const names = fileSheetNames(book.sheets.map((s) => s.name));
  const fileName = (name: string): string => {
    const sheet = book.sheet(name);
    return sheet ? (names.get(sheet.name) ?? sheet.name) : name;
  };
  const renamed = [...names].some(([name, file]) => name !== file);
  const toFileNames = (formula: string): string =>
    renamed ? rewriteReferences(formula, (ref) => (ref.sheetName !== undefined && fileName(ref.sheetName) !== ref.sheetName ? { ...ref, sheetName: fileName(ref.sheetName) } : undefined)) : formula;
  const styles = new FileStyles();
  const sheets: SheetSidecar[] = [];
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(fileName(sheet.name), {
      state: sheet.hidden ? "hidden" : "visible",
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
      views: sheet.frozenRows > 0 || sheet.frozenColumns > 0 ? [{ state: "frozen", xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }] : [],
    });
    const engine = sheet.formulaCells.size > 0 ? book.engine() : undefined;

    // Spilled results: plain values in the file, marked in the sidecar.
    const spills: string[] = [];
    const spilled = new Map<number, { value: CellValue; anchorFormat: string | undefined }>();
    for (const area of engine ? engine.spillAreas(sheet) : []) {
      const rect = { row: area.row, column: area.column, numRows: area.lastRow - area.row + 1, numColumns: area.lastColumn - area.column + 1 };
      spills.push(toA1(rect));
      const anchorFormat = sheet.cell(area.row, area.column)?.format;
      book.readValues(sheet, rect).forEach((line, r) => {
        line.forEach((value, c) => {
          if ((r === 0 && c === 0) || value === "") return;
          spilled.set(cellKey(area.row + r, area.column + c), { value, anchorFormat });
        });
      });
    }
    const sheetProtection = book.protections.find((p) => p.type === "SHEET" && p.sheetName === sheet.name && !p.warningOnly);
    const unprotected = sheetProtection?.unprotected ?? [];
    const unlockedAt = (row: number, column: number): boolean =>
      unprotected.some((u) => row >= u.row && row < u.row + u.numRows && column >= u.column && column < u.column + u.numColumns);

    // A cell holding only a number format (or a validation, which the file keeps apart) is not
    // written as a cell: templates format whole columns, and a workbook is mostly such cells. The
    // sidecar keeps their formats as runs; the file shows each column's usual format as the
    // column's style, which is what a person typing into an empty cell gets.
    const formatEntries: { row: number; column: number; value: string | null }[] = [];
    const written: number[] = [];
    const unlockedAnywhere = unprotected.length > 0;
    sheet.forEachCell((row, column, cell) => {
      const key = cellKey(row, column);
      const bare = cell.formula === undefined && (cell.value === undefined || cell.value === "") && cell.note === undefined && cell.style === undefined && !spilled.has(key);
      if (bare && !(unlockedAnywhere && unlockedAt(row, column))) {
        if (cell.format !== undefined) formatEntries.push({ row, column, value: cell.format });
      } else written.push(key);
    });
    for (const key of spilled.keys()) if (!sheet.cell(keyRow(key), keyColumn(key))) written.push(key);
    for (const u of unprotected) {
      for (let r = u.row; r < u.row + u.numRows; r++) {
        for (let c = u.column; c < u.column + u.numColumns; c++) if (!sheet.cell(r, c) && !spilled.has(cellKey(r, c))) written.push(cellKey(r, c));
      }
    }
    // Row by row, so each exceljs row is fetched once and the sidecar's format runs come out in order.
    const ordered = Float64Array.from(written).sort();
    const usual = new Map<number, Map<string, number>>();
    for (const { column, value } of formatEntries) {
      if (value === null || value === GENERAL) continue;
      const counts = usual.get(column) ?? new Map<string, number>();
      counts.set(value, (counts.get(value) ?? 0) + 1);
      usual.set(column, counts);
    }
    const columnFormats = new Map<number, string>();
    for (const [column, counts] of usual) {
      const [format] = [...counts].reduce((best, next) => (next[1] > best[1] ? next : best));
      columnFormats.set(column, format);
      const excelColumn = ws.getColumn(column);
      excelColumn.numFmt = format; // before any cell exists: exceljs copies it into cells it already has
      excelColumn.width = toChars(sheet.columnWidths.get(column) ?? DEFAULT_COLUMN_WIDTH); // exceljs would write 9 characters
    }

    const formulas: Record<string, string> = {};
    const notes: Record<string, string> = {};
    const links: Record<string, readonly CellLink[]> = {};
    const constants: Record<string, SidecarConstant> = {};
    const overrides: { row: number; column: number; value: string | null }[] = [];
    let excelRow: ExcelJS.Row | undefined;
    for (const key of ordered) {
      const row = keyRow(key);
      const column = keyColumn(key);
      if (excelRow?.number !== row) excelRow = ws.getRow(row);
      const target = excelRow.getCell(column);
      const cell = sheet.cell(row, column);
      const spill = spilled.get(key);
      let numFmt = cell?.format;
      let displayOnly = false;
      if (cell?.formula !== undefined) {
        const value = book.cellValue(sheet, row, column);
        if (value instanceof Date && numFmt === undefined) {
          numFmt = DISPLAY_DATE;
          displayOnly = true;
        }
        const result = fileValue(book, value);
        if (options.valuesOnly) target.value = result === "" ? null : result;
        else target.value = { formula: toFileNames(fileFormula(cell.formula)).replace(/^=/, ""), result };
        formulas[addressOf(row, column)] = cell.formula;
      } else if (spill) {
        if (spill.value instanceof Date && numFmt === undefined) {
          numFmt = spill.anchorFormat !== undefined && isDateFormat(spill.anchorFormat) ? spill.anchorFormat : DISPLAY_DATE;
          displayOnly = true;
        }
        target.value = fileValue(book, spill.value);
      } else if (cell?.value !== undefined && cell.value !== "") {
        target.value = cell.value;
        const exact = exactConstant(cell.value, numFmt);
        if (exact) constants[addressOf(row, column)] = exact;
      }
      if (displayOnly) overrides.push({ row, column, value: null });
      else if (numFmt === GENERAL) {
        overrides.push({ row, column, value: GENERAL });
        numFmt = undefined;
      }
      if (cell?.note !== undefined) {
        target.note = cell.note;
        notes[addressOf(row, column)] = cell.note;
      }
      if (cell?.links !== undefined) links[addressOf(row, column)] = cell.links;
      // Always set (a cell exceljs creates starts with its column's style, which is not the model's).
      const style = styles.get(numFmt, cell?.style, unprotected.length > 0 && unlockedAt(row, column));
      if (style) target.style = style;
      else if (columnFormats.has(column)) target.style = NO_STYLE;
    }
    const formats: Record<string, string | null> = {};
    for (const run of columnRuns(formatEntries, (a, b) => a === b)) formats[toA1(run.rect)] = run.value;
    for (const run of columnRuns(overrides, (a, b) => a === b)) formats[toA1(run.rect)] = run.value;

    const columnWidths: Record<string, number> = {};
    for (const [column, px] of sheet.columnWidths) {
      columnWidths[String(column)] = px;
      ws.getColumn(column).width = toChars(px);
    }
    for (const column of sheet.hiddenColumns) ws.getColumn(column).hidden = true;
    const runs = validationRuns(sheet);
    const holder = ws as unknown as ValidationsHolder;
    for (const run of runs) {
      const dv = excelValidation(run.rule, book, fileName);
      if (dv) holder.dataValidations.add(toA1(run.rect), dv);
    }
    sheet.conditionalRules.forEach((rule, i) => {
      const excelRule = excelConditionalRule(rule, i + 1, toFileNames);
      const refs = rule.ranges.filter((r) => r.sheetName === sheet.name).map((r) => toA1(r.rect));
      if (excelRule && refs.length > 0) ws.addConditionalFormatting({ ref: refs.join(" "), rules: [excelRule] });
    });
    if (sheetProtection && !options.valuesOnly) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
    sheets.push({
      name: sheet.name,
      ...(fileName(sheet.name) !== sheet.name ? { fileName: fileName(sheet.name) } : {}),
      sheetId: sheet.sheetId,
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      columnWidths,
      ...(sheet.hiddenColumns.size > 0 ? { hiddenColumns: [...sheet.hiddenColumns].sort((a, b) => a - b) } : {}),
      formulas,
      spills,
      validations: runs,
      conditionalRules: sheet.conditionalRules,
      ...(sheet.charts.length > 0 ? { charts: sheet.charts } : {}),
      formats,
      notes,
      ...(Object.keys(links).length > 0 ? { links } : {}),
      constants,
    });
  }
  for (const named of book.namedRanges()) {
    const sheet = book.sheet(named.target.sheetName);
    if (!sheet) continue;
    const a1 = toA1(named.target.rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    wb.definedNames.add(`${quoteSheetName(fileName(sheet.name))}!${a1}`, named.name);
  }
  await wb.xlsx.writeFile(path, ZIP_OPTIONS);
  return {
    sidecar: {
      version: 1,
      id: book.id,
      name: book.name,
      timeZone: book.timeZone,
      locale: book.locale,
      owner: book.owner,
      editors: [...book.editors],
      ...(book.domainEditable ? { domainEditable: true } : {}),
      activeSheet: book.activeSheet.name,
      sheets,
      namedRanges: book.namedRanges().map((n) => ({ name: n.name, target: n.target })),
      protections: book.protections.map((p) => ({ ...p, editors: p.editors ? [...p.editors] : undefined, unprotected: [...p.unprotected] })),
      nextSheetId: book.nextIds.sheetId,
      nextProtectionId: book.nextIds.protectionId,
    },
  };
}

/** Reads a cell value exceljs produced into a model constant (dates back to serials). */
function constantOf(value: ExcelJS.CellValue): Cell["value"] | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return serialOfFileDate(value);
  if (typeof value === "object" && "richText" in value) return value.richText.map((t) => t.text).join("");
  if (typeof value === "object" && "text" in value && "hyperlink" in value) return typeof value.text === "string" ? value.text : "";
  if (typeof value === "object" && "error" in value) return value.error;
  return undefined;
}

/** The model style of an exceljs style (exceljs shares one style object per style in the file, so this is memoised). */
function styleOf(style: Partial<ExcelJS.Style> | undefined, known: WeakMap<object, CellStyle | null>): CellStyle | undefined {
  if (!style) return undefined;
  const seen = known.get(style);
  if (seen !== undefined) return seen ?? undefined;
  const out: { -readonly [K in keyof CellStyle]: CellStyle[K] } = {};
  if (style.font?.bold) out.bold = true;
  const fontColor = hexOf(style.font?.color?.argb);
  if (fontColor) out.fontColor = fontColor;
  const fill = style.fill;
  if (fill?.type === "pattern" && fill.pattern === "solid") {
    const bg = hexOf(fill.fgColor?.argb);
    if (bg) out.background = bg;
  }
  const h = style.alignment?.horizontal;
  if (h === "left" || h === "center" || h === "right") out.horizontalAlignment = h;
  if (style.alignment?.wrapText) out.wrap = true;
  const result = Object.keys(out).length > 0 ? out : undefined;
  known.set(style, result ?? null);
  return result;
}

function ruleFromExcel(dv: ExcelJS.DataValidation, book: Workbook, sheetName: string): DataValidationRule | undefined {
  const common = { allowInvalid: dv.showErrorMessage !== true, helpText: dv.error ?? dv.prompt ?? null };
  const f = dv.formulae?.[0] as unknown;
  if (dv.type === "list" && typeof f === "string") {
    if (f.startsWith('"')) {
      const items = f.slice(1, -1).replace(/""/g, '"').split(",");
      return { ...common, criteria: "VALUE_IN_LIST", values: [items, true] };
    }
    const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(f);
    if (m) {
      const name = (m[1] ?? m[2] ?? sheetName).replace(/''/g, "'");
      const sheet = book.sheet(name);
      if (!sheet) return undefined;
      const c1 = columnNumber(m[3] ?? "A");
      const r1 = Number(m[4]);
      const c2 = m[5] ? columnNumber(m[5]) : c1;
      const r2 = m[6] ? Number(m[6]) : r1;
      return { ...common, criteria: "VALUE_IN_RANGE", values: [{ sheetName: sheet.name, rect: { row: r1, column: c1, numRows: r2 - r1 + 1, numColumns: c2 - c1 + 1 } }, true] };
    }
    return undefined;
  }
  if ((dv.type === "decimal" || dv.type === "whole") && typeof f === "number") {
    switch (dv.operator ?? "between") {
      case "between":
        return { ...common, criteria: "NUMBER_BETWEEN", values: [f, Number(dv.formulae?.[1])] };
      case "greaterThan":
        return { ...common, criteria: "NUMBER_GREATER_THAN", values: [f] };
      case "greaterThanOrEqual":
        return { ...common, criteria: "NUMBER_GREATER_THAN_OR_EQUAL_TO", values: [f] };
      case "lessThanOrEqual":
        return { ...common, criteria: "NUMBER_LESS_THAN_OR_EQUAL_TO", values: [f] };
      default:
        return undefined;
    }
  }
  if (dv.type === "date") return { ...common, criteria: "DATE_IS_VALID_DATE", values: [] };
  return undefined;
}

/** True when (row, column) lies in one of the spill areas and is not the area's anchor. */
function spilledCell(areas: readonly GridRect[], row: number, column: number): boolean {
  return areas.some((a) => row >= a.row && row < a.row + a.numRows && column >= a.column && column < a.column + a.numColumns && !(row === a.row && column === a.column));
}

function parseArea(a1: string): GridRect {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a1);
  if (!m) throw new Error(`bad area in sidecar: ${a1}`);
  const column = columnNumber(m[1] ?? "A");
  const row = Number(m[2]);
  const lastColumn = m[3] ? columnNumber(m[3]) : column;
  const lastRow = m[4] ? Number(m[4]) : row;
  return { row, column, numRows: lastRow - row + 1, numColumns: lastColumn - column + 1 };
}

/**
/**
 * Reads an .xlsx written by saveXlsx (or by Excel / LibreOffice) into a Workbook. With the sidecar,
 * everything modelled comes back exactly; without it, what the .xlsx holds.
 */
export async function loadXlsx(path: string, options: LoadOptions = {}): Promise<Workbook> {
  const side = options.sidecar;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path, side ? { ignoreNodes: [...SIDECAR_KEEPS] } : {});
  options.onKeywords?.(wb.keywords || undefined);
  const sheetSides = new Map((side?.sheets ?? []).map((s) => [s.fileName ?? s.name, s]));
  const modelName = (ws: ExcelJS.Worksheet): string => sheetSides.get(ws.name)?.name ?? ws.name;
  const book = new Workbook({
    ...(side ? { id: side.id, name: side.name, timeZone: side.timeZone, locale: side.locale, owner: side.owner, editors: side.editors, domainEditable: side.domainEditable === true } : {}),
    ...(side?.nextSheetId !== undefined ? { nextSheetId: side.nextSheetId } : {}),
    ...(side?.nextProtectionId !== undefined ? { nextProtectionId: side.nextProtectionId } : {}),
    sheets: wb.worksheets.map((ws) => {
      const s = sheetSides.get(ws.name);
      return s ? { name: s.name, sheetId: s.sheetId, rows: s.maxRows, columns: s.maxColumns } : { name: ws.name, rows: Math.max(1000, ws.rowCount), columns: Math.max(26, ws.columnCount) };
    }),
    ...(options.customFunctions ? { customFunctions: options.customFunctions } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const styles = new WeakMap<object, CellStyle | null>();
  for (const ws of wb.worksheets) {
    const sheet = book.requireSheet(modelName(ws));
    const s = sheetSides.get(ws.name);
    const spillAreas = (s?.spills ?? []).map(parseArea);
    sheet.hidden = ws.state !== "visible";
    sheet.tabColor = hexOf((ws.properties as Partial<ExcelJS.WorksheetProperties> | undefined)?.tabColor?.argb) ?? null;
    const view = (ws.views as ExcelJS.WorksheetView[] | null | undefined)?.[0];
    if (view?.state === "frozen") {
      sheet.frozenRows = view.ySplit ?? 0;
      sheet.frozenColumns = view.xSplit ?? 0;
    }
    ws.eachRow({ includeEmpty: true }, (excelRow, rowNumber) => {
      excelRow.eachCell({ includeEmpty: true }, (xc, columnNumberValue) => {
        const cell: Cell = {};
        const numFmt = xc.numFmt;
        if (numFmt && numFmt !== GENERAL) cell.format = numFmt;
        // A spilled result is the anchor formula's value, not a constant of its own.
        if (!spilledCell(spillAreas, rowNumber, columnNumberValue)) {
          const isFormula = xc.type === ExcelJS.ValueType.Formula;
          if (s && isFormula && s.formulas[addressOf(rowNumber, columnNumberValue)] === undefined) return;
          if (!s && isFormula && xc.formula) cell.formula = sheetsFormula(`=${xc.formula}`);
          else if (!isFormula) {
            const value = constantOf(xc.value);
            if (value !== undefined && value !== "") cell.value = value;
          }
        }
        if (!s?.notes) {
          const note = xc.note;
          if (note) cell.note = typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
        }
        const style = styleOf(xc.style, styles);
        if (style) cell.style = style;
        if (isEmptyCell(cell)) return;
        Object.assign(sheet.ensureCell(rowNumber, columnNumberValue), cell);
      });
    });
    if (s) restoreFromSidecar(book, sheet, s);
    sheet.reindexFormulas();
    if (!s) {
      ((ws.columns as ExcelJS.Column[] | null | undefined) ?? []).forEach((col, i) => {
        if (col.width !== undefined) sheet.columnWidths.set(i + 1, toPixels(col.width));
        if (col.hidden) sheet.hiddenColumns.add(i + 1);
      });
      const byObject = new Map<ExcelJS.DataValidation, DataValidationRule | undefined>();
      for (const [address, dv] of Object.entries((ws as unknown as ValidationsHolder).dataValidations.model)) {
        if (!dv) continue;
        if (!byObject.has(dv)) byObject.set(dv, ruleFromExcel(dv, book, sheet.name));
        const rule = byObject.get(dv);
        const m = /^([A-Z]+)(\d+)$/.exec(address);
        if (rule && m) sheet.ensureCell(Number(m[2]), columnNumber(m[1] ?? "A")).validation = rule;
      }
      if ((ws as unknown as ValidationsHolder).sheetProtection?.sheet) {
        book.addProtection({ type: "SHEET", sheetName: sheet.name, rect: undefined, description: "", editors: undefined, warningOnly: false, domainEdit: false, unprotected: [] });
      }
    }
  }
  if (side) {
    for (const named of side.namedRanges) if (book.sheet(named.target.sheetName)) book.setNamedRange(named.name, named.target);
    for (const p of side.protections) {
      if (!book.sheet(p.sheetName)) continue;
      const data = { ...p, editors: p.editors ? [...p.editors] : undefined, unprotected: [...p.unprotected] };
      if (p.id !== undefined) book.restoreProtection({ ...data, id: p.id });
      else book.addProtection(data);
    }
    const active = book.sheet(side.activeSheet);
    if (active) book.setActiveSheet(active);
  } else {
    for (const defined of wb.definedNames.model) {
      const first = defined.ranges[0];
      const m = first ? /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(first) : null;
      const sheet = m ? book.sheet((m[1] ?? m[2] ?? "").replace(/''/g, "'")) : undefined;
      if (!m || !sheet) continue;
      const c1 = columnNumber(m[3] ?? "A");
      const r1 = Number(m[4]);
      const c2 = m[5] ? columnNumber(m[5]) : c1;
      const r2 = m[6] ? Number(m[6]) : r1;
      try {
        book.setNamedRange(defined.name, { sheetName: sheet.name, rect: { row: r1, column: c1, numRows: r2 - r1 + 1, numColumns: c2 - c1 + 1 } });
      } catch {
        // A name Sheets would not accept (Excel allows more) is left out.
      }
    }
  }
  return book;
}

/** Puts back what the sidecar holds for one sheet, over what the file gave. */
function restoreFromSidecar(book: Workbook, sheet: SheetModel, s: SheetSidecar): void {
  for (const [a1, formula] of Object.entries(s.formulas)) {
    const at = parseArea(a1);
    const target = sheet.ensureCell(at.row, at.column);
    delete target.value;
    target.formula = formula;
  }
  for (const [area, format] of Object.entries(s.formats ?? {})) {
    const rect = parseArea(area);
    book.updateCells(sheet, rect, (cell) => {
      if (format === null) delete cell.format;
      else cell.format = format;
    });
  }
  for (const [a1, note] of Object.entries(s.notes ?? {})) {
    const at = parseArea(a1);
    sheet.ensureCell(at.row, at.column).note = note;
  }
  for (const [a1, constant] of Object.entries(s.constants ?? {})) {
    const at = parseArea(a1);
    sheet.ensureCell(at.row, at.column).value = "text" in constant ? constant.text : Number(constant.number);
  }
  for (const [a1, cellLinks] of Object.entries(s.links ?? {})) {
    const at = parseArea(a1);
    sheet.ensureCell(at.row, at.column).links = cellLinks;
  }
  for (const [column, px] of Object.entries(s.columnWidths)) sheet.columnWidths.set(Number(column), px);
  for (const column of s.hiddenColumns ?? []) sheet.hiddenColumns.add(column);
  for (const run of s.validations) {
    for (let r = run.rect.row; r < run.rect.row + run.rect.numRows; r++) {
      for (let c = run.rect.column; c < run.rect.column + run.rect.numColumns; c++) sheet.ensureCell(r, c).validation = run.rule;
    }
  }
  sheet.conditionalRules = [...s.conditionalRules];
  sheet.charts = [...(s.charts ?? [])];
}
