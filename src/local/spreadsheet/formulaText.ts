/**
 * Reading and rewriting the cell references inside a Sheets formula's text.
 *
 * The local spreadsheet keeps every formula as the Sheets text the script wrote, and derives from it:
 * the text the formula engine gets (open ranges such as `B2:B` made concrete, since HyperFormula has
 * no open-ended ranges), references shifted when rows or columns are inserted, sheet names updated
 * when a sheet is renamed, and relative references moved when one formula is set over many cells
 * (https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String)).
 * String literals and quoted sheet names are never touched.
 */
import { columnLetters, columnNumber, quoteSheetName } from "./a1";

/** One end of a reference. A missing column or row is open (whole row / whole column / to the edge). */
export interface ReferenceEnd {
  readonly column: number | undefined;
  readonly row: number | undefined;
  readonly columnAbsolute: boolean;
  readonly rowAbsolute: boolean;
}

/** A cell or range reference found in a formula. `end` is absent for a single cell. */
export interface FormulaReference {
  readonly sheetName: string | undefined;
  readonly start: ReferenceEnd;
  readonly end: ReferenceEnd | undefined;
}

/** What a rewrite callback returns: a replacement reference, literal text, or `undefined` to keep it. */
export type ReferenceRewrite = FormulaReference | string | undefined;

const IDENT_CHAR = /[A-Za-z0-9_.$\u00C0-\uFFFF]/;
const SHEET_UNQUOTED = /([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)!/y;
const CELL_OR_RANGE = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d*))?/y;
const SINGLE_CELL = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)/y;
const WHOLE_COLUMNS = /(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/y;
const WHOLE_ROWS = /(\$?)(\d+):(\$?)(\d+)/y;
const NUMBER = /\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*/y;

function endOf(colAbs: string | undefined, col: string | undefined, rowAbs: string | undefined, row: string | undefined): ReferenceEnd {
  return {
    column: col ? columnNumber(col) : undefined,
    row: row ? Number(row) : undefined,
    columnAbsolute: colAbs === "$",
    rowAbsolute: rowAbs === "$",
  };
}

/** True when the character after a candidate reference shows it is really part of a longer name. */
function continuesName(text: string, at: number): boolean {
  const next = text[at];
  return next !== undefined && (IDENT_CHAR.test(next) || next === "(" || next === "!");
}

interface Match {
  readonly ref: FormulaReference;
  readonly length: number;
}

function matchReference(text: string, at: number, sheetName: string | undefined): Match | undefined {
  CELL_OR_RANGE.lastIndex = at;
  let m = CELL_OR_RANGE.exec(text);
  if (m && !continuesName(text, at + m[0].length)) {
    const start = endOf(m[1], m[2], m[3], m[4]);
    const end = m[6] !== undefined ? endOf(m[5], m[6], m[7], m[8] === "" ? undefined : m[8]) : undefined;
    return { ref: { sheetName, start, end }, length: m[0].length };
  }
  SINGLE_CELL.lastIndex = at;
  m = SINGLE_CELL.exec(text);
  if (m && !continuesName(text, at + m[0].length)) {
    return { ref: { sheetName, start: endOf(m[1], m[2], m[3], m[4]), end: undefined }, length: m[0].length };
  }
  WHOLE_COLUMNS.lastIndex = at;
  m = WHOLE_COLUMNS.exec(text);
  if (m && !continuesName(text, at + m[0].length)) {
    return { ref: { sheetName, start: endOf(m[1], m[2], undefined, undefined), end: endOf(m[3], m[4], undefined, undefined) }, length: m[0].length };
  }
  WHOLE_ROWS.lastIndex = at;
  m = WHOLE_ROWS.exec(text);
  if (m && !continuesName(text, at + m[0].length)) {
    return { ref: { sheetName, start: endOf(undefined, undefined, m[1], m[2]), end: endOf(undefined, undefined, m[3], m[4]) }, length: m[0].length };
  }
  return undefined;
}

function formatEnd(end: ReferenceEnd): string {
  const col = end.column !== undefined ? `${end.columnAbsolute ? "$" : ""}${columnLetters(end.column)}` : "";
  const row = end.row !== undefined ? `${end.rowAbsolute ? "$" : ""}${end.row}` : "";
  return col + row;
}

/** The Sheets text of a reference, sheet prefix included when it has one. */
export function formatReference(ref: FormulaReference): string {
  const prefix = ref.sheetName !== undefined ? `${quoteSheetName(ref.sheetName)}!` : "";
  return prefix + formatEnd(ref.start) + (ref.end ? `:${formatEnd(ref.end)}` : "");
}

/**
 * Calls `rewrite` for every reference in `formula` and splices in what it returns. Function names,
 * named ranges, numbers, string literals and quoted names pass through unchanged.
 */
export function rewriteReferences(formula: string, rewrite: (ref: FormulaReference, original: string) => ReferenceRewrite): string {
  let out = "";
  let i = 0;
  const n = formula.length;
  const emit = (match: Match, original: string): void => {
    const replaced = rewrite(match.ref, original);
    out += replaced === undefined ? original : typeof replaced === "string" ? replaced : formatReference(replaced);
  };
  while (i < n) {
    const ch = formula[i] ?? "";
    if (ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === '"') {
          if (formula[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === "'") {
          if (formula[j + 1] === "'") j += 2;
          else break;
        } else j++;
      }
      const quoted = formula.slice(i, j + 1);
      if (formula[j + 1] === "!") {
        const sheetName = formula.slice(i + 1, j).replace(/''/g, "'");
        const match = matchReference(formula, j + 2, sheetName);
        if (match) {
          emit(match, formula.slice(i, j + 2 + match.length));
          i = j + 2 + match.length;
          continue;
        }
      }
      out += quoted;
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] ?? "" : "";
    const startsToken = prev === "" || !IDENT_CHAR.test(prev);
    if (startsToken && (ch === "$" || /[A-Za-z_\u00C0-\uFFFF]/.test(ch))) {
      SHEET_UNQUOTED.lastIndex = i;
      const sheet = ch === "$" ? null : SHEET_UNQUOTED.exec(formula);
      if (sheet) {
        const after = i + sheet[0].length;
        const match = matchReference(formula, after, sheet[1]);
        if (match) {
          emit(match, formula.slice(i, after + match.length));
          i = after + match.length;
          continue;
        }
      }
      const match = matchReference(formula, i, undefined);
      if (match) {
        emit(match, formula.slice(i, i + match.length));
        i += match.length;
        continue;
      }
      IDENT.lastIndex = i;
      const ident = IDENT.exec(formula);
      if (ident) {
        out += ident[0];
        i += ident[0].length;
        continue;
      }
    }
    if (startsToken && /\d/.test(ch)) {
      const match = matchReference(formula, i, undefined);
      if (match) {
        emit(match, formula.slice(i, i + match.length));
        i += match.length;
        continue;
      }
      NUMBER.lastIndex = i;
      const num = NUMBER.exec(formula);
      if (num) {
        out += num[0];
        i += num[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Every reference in `formula`, in order. */
export function listReferences(formula: string): FormulaReference[] {
  const refs: FormulaReference[] = [];
  rewriteReferences(formula, (ref) => {
    refs.push(ref);
    return undefined;
  });
  return refs;
}

/**
 * Sheets' canonical spelling of a formula: function names, column letters and TRUE/FALSE in upper
 * case (what Range.getFormula returns after `setFormula("=sum(a1:a2)")`). Strings stay as written.
 */
export function normalizeFormula(formula: string): string {
  const withRefs = rewriteReferences(formula, (_ref, original) => {
    const bang = original.lastIndexOf("!");
    return original.slice(0, bang + 1) + original.slice(bang + 1).toUpperCase();
  });
  let out = "";
  let i = 0;
  while (i < withRefs.length) {
    const ch = withRefs[i] ?? "";
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < withRefs.length) {
        if (withRefs[j] === ch) {
          if (withRefs[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += withRefs.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    IDENT.lastIndex = i;
    const prev = i > 0 ? withRefs[i - 1] ?? "" : "";
    const ident = prev === "" || !IDENT_CHAR.test(prev) ? IDENT.exec(withRefs) : null;
    if (ident) {
      const word = ident[0];
      const after = withRefs[i + word.length];
      const upper = word.toUpperCase();
      out += after === "(" || upper === "TRUE" || upper === "FALSE" ? upper : word;
      i += word.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Moves the relative parts of every reference by the given offsets (fill / setFormula over a range). */
export function offsetRelativeReferences(formula: string, rowOffset: number, columnOffset: number): string {
  if (rowOffset === 0 && columnOffset === 0) return formula;
  const move = (end: ReferenceEnd): ReferenceEnd => ({
    ...end,
    row: end.row !== undefined && !end.rowAbsolute ? end.row + rowOffset : end.row,
    column: end.column !== undefined && !end.columnAbsolute ? end.column + columnOffset : end.column,
  });
  return rewriteReferences(formula, (ref) => {
    const start = move(ref.start);
    const end = ref.end ? move(ref.end) : undefined;
    const invalid = [start, end].some((e) => e !== undefined && ((e.row !== undefined && e.row < 1) || (e.column !== undefined && e.column < 1)));
    return invalid ? "#REF!" : { ...ref, start, end };
  });
}
