/**
 * Saving the local spreadsheet as .xlsx (exceljs) and loading it back.
 *
 * The .xlsx is what a person opens in LibreOffice or Excel, so it carries what they should see:
 * values, formulas with their computed results cached (exceljs never calculates), dates as dates,
 * number formats, frozen panes, dropdowns and other validations, column widths, notes, tab colours,
 * hidden sheets, styles, conditional formats, named ranges and the protected-sheet flag. Values a
 * custom function spilled are written as plain values next to their anchor formula.
 *
 * What an .xlsx cannot carry goes into a JSON sidecar the host keeps next to the file: the
 * spreadsheet's id, time zone, locale, owner and editors; sheet ids and sizes; each formula's exact
 * Sheets text (open ranges like `B2:B` are closed for Excel); which cells are spilled results (so
 * they load back as spill, not as constants); validations, conditional-format rules, named ranges
 * and protections (editors, warning-only, unprotected ranges) exactly. Loading without a sidecar
 * reads everything the .xlsx holds and makes reasonable defaults for the rest.
 */
import ExcelJS from "exceljs";
import { columnLetters, columnNumber, quoteSheetName, toA1, type GridRect } from "./a1";
import type { Cell, CellStyle, ConditionalFormatRuleData, DataValidationRule, ProtectionData, SheetRect } from "./cells";
import type { CustomFunctionMap } from "./engine";
import { asText, isDateFormat } from "./numberFormat";
import type { SheetModel } from "./sheetModel";
import { Workbook } from "./workbook";

/** Everything modelled that the .xlsx file cannot hold exactly. JSON-serialisable. */
export interface WorkbookSidecar {
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly locale: string;
  readonly owner: string;
  readonly editors: readonly string[];
  readonly activeSheet: string;
  readonly sheets: readonly SheetSidecar[];
  readonly namedRanges: readonly { readonly name: string; readonly target: SheetRect }[];
  readonly protections: readonly Omit<ProtectionData, "id">[];
}

export interface SheetSidecar {
  readonly name: string;
  readonly sheetId: number;
  readonly maxRows: number;
  readonly maxColumns: number;
  /** Column widths in pixels, by 1-based column. */
  readonly columnWidths: Readonly<Record<string, number>>;
  /** Exact Sheets formula text by A1 address. */
  readonly formulas: Readonly<Record<string, string>>;
  /** Areas (A1) whose non-anchor cells hold spilled results, written to the .xlsx as values. */
  readonly spills: readonly string[];
  readonly validations: readonly { readonly rect: GridRect; readonly rule: DataValidationRule }[];
  readonly conditionalRules: readonly ConditionalFormatRuleData[];
}

export interface LoadOptions {
  readonly sidecar?: WorkbookSidecar | undefined;
  readonly customFunctions?: CustomFunctionMap;
  readonly clock?: () => number;
}

/** exceljs keeps validations on the worksheet but its typings omit them. */
interface ValidationsHolder {
  readonly dataValidations: {
    add(address: string, validation: ExcelJS.DataValidation): void;
    readonly model: Readonly<Record<string, ExcelJS.DataValidation | undefined>>;
  };
  readonly sheetProtection?: { readonly sheet?: boolean } | null;
}

const EXCEL_EPOCH_OFFSET = 25569; // days from 1899-12-30 to 1970-01-01
const DAY_MS = 86_400_000;

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

/** Groups cells sharing one rule into column runs (rectangles one column wide). */
function validationRuns(sheet: SheetModel): { rect: GridRect; rule: DataValidationRule }[] {
  const runs: { rect: GridRect; rule: DataValidationRule }[] = [];
  const open = new Map<number, { rect: GridRect; rule: DataValidationRule }>();
  sheet.rows.forEach((row, r) => {
    const rowNumber = r + 1;
    const seen = new Set<number>();
    row?.forEach((cell, c) => {
      const column = c + 1;
      const rule = cell?.validation;
      if (!rule) return;
      seen.add(column);
      const run = open.get(column);
      if (run && run.rule === rule && run.rect.row + run.rect.numRows === rowNumber) {
        run.rect = { ...run.rect, numRows: run.rect.numRows + 1 };
      } else {
        const fresh = { rect: { row: rowNumber, column, numRows: 1, numColumns: 1 }, rule };
        runs.push(fresh);
        open.set(column, fresh);
      }
    });
    for (const column of [...open.keys()]) if (!seen.has(column)) open.delete(column);
  });
  return runs;
}

function excelValidation(rule: DataValidationRule, book: Workbook): ExcelJS.DataValidation | undefined {
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
      return { ...base, type: "list", formulae: [`${quoteSheetName(sheet.name)}!${a1}`] };
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
function excelConditionalRule(rule: ConditionalFormatRuleData, priority: number): ExcelJS.ConditionalFormattingRule | undefined {
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
      formula = String(value ?? "").replace(/^=/, "");
      break;
  }
  const style: Partial<ExcelJS.Style> = {};
  if (rule.background) style.fill = { type: "pattern", pattern: "solid", bgColor: { argb: argb(rule.background) }, fgColor: { argb: argb(rule.background) } };
  if (rule.fontColor || rule.bold) style.font = { ...(rule.fontColor ? { color: { argb: argb(rule.fontColor) } } : {}), ...(rule.bold ? { bold: true } : {}) };
  return { type: "expression", priority, formulae: [formula], style };
}

function writeStyle(target: ExcelJS.Cell, style: CellStyle | undefined): void {
  if (!style) return;
  if (style.bold || style.fontColor) target.font = { ...(style.bold ? { bold: true } : {}), ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}) };
  if (style.background) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.background) } };
  if (style.horizontalAlignment || style.wrap) {
    target.alignment = { ...(style.horizontalAlignment && style.horizontalAlignment !== "general" ? { horizontal: style.horizontalAlignment } : {}), ...(style.wrap ? { wrapText: true } : {}) };
  }
}

/**
 * Writes `book` to `path` as .xlsx and returns the sidecar to store beside it. Formula results are
 * computed first (a flush), so the file shows values without recalculation.
 */
export async function saveXlsx(book: Workbook, path: string): Promise<{ sidecar: WorkbookSidecar }> {
  book.flush();
  const wb = new ExcelJS.Workbook();
  const sheets: SheetSidecar[] = [];
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.hidden ? "hidden" : "visible",
      properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
      views: sheet.frozenRows > 0 || sheet.frozenColumns > 0 ? [{ state: "frozen", xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }] : [],
    });
    const formulas: Record<string, string> = {};
    const engine = sheet.formulaCells.size > 0 ? book.engine() : undefined;
    sheet.forEachCell((row, column, cell) => {
      const target = ws.getCell(row, column);
      writeCell(book, sheet, row, column, cell, target, engine ? (f) => engine.engineFormula(f, sheet) : (f) => f);
      if (cell.formula !== undefined) formulas[`${columnLetters(column)}${row}`] = cell.formula;
    });
    // Spilled results: plain values in the file, marked in the sidecar.
    const spills: string[] = [];
    if (engine) {
      for (const area of engine.spillAreas(sheet)) {
        const rect = { row: area.row, column: area.column, numRows: area.lastRow - area.row + 1, numColumns: area.lastColumn - area.column + 1 };
        spills.push(toA1(rect));
        const values = book.readValues(sheet, rect);
        const shown = sheet.cell(area.row, area.column)?.format;
        values.forEach((line, r) => {
          line.forEach((value, c) => {
            if (r === 0 && c === 0) return;
            if (value === "") return;
            const target = ws.getCell(area.row + r, area.column + c);
            if (value instanceof Date) {
              target.value = book.serialOf(value);
              target.numFmt = shown && isDateFormat(shown) ? shown : "yyyy-mm-dd";
            } else if (typeof value === "string" && SHEETS_ERRORS.has(value)) target.value = excelError(value);
            else target.value = value;
          });
        });
      }
    }
    const columnWidths: Record<string, number> = {};
    for (const [column, px] of sheet.columnWidths) {
      columnWidths[String(column)] = px;
      ws.getColumn(column).width = toChars(px);
    }
    const runs = validationRuns(sheet);
    const holder = ws as unknown as ValidationsHolder;
    for (const run of runs) {
      const dv = excelValidation(run.rule, book);
      if (dv) holder.dataValidations.add(toA1(run.rect), dv);
    }
    sheet.conditionalRules.forEach((rule, i) => {
      const excelRule = excelConditionalRule(rule, i + 1);
      const refs = rule.ranges.filter((r) => r.sheetName === sheet.name).map((r) => toA1(r.rect));
      if (excelRule && refs.length > 0) ws.addConditionalFormatting({ ref: refs.join(" "), rules: [excelRule] });
    });
    const sheetProtection = book.protections.find((p) => p.type === "SHEET" && p.sheetName === sheet.name && !p.warningOnly);
    if (sheetProtection) {
      for (const rect of sheetProtection.unprotected) {
        for (let r = rect.row; r < rect.row + rect.numRows; r++) {
          for (let c = rect.column; c < rect.column + rect.numColumns; c++) ws.getCell(r, c).protection = { locked: false };
        }
      }
      await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
    }
    sheets.push({
      name: sheet.name,
      sheetId: sheet.sheetId,
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      columnWidths,
      formulas,
      spills,
      validations: runs,
      conditionalRules: sheet.conditionalRules,
    });
  }
  for (const named of book.namedRanges()) {
    const sheet = book.sheet(named.target.sheetName);
    if (!sheet) continue;
    const a1 = toA1(named.target.rect).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    wb.definedNames.add(`${quoteSheetName(sheet.name)}!${a1}`, named.name);
  }
  await wb.xlsx.writeFile(path);
  return {
    sidecar: {
      version: 1,
      id: book.id,
      name: book.name,
      timeZone: book.timeZone,
      locale: book.locale,
      owner: book.owner,
      editors: [...book.editors],
      activeSheet: book.activeSheet.name,
      sheets,
      namedRanges: book.namedRanges().map((n) => ({ name: n.name, target: n.target })),
      protections: book.protections.map(({ id: _id, ...rest }) => ({ ...rest, editors: rest.editors ? [...rest.editors] : undefined, unprotected: [...rest.unprotected] })),
    },
  };
}

function writeCell(book: Workbook, sheet: SheetModel, row: number, column: number, cell: Cell, target: ExcelJS.Cell, excelFormula: (f: string) => string): void {
  if (cell.format !== undefined) target.numFmt = cell.format;
  if (cell.formula !== undefined) {
    const value = book.cellValue(sheet, row, column);
    let result: ExcelJS.CellFormulaValue["result"];
    if (value instanceof Date) {
      result = book.serialOf(value);
      if (cell.format === undefined) target.numFmt = "yyyy-mm-dd";
    } else if (typeof value === "string" && SHEETS_ERRORS.has(value)) result = excelError(value);
    else result = value;
    target.value = { formula: excelFormula(cell.formula).replace(/^=/, ""), result };
  } else if (cell.value !== undefined && cell.value !== "") {
    target.value = cell.value;
  }
  if (cell.note !== undefined) target.note = cell.note;
  writeStyle(target, cell.style);
}

/** Reads a cell value exceljs produced into a model constant (dates back to serials). */
function constantOf(value: ExcelJS.CellValue): Cell["value"] | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime() / DAY_MS + EXCEL_EPOCH_OFFSET;
  if (typeof value === "object" && "richText" in value) return value.richText.map((t) => t.text).join("");
  if (typeof value === "object" && "text" in value && "hyperlink" in value) return typeof value.text === "string" ? value.text : "";
  if (typeof value === "object" && "error" in value) return value.error;
  return undefined;
}

function styleOf(cell: ExcelJS.Cell): CellStyle | undefined {
  const style: { -readonly [K in keyof CellStyle]: CellStyle[K] } = {};
  if (cell.font?.bold) style.bold = true;
  const fontColor = hexOf(cell.font?.color?.argb);
  if (fontColor) style.fontColor = fontColor;
  const fill = cell.fill;
  if (fill?.type === "pattern" && fill.pattern === "solid") {
    const bg = hexOf(fill.fgColor?.argb);
    if (bg) style.background = bg;
  }
  const h = cell.alignment?.horizontal;
  if (h === "left" || h === "center" || h === "right") style.horizontalAlignment = h;
  if (cell.alignment?.wrapText) style.wrap = true;
  return Object.keys(style).length > 0 ? style : undefined;
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
 * Reads an .xlsx written by saveXlsx (or by Excel / LibreOffice) into a Workbook. With the sidecar,
 * everything modelled comes back exactly; without it, what the .xlsx holds.
 */
export async function loadXlsx(path: string, options: LoadOptions = {}): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const side = options.sidecar;
  const sheetSides = new Map((side?.sheets ?? []).map((s) => [s.name, s]));
  const book = new Workbook({
    ...(side ? { id: side.id, name: side.name, timeZone: side.timeZone, locale: side.locale, owner: side.owner, editors: side.editors } : {}),
    sheets: wb.worksheets.map((ws) => {
      const s = sheetSides.get(ws.name);
      return s ? { name: ws.name, sheetId: s.sheetId, rows: s.maxRows, columns: s.maxColumns } : { name: ws.name, rows: Math.max(1000, ws.rowCount), columns: Math.max(26, ws.columnCount) };
    }),
    ...(options.customFunctions ? { customFunctions: options.customFunctions } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  for (const ws of wb.worksheets) {
    const sheet = book.requireSheet(ws.name);
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
        if (spilledCell(spillAreas, rowNumber, columnNumberValue)) {
          const spilledStyle = styleOf(xc);
          if (spilledStyle || xc.note) {
            const cell = sheet.ensureCell(rowNumber, columnNumberValue);
            if (spilledStyle) cell.style = spilledStyle;
          }
          return;
        }
        const cell: Cell = {};
        const numFmt = xc.numFmt;
        if (numFmt && numFmt !== "General") cell.format = numFmt;
        const a1 = `${columnLetters(columnNumberValue)}${rowNumber}`;
        if (s && xc.type === ExcelJS.ValueType.Formula && s.formulas[a1] === undefined) return;
        const formula = s ? s.formulas[a1] : xc.type === ExcelJS.ValueType.Formula && xc.formula ? `=${xc.formula}` : undefined;
        if (formula !== undefined) cell.formula = formula;
        else if (xc.type !== ExcelJS.ValueType.Formula || !s) {
          const value = constantOf(xc.value);
          if (value !== undefined && value !== "") cell.value = value;
        }
        const note = xc.note;
        if (note) cell.note = typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
        const style = styleOf(xc);
        if (style) cell.style = style;
        if (Object.keys(cell).length === 0) return;
        const target = sheet.ensureCell(rowNumber, columnNumberValue);
        Object.assign(target, cell);
      });
    });
    if (s) {
      for (const [a1, formula] of Object.entries(s.formulas)) {
        const at = parseArea(a1);
        const target = sheet.ensureCell(at.row, at.column);
        delete target.value;
        target.formula = formula;
      }
    }
    sheet.reindexFormulas();
    if (s) {
      for (const [column, px] of Object.entries(s.columnWidths)) sheet.columnWidths.set(Number(column), px);
      for (const run of s.validations) {
        for (let r = run.rect.row; r < run.rect.row + run.rect.numRows; r++) {
          for (let c = run.rect.column; c < run.rect.column + run.rect.numColumns; c++) sheet.ensureCell(r, c).validation = run.rule;
        }
      }
      sheet.conditionalRules = [...s.conditionalRules];
    } else {
      ((ws.columns as ExcelJS.Column[] | null | undefined) ?? []).forEach((col, i) => {
        if (col.width !== undefined) sheet.columnWidths.set(i + 1, toPixels(col.width));
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
    for (const p of side.protections) if (book.sheet(p.sheetName)) book.addProtection({ ...p, editors: p.editors ? [...p.editors] : undefined, unprotected: [...p.unprotected] });
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
