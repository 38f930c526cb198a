/**
 * A1 notation for the local spreadsheet: column letters, cell and range addresses, sheet-qualified
 * references and the open-ended forms Sheets accepts (`A2:C` = rows 2 to the sheet's last row,
 * `B:B` = a whole column, `2:2` = a whole row). Everything here is 1-based like Apps Script
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(String)).
 */

/** A rectangle of cells, 1-based, as Apps Script's Range describes itself. */
export interface GridRect {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

/** A parsed A1 reference. Missing bounds are open: they run to the edge of the sheet. */
export interface A1Reference {
  readonly sheetName: string | undefined;
  readonly startRow: number | undefined;
  readonly startColumn: number | undefined;
  readonly endRow: number | undefined;
  readonly endColumn: number | undefined;
}

/** The error Apps Script gives for an A1 string it cannot read. */
export const RANGE_NOT_FOUND = "Range not found";

/** `1 → A`, `27 → AA`. */
export function columnLetters(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `A → 1`, `aa → 27`. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A sheet name as it must appear before `!`: quoted when it is not a plain identifier. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

interface Bound {
  readonly row: number | undefined;
  readonly column: number | undefined;
}

function parseBound(text: string): Bound | undefined {
  let m = CELL.exec(text);
  if (m) return { column: columnNumber(m[1] ?? ""), row: Number(m[2]) };
  m = COLUMN.exec(text);
  if (m) return { column: columnNumber(m[1] ?? ""), row: undefined };
  m = ROW.exec(text);
  if (m) return { column: undefined, row: Number(m[1]) };
  return undefined;
}

/** Splits `'My sheet'!A1:B2` into the sheet name (unquoted) and the address part. */
function splitSheet(text: string): { sheetName: string | undefined; address: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith("'")) {
    const close = trimmed.lastIndexOf("'!");
    if (close > 0) return { sheetName: trimmed.slice(1, close).replace(/''/g, "'"), address: trimmed.slice(close + 2) };
    throw new Error(RANGE_NOT_FOUND);
  }
  const bang = trimmed.lastIndexOf("!");
  if (bang >= 0) return { sheetName: trimmed.slice(0, bang), address: trimmed.slice(bang + 1) };
  return { sheetName: undefined, address: trimmed };
}

/** Parses `A1`, `A1:B2`, `A2:C`, `B:B`, `2:3`, optionally prefixed with a sheet. Throws `Range not found`. */
export function parseA1(text: string): A1Reference {
  const { sheetName, address } = splitSheet(text);
  const parts = address.split(":");
  if (parts.length < 1 || parts.length > 2) throw new Error(RANGE_NOT_FOUND);
  const first = parseBound(parts[0] ?? "");
  if (!first) throw new Error(RANGE_NOT_FOUND);
  if (parts.length === 1) {
    if (first.row === undefined || first.column === undefined) throw new Error(RANGE_NOT_FOUND);
    return { sheetName, startRow: first.row, startColumn: first.column, endRow: first.row, endColumn: first.column };
  }
  const second = parseBound(parts[1] ?? "");
  if (!second) throw new Error(RANGE_NOT_FOUND);
  // A whole column (B:D) or whole row (2:5) needs both ends of the same kind.
  if (first.row === undefined && second.row !== undefined && second.column !== undefined) throw new Error(RANGE_NOT_FOUND);
  if (first.column === undefined && second.column !== undefined && second.row !== undefined) throw new Error(RANGE_NOT_FOUND);
  return { sheetName, startRow: first.row, startColumn: first.column, endRow: second.row, endColumn: second.column };
}

/** Resolves open bounds against the sheet's size and orders the corners. */
export function resolveA1(ref: A1Reference, maxRows: number, maxColumns: number): GridRect {
  const r1 = ref.startRow ?? 1;
  const c1 = ref.startColumn ?? 1;
  const r2 = ref.endRow ?? maxRows;
  const c2 = ref.endColumn ?? maxColumns;
  const top = Math.min(r1, r2);
  const left = Math.min(c1, c2);
  return { row: top, column: left, numRows: Math.max(r1, r2) - top + 1, numColumns: Math.max(c1, c2) - left + 1 };
}

/** `A1` for one cell, `A1:B2` otherwise (Range.getA1Notation never includes the sheet). */
export function toA1(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** True when the two rectangles share at least one cell. */
export function intersects(a: GridRect, b: GridRect): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.column < b.column + b.numColumns && b.column < a.column + a.numColumns;
}

/** True when `inner` lies entirely inside `outer`. */
export function contains(outer: GridRect, inner: GridRect): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns
  );
}
