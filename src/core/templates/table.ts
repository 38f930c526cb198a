/**
 * Tables by key, the pure half of the table adapter (src/gas/table.ts does the I/O): turns the 2D
 * values of a sheet into records keyed by column key, and records back into the blocks of cells
 * that one `setValues` per block writes. Dates travel as ISO text in the workbook's time zone
 * (`2026-03-05`, `2026-03-05T14:30:00`) so the core stays free of realms and clocks; computed
 * (formula) columns are never written, because a value in an array formula's range breaks it.
 * Untrusted text stays text (architecture rule 9): a string that starts with = + - @ (or an
 * apostrophe) is written behind a leading apostrophe so it can never become a formula.
 */
import { dayKey, fromSerial, fromWallClock, wallClock } from "../time";
import { matchHeader, resolveColumns } from "./columns";
import type { ColumnTemplate, ColumnType, SheetTemplate } from "./types";

/** A value in a record: dates as `YYYY-MM-DD`, date-times as `YYYY-MM-DDTHH:MM:SS`, blank as null. */
export type RecordValue = string | number | boolean | null;
export type TableRecord = Readonly<Record<string, RecordValue>>;

/** What is written to a cell: a string, number, boolean or Date (as `Range.setValues` accepts). */
export type CellInput = string | number | boolean | Date;

/** Where a sheet's template columns are: 0-based positions, from its header row. */
export interface TableLayout {
  readonly sheet: SheetTemplate;
  readonly columns: ReadonlyMap<string, number>;
  /** Cells in the header row up to the last non-empty one. */
  readonly width: number;
  /** 0-based positions of computed (formula) columns, which code never writes. */
  readonly computed: ReadonlySet<number>;
  /** The user's own columns: position → header text. */
  readonly extra: ReadonlyMap<number, string>;
}

/** One data row: its 1-based sheet row, the template columns by key, the user's columns by header. */
export interface TableRow {
  readonly row: number;
  readonly values: TableRecord;
  readonly extra: TableRecord;
}

/** A rectangle of cells to write with one `setValues`: 1-based top-left corner. */
export interface CellBlock {
  readonly row: number;
  readonly column: number;
  readonly values: readonly (readonly CellInput[])[];
}

/**
 * A leading character that would turn typed text into a formula (or be eaten, for `'`), or leading
 * whitespace (a space, tab, CR or LF), which cell input may trim and so alter what was typed.
 */
const FORMULA_LEAD = /^([=+\-@']|\s)/;

/**
 * Text as a cell input that stays text, exactly as typed: a leading = + - @ or ' or leading
 * whitespace gets an apostrophe in front, which Sheets hides and does not store (raw text stays
 * raw, issue 10 §6). `Range.setValues` reads strings as if typed into the cell, so
 * `=…` would become a formula; an entry typed with a leading apostrophe is kept as plain text.
 * https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)
 *
 * @example textCell("=HYPERLINK(\"http://x\")") → "'=HYPERLINK(\"http://x\")"
 * @example textCell("华东") → "华东"
 */
export function textCell(text: string): string {
  return FORMULA_LEAD.test(text) ? `'${text}` : text;
}

export function isComputed(column: Pick<ColumnTemplate, "type">): boolean {
  return column.type === "formula";
}

/** The layout of a sheet from its header row; throws `UserError` for a missing required column. */
export function tableLayout(sheet: SheetTemplate, headerRow: readonly unknown[]): TableLayout {
  const columns = resolveColumns(headerRow, sheet);
  const match = matchHeader(headerRow, sheet);
  const computed = new Set<number>();
  for (const column of sheet.columns) {
    const at = columns.get(column.key);
    if (at !== undefined && isComputed(column)) computed.add(at);
  }
  return { sheet, columns, width: match.width, computed, extra: new Map(match.extra.map((e) => [e.index, e.header])) };
}

function isDate(value: unknown): value is Date {
  // Dates from another realm (the Apps Script host's vm context) fail `instanceof Date`.
  return Object.prototype.toString.call(value) === "[object Date]";
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `YYYY-MM-DDTHH:MM:SS` on the wall clock of `timeZone`: how records carry date-times. */
export function dateTimeText(epochMs: number, timeZone: string): string {
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

const DATE_TYPES: ReadonlySet<ColumnType> = new Set(["date", "datetime"]);

/** A cell as read by `getValues` → a record value for a column of `type` (undefined: a user's column). */
export function fromCell(cell: unknown, type: ColumnType | undefined, timeZone: string): RecordValue {
  if (cell === null || cell === undefined || cell === "") return null;
  if (isDate(cell)) {
    const ms = cell.getTime();
    if (Number.isNaN(ms)) return null;
    return type === "date" ? dayKey(ms, timeZone) : dateTimeText(ms, timeZone);
  }
  if (typeof cell === "number" && type !== undefined && DATE_TYPES.has(type)) {
    const ms = fromSerial(cell, timeZone);
    return type === "date" ? dayKey(ms, timeZone) : dateTimeText(ms, timeZone);
  }
  if (typeof cell === "string" || typeof cell === "number" || typeof cell === "boolean") return cell;
  // getValues() yields only strings, numbers, booleans and Dates.
  return null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_TYPES: ReadonlySet<ColumnType> = new Set(["number", "money", "percent", "integer"]);

function dateFrom(text: string, timeZone: string): Date | null {
  const m = ISO_DATE_TIME.exec(text) ?? ISO_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const ms = fromWallClock({ year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) }, timeZone);
  return new Date(ms);
}

/**
 * A record value → the cell input for a column of `type`: ISO dates become Dates in the workbook's
 * zone, numeric text in number columns becomes a number, TRUE/FALSE in boolean columns a boolean;
 * every other string is written as text (see `textCell`).
 */
export function toCell(value: RecordValue | undefined, type: ColumnType | undefined, timeZone: string): CellInput {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return value;
  if (type !== undefined && DATE_TYPES.has(type)) return dateFrom(value, timeZone) ?? textCell(value);
  if (type !== undefined && NUMBER_TYPES.has(type) && NUMERIC.test(value.trim())) return Number(value.trim());
  if (type === "boolean" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return textCell(value);
}

/** Blank for finding rows: empty, whitespace, or an unchecked checkbox (checkbox columns read FALSE on every row). */
function isBlankCell(cell: unknown): boolean {
  return cell === null || cell === undefined || cell === false || (typeof cell === "string" && cell.trim() === "");
}

function typeAt(layout: TableLayout): Map<number, ColumnTemplate> {
  const byPosition = new Map<number, ColumnTemplate>();
  for (const column of layout.sheet.columns) {
    const at = layout.columns.get(column.key);
    if (at !== undefined) byPosition.set(at, column);
  }
  return byPosition;
}

/** Whether a data row holds anything a person or a job wrote (computed cells do not count). */
function hasData(row: readonly unknown[], layout: TableLayout): boolean {
  return row.some((cell, i) => !layout.computed.has(i) && !isBlankCell(cell));
}

/**
 * The data rows of `values` (the sheet's data range, header in row 1): blank rows skipped, every
 * template column present keyed by its key, the user's columns keyed by their header text.
 */
export function readRows(layout: TableLayout, values: readonly (readonly unknown[])[], timeZone: string): TableRow[] {
  const columnAt = typeAt(layout);
  const rows: TableRow[] = [];
  values.forEach((row, i) => {
    if (i === 0 || !hasData(row, layout)) return;
    const record: Record<string, RecordValue> = {};
    for (const [key, at] of layout.columns) record[key] = fromCell(row[at], columnAt.get(at)?.type, timeZone);
    const extra: Record<string, RecordValue> = {};
    for (const [at, header] of layout.extra) extra[header] = fromCell(row[at], undefined, timeZone);
    rows.push({ row: i + 1, values: record, extra });
  });
  return rows;
}

/** 1-based number of the last row holding data (1 = only the header). */
export function lastDataRow(layout: TableLayout, values: readonly (readonly unknown[])[]): number {
  for (let i = values.length - 1; i >= 1; i -= 1) {
    const row = values[i];
    if (row && hasData(row, layout)) return i + 1;
  }
  return 1;
}

/** Runs of adjacent positions (0-based, ascending input) as [start, length]. */
function runs(positions: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of positions) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === p) last[1] += 1;
    else out.push([p, 1]);
  }
  return out;
}

function checkKeys(layout: TableLayout, record: TableRecord): void {
  for (const key of Object.keys(record)) {
    const column = layout.sheet.columns.find((c) => c.key === key);
    if (!column) throw new Error(`${layout.sheet.key} has no column ${key}`);
    if (isComputed(column)) throw new Error(`${layout.sheet.key}.${key} is computed; it is never written`);
  }
}

/**
 * Blocks that append `records` below row `afterRow`, one block per run of writable columns (the
 * whole width when no formula column interrupts it). A template column missing from the sheet
 * (optional, removed by the user) is skipped; the installer adds it back.
 */
export function appendBlocks(layout: TableLayout, records: readonly TableRecord[], afterRow: number, timeZone: string): CellBlock[] {
  if (records.length === 0) return [];
  for (const record of records) checkKeys(layout, record);
  const columnAt = typeAt(layout);
  const width = Math.max(layout.width, ...[...layout.columns.values()].map((at) => at + 1));
  const writable = Array.from({ length: width }, (_, i) => i).filter((i) => !layout.computed.has(i));
  return runs(writable).map(([start, length]) => ({
    row: afterRow + 1,
    column: start + 1,
    values: records.map((record) =>
      Array.from({ length }, (_, j) => {
        const column = columnAt.get(start + j);
        return column ? toCell(record[column.key], column.type, timeZone) : "";
      }),
    ),
  }));
}

/** A change to one existing row: new values for some columns; other cells stay as they are. */
export interface RowUpdate {
  readonly row: number;
  readonly values: TableRecord;
}

/** A cell read back for rewriting, unchanged: its formula if it has one, else its value kept as it was. */
function unchangedCell(value: unknown, formula: string | undefined): CellInput {
  if (formula !== undefined && formula !== "") return formula;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return textCell(value);
  if (typeof value === "number" || typeof value === "boolean" || isDate(value)) return value;
  return "";
}

/**
 * Blocks that apply `updates` in one write per run of updated columns, spanning the first to the last
 * updated row. Cells in the span that no update touches are written back as they are: `current` and
 * `formulas` are the span's `getValues()` and `getFormulas()` (rows `firstRow`…, full header width),
 * so a formula stays a formula and text stays text.
 */
export function updateBlocks(
  layout: TableLayout,
  updates: readonly RowUpdate[],
  firstRow: number,
  current: readonly (readonly unknown[])[],
  formulas: readonly (readonly string[])[],
  timeZone: string,
): CellBlock[] {
  if (updates.length === 0) return [];
  const byRow = new Map<number, Record<string, RecordValue>>();
  for (const update of updates) {
    checkKeys(layout, update.values);
    if (update.row < 2) throw new Error(`row ${update.row} is not a data row`);
    byRow.set(update.row, { ...byRow.get(update.row), ...update.values });
  }
  const rowsTouched = [...byRow.keys()];
  const top = Math.min(...rowsTouched);
  const bottom = Math.max(...rowsTouched);
  if (top < firstRow || bottom - firstRow >= current.length) throw new Error(`rows ${top}..${bottom} are outside the ${current.length} rows read from ${firstRow}`);
  const columnAt = typeAt(layout);
  const touched = new Set<number>();
  for (const values of byRow.values()) for (const key of Object.keys(values)) {
    const at = layout.columns.get(key);
    if (at !== undefined) touched.add(at);
  }
  return runs([...touched].sort((a, b) => a - b)).map(([start, length]) => ({
    row: top,
    column: start + 1,
    values: Array.from({ length: bottom - top + 1 }, (_, r) => {
      const sheetRow = top + r;
      const change = byRow.get(sheetRow);
      return Array.from({ length }, (_, j) => {
        const at = start + j;
        const column = columnAt.get(at);
        if (column && change && column.key in change) return toCell(change[column.key], column.type, timeZone);
        return unchangedCell(current[sheetRow - firstRow]?.[at], formulas[sheetRow - firstRow]?.[at]);
      });
    }),
  }));
}
