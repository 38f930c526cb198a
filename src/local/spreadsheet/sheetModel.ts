/**
 * One sheet of the local spreadsheet: a sparse grid of cells plus the sheet-level state Apps Script
 * exposes (size, frozen rows and columns, hidden, tab colour, column widths, conditional-format
 * rules). Plain arrays of rows keep `setValues` over tens of thousands of rows cheap. Rows and
 * columns are 1-based in every method, as in Apps Script.
 */
import type { Cell, ChartData, ConditionalFormatRuleData } from "./cells";

/** Size of a sheet Sheets creates: 1000 rows, 26 columns (A:Z). */
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
/** Column width in pixels of a new sheet (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getColumnWidth(Integer)). */
export const DEFAULT_COLUMN_WIDTH = 100;

/** Key of a cell in sets and maps: fits rows up to Sheets' 10 million cells and 32k columns. */
export function cellKey(row: number, column: number): number {
  return row * 32768 + column;
}

export function keyRow(key: number): number {
  return Math.floor(key / 32768);
}

export function keyColumn(key: number): number {
  return key % 32768;
}

export class SheetModel {
  name: string;
  readonly sheetId: number;
  maxRows: number;
  maxColumns: number;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  readonly columnWidths = new Map<number, number>();
  /** Columns (1-based) hidden by Sheet.hideColumns, as Sheet.isColumnHiddenByUser reports them. */
  readonly hiddenColumns = new Set<number>();
  conditionalRules: ConditionalFormatRuleData[] = [];
  /** Embedded charts, in insertion order (Sheet.getCharts). */
  charts: ChartData[] = [];
  /** rows[row - 1][column - 1] */
  readonly rows: (Array<Cell | undefined> | undefined)[] = [];
  /** Keys (cellKey) of the cells holding a formula. */
  readonly formulaCells = new Set<number>();

  constructor(name: string, sheetId: number, maxRows = DEFAULT_ROWS, maxColumns = DEFAULT_COLUMNS) {
    this.name = name;
    this.sheetId = sheetId;
    this.maxRows = maxRows;
    this.maxColumns = maxColumns;
  }

  cell(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  ensureCell(row: number, column: number): Cell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[column - 1];
    if (!c) {
      c = {};
      r[column - 1] = c;
    }
    return c;
  }

  /**
   * Forgets the cell at (row, column) when nothing is left in it (no content, format, note,
   * validation or style), so clearing a cell leaves the sheet as if it had never been touched.
   */
  prune(row: number, column: number): void {
    const r = this.rows[row - 1];
    const c = r?.[column - 1];
    if (r && c && isEmptyCell(c)) r[column - 1] = undefined;
  }

  /** Last row holding a constant or a formula (formats and notes do not count), 0 when empty. */
  contentLastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row?.some((c) => c !== undefined && (c.formula !== undefined || (c.value !== undefined && c.value !== "")))) return r;
    }
    return 0;
  }

  /** Last column holding a constant or a formula, 0 when empty. */
  contentLastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        const cell = row[c - 1];
        if (cell && (cell.formula !== undefined || (cell.value !== undefined && cell.value !== ""))) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Visits every stored cell, row by row. */
  forEachCell(visit: (row: number, column: number, cell: Cell) => void): void {
    this.rows.forEach((row, r) => {
      row?.forEach((cell, c) => {
        if (cell) visit(r + 1, c + 1, cell);
      });
    });
  }

  /** Re-derives the set of formula cells after cells moved. */
  reindexFormulas(): void {
    this.formulaCells.clear();
    this.forEachCell((row, column, cell) => {
      if (cell.formula !== undefined) this.formulaCells.add(cellKey(row, column));
    });
  }

  /** Inserts `count` empty rows after `after`; new rows take the formats, validation and style of row `after`. */
  insertRows(after: number, count: number): void {
    const template = after >= 1 ? this.rows[after - 1] : undefined;
    this.maxRows += count;
    // Rows past the last stored one are empty already: growing the sheet there stores nothing.
    if (!template && after >= this.rows.length) return;
    const fresh: (Array<Cell | undefined> | undefined)[] = [];
    for (let i = 0; i < count; i++) fresh.push(template ? template.map((c) => (c ? inheritFormat(c) : undefined)) : undefined);
    while (this.rows.length < after) this.rows.push(undefined);
    // In slices: spreading hundreds of thousands of rows into one call overflows the stack.
    const atEnd = after >= this.rows.length;
    for (let i = 0; i < fresh.length; i += 10_000) this.rows.splice(after + i, 0, ...fresh.slice(i, i + 10_000));
    // New rows carry formats, never formulas: rows added below the last stored one move no formula,
    // so the index stays right (a re-index visits every cell, which made each growth of a long
    // Approvals or Audit sheet cost in proportion to its history).
    if (!atEnd) this.reindexFormulas();
  }

  /** Removes rows `start` … `start + count - 1` (1-based); the rows below move up. */
  deleteRows(start: number, count: number): void {
    this.maxRows -= count;
    if (start <= this.rows.length) this.rows.splice(start - 1, count);
    this.reindexFormulas();
  }

  /** Inserts `count` empty columns after `after`; new columns take the formats of column `after`. */
  insertColumns(after: number, count: number): void {
    for (const row of this.rows) {
      if (!row || row.length < after) continue;
      const template = after >= 1 ? row[after - 1] : undefined;
      const fresh: (Cell | undefined)[] = [];
      for (let i = 0; i < count; i++) fresh.push(template ? inheritFormat(template) : undefined);
      row.splice(after, 0, ...fresh);
    }
    const widths = [...this.columnWidths.entries()];
    this.columnWidths.clear();
    for (const [col, w] of widths) this.columnWidths.set(col > after ? col + count : col, w);
    // Hidden columns move with their content (a column inserted beside one is visible).
    const hidden = [...this.hiddenColumns];
    this.hiddenColumns.clear();
    for (const col of hidden) this.hiddenColumns.add(col > after ? col + count : col);
    this.maxColumns += count;
    this.reindexFormulas();
  }
}

/** True when a cell holds nothing at all. */
export function isEmptyCell(cell: Cell): boolean {
  return cell.value === undefined && cell.formula === undefined && cell.format === undefined && cell.note === undefined && cell.validation === undefined && cell.style === undefined && cell.links === undefined;
}

function inheritFormat(cell: Cell): Cell | undefined {
  const out: Cell = {};
  if (cell.format !== undefined) out.format = cell.format;
  if (cell.validation !== undefined) out.validation = cell.validation;
  if (cell.style !== undefined) out.style = cell.style;
  return Object.keys(out).length > 0 ? out : undefined;
}
