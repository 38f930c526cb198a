/**
 * The local host's workbook model (src/local/spreadsheet) in the Sheets API v4's terms, both ways:
 * a spreadsheet read with `spreadsheets.get` (grid data) becomes a `Workbook` the bundle can run on,
 * and what a run changed becomes the requests of one `spreadsheets.batchUpdate`. A cell is
 * `CellData` (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#CellData):
 * its constant or formula as `userEnteredValue` (typed exactly: a string is never parsed as a date
 * or a formula), its number format, note, data validation, style and link runs.
 *
 * What a run may change and this module writes back: cell contents and the five cell attributes,
 * a sheet's size, visibility and frozen panes. Anything else a run changes (sheets added, removed
 * or renamed; protections; named ranges; conditional formats; charts; column widths) is refused
 * with `NotWrittenBackError` before a request is made, so a branch workbook is never left half
 * written by a job this host does not model.
 *
 * Node only, never bundled. The test server (tests/node) answers the same shapes from a Workbook,
 * and googleapis' own types keep both sides to the documented field names.
 */
import type { sheets_v4 } from "googleapis";
import type { GridRect } from "../local/spreadsheet/a1";
import { columnLetters, quoteSheetName } from "../local/spreadsheet/a1";
import type { Cell, CellLink, CellStyle, CriterionValue, DataValidationCriteria, DataValidationRule, ProtectionData, SheetRect } from "../local/spreadsheet/cells";
import { isDateFormat } from "../local/spreadsheet/numberFormat";
import type { SheetModel } from "../local/spreadsheet/sheetModel";
import { Workbook } from "../local/spreadsheet/workbook";

type CellData = sheets_v4.Schema$CellData;
type Request = sheets_v4.Schema$Request;
type Spreadsheet = sheets_v4.Schema$Spreadsheet;

/** A change the Node host does not write back (see the file comment); names what and where. */
export class NotWrittenBackError extends Error {
  constructor(what: string) {
    super(`not written back by the Node host: ${what}`);
    this.name = "NotWrittenBackError";
  }
}

/**
 * The `fields` of the first, small `spreadsheets.get`: each sheet's title and its cells'
 * user-entered values alone, to find the rows in use (the last row holding a constant or a formula).
 */
export const EXTENT_FIELDS = "sheets(properties(title,gridProperties(rowCount)),data(rowData(values(userEnteredValue))))";

/** Each sheet's title and its last row holding a user-entered value (0 for an empty sheet), from a read with EXTENT_FIELDS. */
export function extentsOf(spreadsheet: Spreadsheet): { readonly title: string; readonly lastRow: number; readonly rowCount: number }[] {
  return (spreadsheet.sheets ?? []).map((s) => {
    let lastRow = 0;
    for (const grid of s.data ?? []) {
      const rows = grid.rowData ?? [];
      for (let r = rows.length - 1; r >= 0; r--) {
        if ((rows[r]?.values ?? []).some((v) => v.userEnteredValue)) {
          lastRow = Math.max(lastRow, (grid.startRow ?? 0) + r + 1);
          break;
        }
      }
    }
    return { title: s.properties?.title ?? "", lastRow, rowCount: s.properties?.gridProperties?.rowCount ?? 0 };
  });
}

/**
 * The ranges of the full read: each sheet's rows in use and the one row below them. A template
 * formats and validates its columns down the whole sheet, so every empty row below the rows in
 * use is like the first one; `workbookIn` gives the rest of the sheet that row's format, style
 * and validation. Reading 1,000 rows of formats and dropdowns per sheet instead made the read of
 * a small branch 75 MB (issue 12 bench); this read is a few hundred KB.
 */
export function rangesOf(extents: ReturnType<typeof extentsOf>): string[] {
  return extents.map((e) => `${quoteSheetName(e.title)}!1:${Math.max(1, Math.min(e.rowCount, e.lastRow + 1))}`);
}

/**
 * The `fields` of the full `spreadsheets.get` that reads a branch workbook: the spreadsheet's
 * properties, every sheet's properties, cells (user-entered values, formats, notes, validation,
 * link runs), column metadata and protections, the named ranges and this project's metadata.
 * https://developers.google.com/sheets/api/guides/field-masks
 */
export const READ_FIELDS = [
  "spreadsheetId",
  "properties(title,locale,timeZone)",
  "namedRanges(name,range)",
  "developerMetadata(metadataId,metadataKey,metadataValue)",
  "sheets(properties(sheetId,title,index,hidden,gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount))",
  "sheets.protectedRanges(protectedRangeId,range,description,warningOnly,unprotectedRanges,editors(users,domainUsersCanEdit))",
  "sheets.data(startRow,startColumn,columnMetadata(pixelSize,hiddenByUser),rowData(values(userEnteredValue,userEnteredFormat(numberFormat,textFormat(bold,foregroundColor),backgroundColor,horizontalAlignment,wrapStrategy),note,dataValidation,textFormatRuns)))",
].join(",");

// ------------------------------------------------------------------ colours, styles, formats

function hexOfColor(color: sheets_v4.Schema$Color | undefined | null): string | undefined {
  if (!color) return undefined;
  const part = (v: number | null | undefined): string => Math.round((v ?? 0) * 255).toString(16).padStart(2, "0");
  return `#${part(color.red)}${part(color.green)}${part(color.blue)}`;
}

function colorOfHex(hex: string): sheets_v4.Schema$Color {
  const n = (i: number): number => parseInt(hex.slice(i, i + 2), 16) / 255;
  return { red: n(1), green: n(3), blue: n(5) };
}

const ALIGN_OUT: Readonly<Record<NonNullable<CellStyle["horizontalAlignment"]>, string>> = { left: "LEFT", center: "CENTER", right: "RIGHT", general: "HORIZONTAL_ALIGN_UNSPECIFIED" };

function formatOf(cell: Cell): sheets_v4.Schema$CellFormat | undefined {
  const out: sheets_v4.Schema$CellFormat = {};
  if (cell.format !== undefined) {
    // The API wants a type with the pattern; the model keeps the pattern, as Range.getNumberFormat gives it.
    const type = cell.format === "@" ? "TEXT" : isDateFormat(cell.format) ? (/[Hhms]/.test(cell.format) ? "DATE_TIME" : "DATE") : "NUMBER";
    out.numberFormat = { type, pattern: cell.format };
  }
  const s = cell.style;
  if (s) {
    if (s.bold !== undefined || s.fontColor !== undefined) {
      out.textFormat = { ...(s.bold !== undefined ? { bold: s.bold } : {}), ...(s.fontColor !== undefined ? { foregroundColor: colorOfHex(s.fontColor) } : {}) };
    }
    if (s.background !== undefined) out.backgroundColor = colorOfHex(s.background);
    if (s.horizontalAlignment !== undefined) out.horizontalAlignment = ALIGN_OUT[s.horizontalAlignment];
    if (s.wrap !== undefined) out.wrapStrategy = s.wrap ? "WRAP" : "OVERFLOW_CELL";
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function styleOf(format: sheets_v4.Schema$CellFormat | undefined | null): CellStyle | undefined {
  if (!format) return undefined;
  const style: { -readonly [K in keyof CellStyle]: CellStyle[K] } = {};
  if (typeof format.textFormat?.bold === "boolean") style.bold = format.textFormat.bold;
  const fontColor = hexOfColor(format.textFormat?.foregroundColor);
  if (fontColor !== undefined) style.fontColor = fontColor;
  const background = hexOfColor(format.backgroundColor);
  if (background !== undefined) style.background = background;
  const align = Object.entries(ALIGN_OUT).find(([, api]) => api === format.horizontalAlignment)?.[0] as CellStyle["horizontalAlignment"] | undefined;
  if (align !== undefined) style.horizontalAlignment = align;
  if (format.wrapStrategy === "WRAP") style.wrap = true;
  else if (format.wrapStrategy === "OVERFLOW_CELL") style.wrap = false;
  return Object.keys(style).length > 0 ? style : undefined;
}

// ------------------------------------------------------------------ data validation

/** A range as a formula reference, the form ONE_OF_RANGE takes (`='People'!B2:B1000`). */
function rangeFormula(target: SheetRect): string {
  const r = target.rect;
  return `=${quoteSheetName(target.sheetName)}!${columnLetters(r.column)}${r.row}:${columnLetters(r.column + r.numColumns - 1)}${r.row + r.numRows - 1}`;
}

function rectOfFormula(formula: string): SheetRect | undefined {
  const m = /^=(?:'((?:[^']|'')+)'|([^!]+))!([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(formula);
  if (!m) return undefined;
  const col = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[3] ?? "A");
  const r1 = Number(m[4]);
  return { sheetName: (m[1] ?? m[2] ?? "").replace(/''/g, "'"), rect: { row: r1, column: c1, numRows: Number(m[6]) - r1 + 1, numColumns: col(m[5] ?? "A") - c1 + 1 } };
}

const CONDITION: Readonly<Record<Exclude<DataValidationCriteria, "VALUE_IN_LIST" | "VALUE_IN_RANGE">, string>> = {
  NUMBER_BETWEEN: "NUMBER_BETWEEN",
  NUMBER_GREATER_THAN: "NUMBER_GREATER",
  NUMBER_GREATER_THAN_OR_EQUAL_TO: "NUMBER_GREATER_THAN_EQ",
  NUMBER_LESS_THAN_OR_EQUAL_TO: "NUMBER_LESS_THAN_EQ",
  DATE_IS_VALID_DATE: "DATE_IS_VALID",
  TEXT_IS_VALID_EMAIL: "TEXT_IS_EMAIL",
  CHECKBOX: "BOOLEAN",
};

/** https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/other#DataValidationRule */
export function validationOut(rule: DataValidationRule): sheets_v4.Schema$DataValidationRule {
  const base = { strict: !rule.allowInvalid, ...(rule.helpText !== null ? { inputMessage: rule.helpText } : {}) };
  const scalar = (v: CriterionValue): string => (typeof v === "object" ? JSON.stringify(v) : String(v));
  switch (rule.criteria) {
    case "VALUE_IN_LIST": {
      const [list, dropdown] = rule.values;
      const items = Array.isArray(list) ? (list as readonly string[]) : [];
      return { ...base, showCustomUi: dropdown !== false, condition: { type: "ONE_OF_LIST", values: items.map((v) => ({ userEnteredValue: v })) } };
    }
    case "VALUE_IN_RANGE": {
      const [target, dropdown] = rule.values;
      if (target === undefined || typeof target !== "object" || Array.isArray(target)) throw new NotWrittenBackError("a VALUE_IN_RANGE validation without its range");
      return { ...base, showCustomUi: dropdown !== false, condition: { type: "ONE_OF_RANGE", values: [{ userEnteredValue: rangeFormula(target as SheetRect) }] } };
    }
    default:
      return { ...base, condition: { type: CONDITION[rule.criteria], ...(rule.values.length > 0 ? { values: rule.values.map((v) => ({ userEnteredValue: scalar(v) })) } : {}) } };
  }
}

export function validationIn(rule: sheets_v4.Schema$DataValidationRule): DataValidationRule | undefined {
  const type = rule.condition?.type ?? "";
  const values = (rule.condition?.values ?? []).map((v) => v.userEnteredValue ?? "");
  const common = { allowInvalid: rule.strict !== true, helpText: rule.inputMessage ?? null };
  if (type === "ONE_OF_LIST") return { criteria: "VALUE_IN_LIST", values: [values, rule.showCustomUi === true], ...common };
  if (type === "ONE_OF_RANGE") {
    const target = rectOfFormula(values[0] ?? "");
    return target ? { criteria: "VALUE_IN_RANGE", values: [target, rule.showCustomUi === true], ...common } : undefined;
  }
  const criteria = (Object.entries(CONDITION).find(([, api]) => api === type)?.[0] ?? undefined) as DataValidationCriteria | undefined;
  if (criteria === undefined) return undefined;
  const typed = values.map((v): string | number | boolean => (criteria === "CHECKBOX" ? (v === "true" ? true : v === "false" ? false : v) : Number.isFinite(Number(v)) && v !== "" ? Number(v) : v));
  return { criteria, values: typed, ...common };
}

// ------------------------------------------------------------------ links

/** Link runs (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#TextFormatRun): each link opens a run, a plain run follows it. */
function runsOf(links: readonly CellLink[] | undefined, text: string): sheets_v4.Schema$TextFormatRun[] {
  if (!links || links.length === 0) return [];
  const runs: sheets_v4.Schema$TextFormatRun[] = [];
  const sorted = [...links].sort((a, b) => a.start - b.start);
  sorted.forEach((link, i) => {
    runs.push({ startIndex: link.start, format: { link: { uri: link.url } } });
    const next = sorted[i + 1];
    if (link.end < text.length && next?.start !== link.end) runs.push({ startIndex: link.end, format: {} });
  });
  return runs;
}

function linksOf(runs: readonly sheets_v4.Schema$TextFormatRun[] | undefined | null, text: string): CellLink[] | undefined {
  if (!runs || runs.length === 0) return undefined;
  const out: CellLink[] = [];
  runs.forEach((run, i) => {
    const uri = run.format?.link?.uri;
    if (!uri) return;
    const start = run.startIndex ?? 0;
    out.push({ start, end: runs[i + 1]?.startIndex ?? text.length, url: uri });
  });
  return out.length > 0 ? out : undefined;
}

// ------------------------------------------------------------------ cells

/** A model cell as CellData (everything it holds). */
export function cellOut(cell: Cell | undefined): CellData {
  if (!cell) return {};
  const out: CellData = {};
  if (cell.formula !== undefined) out.userEnteredValue = { formulaValue: cell.formula };
  else if (typeof cell.value === "number") out.userEnteredValue = { numberValue: cell.value };
  else if (typeof cell.value === "boolean") out.userEnteredValue = { boolValue: cell.value };
  else if (typeof cell.value === "string" && cell.value !== "") out.userEnteredValue = { stringValue: cell.value };
  const format = formatOf(cell);
  if (format) out.userEnteredFormat = format;
  if (cell.note !== undefined) out.note = cell.note;
  if (cell.validation !== undefined) out.dataValidation = validationOut(cell.validation);
  const runs = runsOf(cell.links, typeof cell.value === "string" ? cell.value : "");
  if (runs.length > 0) out.textFormatRuns = runs;
  return out;
}

/** CellData as a model cell; undefined when it holds nothing the model keeps. */
export function cellIn(data: CellData | undefined | null): Cell | undefined {
  if (!data) return undefined;
  const cell: Cell = {};
  const v = data.userEnteredValue;
  if (typeof v?.formulaValue === "string") cell.formula = v.formulaValue;
  else if (typeof v?.numberValue === "number") cell.value = v.numberValue;
  else if (typeof v?.boolValue === "boolean") cell.value = v.boolValue;
  else if (typeof v?.stringValue === "string" && v.stringValue !== "") cell.value = v.stringValue;
  const pattern = data.userEnteredFormat?.numberFormat?.pattern;
  if (typeof pattern === "string" && pattern !== "") cell.format = pattern;
  const style = styleOf(data.userEnteredFormat);
  if (style) cell.style = style;
  if (typeof data.note === "string" && data.note !== "") cell.note = data.note;
  if (data.dataValidation) {
    const rule = validationIn(data.dataValidation);
    if (rule) cell.validation = rule;
  }
  const links = linksOf(data.textFormatRuns, typeof cell.value === "string" ? cell.value : "");
  if (links) cell.links = links;
  return Object.keys(cell).length > 0 ? cell : undefined;
}

/** The parts of a cell a write names in its `fields` mask; each maps to the CellData fields it covers. */
export type CellPart = "value" | "format" | "style" | "note" | "validation" | "links";

const PART_FIELDS: Readonly<Record<CellPart, string>> = {
  value: "userEnteredValue",
  format: "userEnteredFormat.numberFormat",
  style: "userEnteredFormat.textFormat.bold,userEnteredFormat.textFormat.foregroundColor,userEnteredFormat.backgroundColor,userEnteredFormat.horizontalAlignment,userEnteredFormat.wrapStrategy",
  note: "note",
  validation: "dataValidation",
  links: "textFormatRuns",
};

export function fieldsOf(parts: ReadonlySet<CellPart>): string {
  return (Object.keys(PART_FIELDS) as CellPart[]).filter((p) => parts.has(p)).map((p) => PART_FIELDS[p]).join(",");
}

/** Which parts a `fields` mask of an updateCells request covers (the ones this module writes). */
export function partsOfFields(fields: string): Set<CellPart> {
  const named = new Set(fields.split(",").map((f) => f.trim()));
  const out = new Set<CellPart>();
  for (const part of Object.keys(PART_FIELDS) as CellPart[]) if (PART_FIELDS[part].split(",").some((f) => named.has(f) || named.has("*"))) out.add(part);
  return out;
}

/** Applies `data`'s `parts` to a model cell (the fields an updateCells request names). */
export function applyParts(cell: Cell, data: CellData, parts: ReadonlySet<CellPart>): void {
  const incoming = cellIn(data) ?? {};
  if (parts.has("value")) {
    delete cell.value;
    delete cell.formula;
    if (incoming.formula !== undefined) cell.formula = incoming.formula;
    else if (incoming.value !== undefined) cell.value = incoming.value;
  }
  const copy = <K extends "format" | "style" | "note" | "validation" | "links">(part: CellPart, key: K): void => {
    if (!parts.has(part)) return;
    if (incoming[key] === undefined) delete cell[key];
    else cell[key] = incoming[key];
  };
  copy("format", "format");
  copy("style", "style");
  copy("note", "note");
  copy("validation", "validation");
  copy("links", "links");
}

function partsThatDiffer(a: Cell | undefined, b: Cell | undefined): CellPart[] {
  const same = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);
  const out: CellPart[] = [];
  if (a?.value !== b?.value || a?.formula !== b?.formula) out.push("value");
  if (a?.format !== b?.format) out.push("format");
  if (!same(a?.style, b?.style)) out.push("style");
  if (a?.note !== b?.note) out.push("note");
  if (!same(a?.validation, b?.validation)) out.push("validation");
  if (!same(a?.links, b?.links)) out.push("links");
  return out;
}

// ------------------------------------------------------------------ whole workbooks

export interface ReadWorkbook {
  readonly workbook: Workbook;
  /** This project's developer metadata on the spreadsheet, by key. */
  readonly metadata: ReadonlyMap<string, { readonly id: number; readonly value: string }>;
}

/** A spreadsheet read with READ_FIELDS as a Workbook (owned by `owner`, who runs the job). */
export function workbookIn(spreadsheet: Spreadsheet, owner: string): ReadWorkbook {
  const sheets = [...(spreadsheet.sheets ?? [])].sort((a, b) => (a.properties?.index ?? 0) - (b.properties?.index ?? 0));
  const book = new Workbook({
    id: spreadsheet.spreadsheetId ?? "",
    name: spreadsheet.properties?.title ?? "",
    timeZone: spreadsheet.properties?.timeZone ?? "Etc/GMT",
    locale: spreadsheet.properties?.locale ?? "en_US",
    owner,
    sheets: sheets.map((s) => ({
      name: s.properties?.title ?? "",
      sheetId: s.properties?.sheetId ?? 0,
      rows: s.properties?.gridProperties?.rowCount ?? 1000,
      columns: s.properties?.gridProperties?.columnCount ?? 26,
    })),
  });
  for (const s of sheets) {
    const sheet = book.requireSheet(s.properties?.title ?? "");
    sheet.hidden = s.properties?.hidden === true;
    sheet.frozenRows = s.properties?.gridProperties?.frozenRowCount ?? 0;
    sheet.frozenColumns = s.properties?.gridProperties?.frozenColumnCount ?? 0;
    for (const grid of s.data ?? []) {
      const row0 = grid.startRow ?? 0;
      const col0 = grid.startColumn ?? 0;
      (grid.columnMetadata ?? []).forEach((m, i) => {
        if (typeof m.pixelSize === "number" && m.pixelSize !== 100) sheet.columnWidths.set(col0 + i + 1, m.pixelSize);
        if (m.hiddenByUser === true) sheet.hiddenColumns.add(col0 + i + 1);
      });
      const rowData = grid.rowData ?? [];
      rowData.forEach((row, r) => {
        (row?.values ?? []).forEach((data, c) => {
          const cell = cellIn(data);
          if (cell) Object.assign(sheet.ensureCell(row0 + r + 1, col0 + c + 1), cell);
        });
      });
      extendPattern(sheet, row0 + rowData.length);
    }
    sheet.reindexFormulas();
    for (const p of s.protectedRanges ?? []) book.restoreProtection(protectionIn(p, sheet));
  }
  for (const named of spreadsheet.namedRanges ?? []) {
    const target = sheetRectIn(book, named.range);
    if (named.name && target) book.setNamedRange(named.name, target);
  }
  const metadata = new Map<string, { id: number; value: string }>();
  for (const m of spreadsheet.developerMetadata ?? []) if (m.metadataKey) metadata.set(m.metadataKey, { id: m.metadataId ?? 0, value: m.metadataValue ?? "" });
  return { workbook: book, metadata };
}

/**
 * When the read stopped at an empty row above the sheet's end (`rangesOf`), that row's format,
 * style and validation down to the last row: what the template gave every empty row.
 */
function extendPattern(sheet: SheetModel, lastRead: number): void {
  if (lastRead < 1 || lastRead >= sheet.maxRows) return;
  const pattern = sheet.rows[lastRead - 1] ?? [];
  const parts: Cell[] = [];
  for (let c = 0; c < pattern.length; c++) {
    const cell = pattern[c];
    if (!cell) continue;
    // A row holding a value is a row in use, not the empty row below them: nothing to extend.
    if (cell.formula !== undefined || (cell.value !== undefined && cell.value !== "") || cell.note !== undefined || cell.links !== undefined) return;
  }
  for (let c = 0; c < pattern.length; c++) {
    const cell = pattern[c];
    if (!cell) continue;
    const kept: Cell = {};
    if (cell.format !== undefined) kept.format = cell.format;
    if (cell.style !== undefined) kept.style = cell.style;
    if (cell.validation !== undefined) kept.validation = cell.validation;
    parts[c] = kept;
  }
  for (let r = lastRead + 1; r <= sheet.maxRows; r++) {
    parts.forEach((kept, i) => {
      if (Object.keys(kept).length > 0) Object.assign(sheet.ensureCell(r, i + 1), structuredClone(kept));
    });
  }
}

function gridRectIn(range: sheets_v4.Schema$GridRange | undefined | null, sheet: SheetModel): GridRect {
  const row = (range?.startRowIndex ?? 0) + 1;
  const column = (range?.startColumnIndex ?? 0) + 1;
  return { row, column, numRows: (range?.endRowIndex ?? sheet.maxRows) - row + 1, numColumns: (range?.endColumnIndex ?? sheet.maxColumns) - column + 1 };
}

function sheetRectIn(book: Workbook, range: sheets_v4.Schema$GridRange | undefined | null): SheetRect | undefined {
  const sheet = book.sheetById(range?.sheetId ?? 0);
  return sheet ? { sheetName: sheet.name, rect: gridRectIn(range, sheet) } : undefined;
}

/** https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.sheets#ProtectedRange */
function protectionIn(p: sheets_v4.Schema$ProtectedRange, sheet: SheetModel): ProtectionData {
  const range = p.range ?? {};
  const whole = range.startRowIndex == null && range.endRowIndex == null && range.startColumnIndex == null && range.endColumnIndex == null;
  return {
    id: p.protectedRangeId ?? 0,
    type: whole ? "SHEET" : "RANGE",
    sheetName: sheet.name,
    rect: whole ? undefined : gridRectIn(range, sheet),
    ...(range.endRowIndex == null || range.endColumnIndex == null ? (whole ? {} : { openEnd: { rows: range.endRowIndex == null, columns: range.endColumnIndex == null } }) : {}),
    description: p.description ?? "",
    editors: p.editors?.users ? [...p.editors.users] : undefined,
    warningOnly: p.warningOnly === true,
    domainEdit: p.editors?.domainUsersCanEdit === true,
    unprotected: (p.unprotectedRanges ?? []).map((u) => gridRectIn(u, sheet)),
  };
}

/** What a workbook holds before a run, to tell afterwards what the run changed. */
export interface Baseline {
  readonly sheets: ReadonlyMap<number, { readonly name: string; readonly maxRows: number; readonly maxColumns: number; readonly hidden: boolean; readonly frozen: readonly [number, number]; readonly cells: ReadonlyMap<string, Cell>; readonly rest: string }>;
  readonly book: string;
}

function sheetRest(sheet: SheetModel): string {
  return JSON.stringify({ widths: [...sheet.columnWidths], hiddenColumns: [...sheet.hiddenColumns], rules: sheet.conditionalRules, charts: sheet.charts, tab: sheet.tabColor });
}

function bookRest(book: Workbook): string {
  return JSON.stringify({ protections: book.protections, named: book.namedRanges(), order: book.sheets.map((s) => s.sheetId) });
}

export function baselineOf(book: Workbook): Baseline {
  const sheets = new Map<number, Baseline["sheets"] extends ReadonlyMap<number, infer V> ? V : never>();
  for (const sheet of book.sheets) {
    const cells = new Map<string, Cell>();
    sheet.forEachCell((r, c, cell) => cells.set(`${r},${c}`, structuredClone(cell)));
    sheets.set(sheet.sheetId, { name: sheet.name, maxRows: sheet.maxRows, maxColumns: sheet.maxColumns, hidden: sheet.hidden, frozen: [sheet.frozenRows, sheet.frozenColumns], cells, rest: sheetRest(sheet) });
  }
  return { sheets, book: bookRest(book) };
}

/** What one run changed, as the requests of one spreadsheets.batchUpdate; `cells` counts the cells written. */
export interface WriteBack {
  readonly requests: Request[];
  readonly cells: number;
}

/**
 * The requests that make the spreadsheet what the run left in the model: sheet properties first
 * (a sheet grows before rows beyond its old end are written), then one updateCells per run of
 * consecutive rows changed over the same columns and parts. Each cell is written with absolute
 * coordinates and whole values, so applying the batch twice leaves what applying it once does.
 */
export function writeBackOf(before: Baseline, book: Workbook): WriteBack {
  if (bookRest(book) !== before.book) throw new NotWrittenBackError("the run changed sheets' order, protections or named ranges");
  const requests: Request[] = [];
  const updates: Request[] = [];
  let written = 0;
  if (book.sheets.length !== before.sheets.size) throw new NotWrittenBackError("the run added or removed a sheet");
  for (const sheet of book.sheets) {
    const was = before.sheets.get(sheet.sheetId);
    if (!was) throw new NotWrittenBackError(`the run added sheet "${sheet.name}"`);
    if (was.name !== sheet.name) throw new NotWrittenBackError(`the run renamed sheet "${was.name}" to "${sheet.name}"`);
    if (sheetRest(sheet) !== was.rest) throw new NotWrittenBackError(`the run changed column widths, conditional formats or charts of "${sheet.name}"`);
    const props: sheets_v4.Schema$SheetProperties = { sheetId: sheet.sheetId };
    const fields: string[] = [];
    if (sheet.hidden !== was.hidden) {
      props.hidden = sheet.hidden;
      fields.push("hidden");
    }
    const grid: sheets_v4.Schema$GridProperties = {};
    const gridField = (changed: boolean, key: "rowCount" | "columnCount" | "frozenRowCount" | "frozenColumnCount", value: number): void => {
      if (!changed) return;
      grid[key] = value;
      fields.push(`gridProperties.${key}`);
    };
    gridField(sheet.maxRows !== was.maxRows, "rowCount", sheet.maxRows);
    gridField(sheet.maxColumns !== was.maxColumns, "columnCount", sheet.maxColumns);
    gridField(sheet.frozenRows !== was.frozen[0], "frozenRowCount", sheet.frozenRows);
    gridField(sheet.frozenColumns !== was.frozen[1], "frozenColumnCount", sheet.frozenColumns);
    if (Object.keys(grid).length > 0) props.gridProperties = grid;
    if (fields.length > 0) requests.push({ updateSheetProperties: { properties: props, fields: fields.join(",") } });
    // Changed cells by row: the columns they span and the parts that changed.
    const rows = new Map<number, { first: number; last: number; parts: Set<CellPart> }>();
    const note = (r: number, c: number, parts: readonly CellPart[]): void => {
      if (parts.length === 0 || r > sheet.maxRows) return;
      const at = rows.get(r) ?? { first: c, last: c, parts: new Set<CellPart>() };
      at.first = Math.min(at.first, c);
      at.last = Math.max(at.last, c);
      for (const p of parts) at.parts.add(p);
      // A new value drops a cell's links in Sheets as in the model: write the runs with it.
      if (at.parts.has("value")) at.parts.add("links");
      rows.set(r, at);
    };
    sheet.forEachCell((r, c, cell) => note(r, c, partsThatDiffer(was.cells.get(`${r},${c}`), cell)));
    for (const [key, cell] of was.cells) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      if (!sheet.cell(r, c)) note(r, c, partsThatDiffer(cell, undefined));
    }
    const ordered = [...rows.entries()].sort(([a], [b]) => a - b);
    let i = 0;
    while (i < ordered.length) {
      const [startRow, span] = ordered[i] as [number, { first: number; last: number; parts: Set<CellPart> }];
      let end = i + 1;
      const key = (s: { first: number; last: number; parts: Set<CellPart> }): string => `${s.first}:${s.last}:${fieldsOf(s.parts)}`;
      while (end < ordered.length && ordered[end]?.[0] === startRow + (end - i) && key(ordered[end]?.[1] as typeof span) === key(span)) end++;
      const rowData: sheets_v4.Schema$RowData[] = [];
      for (let r = startRow; r < startRow + (end - i); r++) {
        const values: CellData[] = [];
        for (let c = span.first; c <= span.last; c++) values.push(cellOut(sheet.cell(r, c)));
        rowData.push({ values });
        written += span.last - span.first + 1;
      }
      updates.push({ updateCells: { start: { sheetId: sheet.sheetId, rowIndex: startRow - 1, columnIndex: span.first - 1 }, rows: rowData, fields: fieldsOf(span.parts) } });
      i = end;
    }
  }
  return { requests: [...requests, ...updates], cells: written };
}
