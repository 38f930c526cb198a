/**
 * The one vectorisation helper behind every scoring custom function. Sheets passes a single cell
 * as a plain value and a range as a two-dimensional array of rows
 * (https://developers.google.com/apps-script/guides/sheets/functions#arguments), and a function
 * that returns a two-dimensional array fills a block of cells
 * (https://developers.google.com/apps-script/guides/sheets/functions#return_values), so one formula
 * per column scores a whole sheet (https://developers.google.com/apps-script/guides/sheets/functions#optimization).
 *
 * - `vectoriseCells`: per-cell rules. Ranges of the same shape are walked cell by cell, single
 *   values broadcast, the result has the ranges' shape.
 * - `vectoriseRows`: row-wise rules over several values of one person read across a row (a year of
 *   grades, six ratings, weights). Each input gives the rule its row as a list; an input with one
 *   row (a weights header, a preset name) is used for every row. The result is one value per row,
 *   or one row of values when the rule returns a list (a plan split).
 * - `vectoriseColumns`: rules over a whole column of people (rankings: the bottom five, the first
 *   place). Each input is one column, a row is one person; the rule sees every row at once and
 *   gives one value per row.
 *
 * In all three: a row whose own inputs are all blank gives `""` (an input given as a single value
 * for every row is not the row's own); a rule's `ScoreError` becomes the cell text
 * `目标须大于0 / target must be > 0` and never touches other rows; ranges whose shapes do not fit
 * give one bilingual error instead of a result. Optional parameters (readings from Settings)
 * broadcast like inputs but do not count when deciding whether a row is blank.
 *
 * The result stops after the last row that shows something (blank input rows, and rows whose
 * rule gives `""`, show nothing): a formula over an open column (`=SALES_PLAN_SCORE(B2:B, C2:C)`)
 * spills over the data rows only, not down to the sheet's last row. A returned array fills only
 * its own size (https://developers.google.com/apps-script/guides/sheets/functions#return_values),
 * and cells an array formula fills with `""` count as content for `Sheet.getLastRow()`
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()), so a
 * column of trailing `""` would make every scorecard look as long as the sheet. Blank rows between
 * data rows still give `""`; a range with no data row at all gives one blank cell. Because the
 * result may be shorter than its ranges, a custom function is the outermost call of its formula
 * (or the only thing inside `ARRAYFORMULA`), never an operand of array arithmetic with full
 * columns.
 */
import { both } from "../i18n";
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank } from "./cells";
import { tidy } from "./points";
import { isScoreError, scoreError } from "./score-error";
import type { ScoreError } from "./score-error";

/** What a custom function may return to Sheets: one value, or rows of values. */
export type SheetScalar = number | string | boolean;
export type SheetValue = SheetScalar | SheetScalar[][];

/** What a rule gives for one cell or row. */
export type RuleValue = number | string | boolean | ScoreError;

/** A per-cell rule: the inputs and parameters of one cell position. */
export type CellRule = (inputs: readonly Cell[], params: readonly Cell[]) => RuleValue;

/** A row-wise rule: each input's cells in this row, and the parameters of this row. */
export type RowRule = (inputs: readonly (readonly Cell[])[], params: readonly Cell[]) => RuleValue | readonly RuleValue[];

/**
 * A column rule: one entry per person (row) holding that row's input cells, or `null` for a blank
 * row (not ranked), and the parameters. Returns one value per row, or one `ScoreError` for all.
 */
export type ColumnRule = (rows: readonly (readonly Cell[] | null)[], params: readonly Cell[]) => readonly RuleValue[] | ScoreError;

interface Grid {
  readonly rows: number;
  readonly cols: number;
  readonly cells: readonly (readonly Cell[])[];
  /** Passed as a plain value rather than a range. */
  readonly scalar: boolean;
}

const RAGGED: Bilingual = { zh: "第{arg}个参数的各行长度不一", en: "argument {arg} has rows of different lengths" };
const SHAPES_DIFFER: Bilingual = {
  zh: "区域大小不一致:第{arg}个参数为 {shape},第{first}个为 {firstShape}",
  en: "ranges differ in size: argument {arg} is {shape} but argument {first} is {firstShape}",
};
const ROWS_DIFFER: Bilingual = {
  zh: "区域行数不一致:第{arg}个参数有 {rows} 行,第{first}个有 {firstRows} 行",
  en: "ranges differ in rows: argument {arg} has {rows} rows but argument {first} has {firstRows}",
};
const NOT_ONE_COLUMN: Bilingual = { zh: "第{arg}个参数须为一列(现为 {shape})", en: "argument {arg} must be one column (got {shape})" };
const SETTING_NOT_ONE_COLUMN: Bilingual = {
  zh: "第{arg}个参数须为单个值或一列(现为 {shape})",
  en: "argument {arg} must be one value or one column (got {shape})",
};

function toGrid(arg: unknown, position: number): Grid | ScoreError {
  if (!Array.isArray(arg)) return { rows: 1, cols: 1, cells: [[arg]], scalar: true };
  if (arg.length === 0) return { rows: 1, cols: 1, cells: [[""]], scalar: false };
  const rows: readonly (readonly Cell[])[] = arg.every((r) => Array.isArray(r)) ? (arg as Cell[][]) : [arg as Cell[]];
  const cols = rows[0]?.length ?? 0;
  if (cols === 0 || rows.some((r) => r.length !== cols)) return scoreError(RAGGED, { arg: position });
  return { rows: rows.length, cols, cells: rows, scalar: false };
}

function toGrids(args: readonly unknown[], firstPosition: number): Grid[] | ScoreError {
  const grids: Grid[] = [];
  for (const [i, arg] of args.entries()) {
    const g = toGrid(arg, firstPosition + i);
    if (isScoreError(g)) return g;
    grids.push(g);
  }
  return grids;
}

function at(grid: Grid, row: number, col: number): Cell {
  const r = grid.rows === 1 ? 0 : row;
  const c = grid.cols === 1 ? 0 : col;
  return grid.cells[r]?.[c];
}

/** The cell a rule's value becomes. */
export function toSheet(value: RuleValue): SheetScalar {
  if (isScoreError(value)) return both(value.text);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`a scoring rule returned ${value}`);
    return tidy(value);
  }
  return value;
}

function shapeOf(g: Grid): string {
  return `${g.rows}×${g.cols}`;
}

/**
 * `rows` cut after the last row with a cell that is not `""`; at least one row, so a formula over
 * an empty table shows one blank cell. A cell left out reads as `""` too, so nothing is lost.
 */
function upToLastShownRow(rows: SheetScalar[][]): SheetScalar[][] {
  let last = rows.length - 1;
  while (last > 0 && (rows[last] ?? []).every((cell) => cell === "")) last -= 1;
  return rows.slice(0, last + 1);
}

/**
 * Applies a per-cell rule over `inputs` (values or same-shaped ranges) and `params` (optional
 * readings: values, or ranges of the same shape). Returns a value when every argument is a plain
 * value, otherwise rows of the inputs' shape.
 */
export function vectoriseCells(inputs: readonly unknown[], params: readonly unknown[], rule: CellRule): SheetValue {
  const all = toGrids([...inputs, ...params], 1);
  if (isScoreError(all)) return both(all.text);
  let shaped: { grid: Grid; position: number } | null = null;
  for (const [i, g] of all.entries()) {
    if (g.rows * g.cols === 1) continue;
    if (!shaped) shaped = { grid: g, position: i + 1 };
    else if (g.rows !== shaped.grid.rows || g.cols !== shaped.grid.cols) {
      return both(scoreError(SHAPES_DIFFER, { arg: i + 1, shape: shapeOf(g), first: shaped.position, firstShape: shapeOf(shaped.grid) }).text);
    }
  }
  const rows = shaped?.grid.rows ?? 1;
  const cols = shaped?.grid.cols ?? 1;
  const inputGrids = all.slice(0, inputs.length);
  const paramGrids = all.slice(inputs.length);
  const ranged = inputGrids.filter((g) => g.rows * g.cols > 1);
  const own = ranged.length > 0 ? ranged : inputGrids;
  const out: SheetScalar[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: SheetScalar[] = [];
    for (let c = 0; c < cols; c++) {
      if (own.every((g) => isBlank(at(g, r, c)))) {
        line.push("");
        continue;
      }
      const cellInputs = inputGrids.map((g) => at(g, r, c));
      const cellParams = paramGrids.map((g) => at(g, r, c));
      line.push(toSheet(rule(cellInputs, cellParams)));
    }
    out.push(line);
  }
  return all.every((g) => g.scalar) ? (out[0]?.[0] ?? "") : upToLastShownRow(out);
}

/**
 * Applies a row-wise rule. Each input is a value or a range; ranges must have the same number of
 * rows, and a one-row range or a value is used for every row. Each `params` entry is a value or one
 * column with a value per row. Returns one value per row (or one row of values when the rule
 * returns a list); a plain value when every argument is a plain value and the rule returns one.
 */
export function vectoriseRows(inputs: readonly unknown[], params: readonly unknown[], rule: RowRule): SheetValue {
  const inputGrids = toGrids(inputs, 1);
  if (isScoreError(inputGrids)) return both(inputGrids.text);
  const paramGrids = toGrids(params, inputs.length + 1);
  if (isScoreError(paramGrids)) return both(paramGrids.text);
  for (const [i, g] of paramGrids.entries()) {
    if (g.cols !== 1) return both(scoreError(SETTING_NOT_ONE_COLUMN, { arg: inputs.length + i + 1, shape: shapeOf(g) }).text);
  }
  const all = [...inputGrids, ...paramGrids];
  let tallest: { grid: Grid; position: number } | null = null;
  for (const [i, g] of all.entries()) {
    if (g.rows === 1) continue;
    if (!tallest) tallest = { grid: g, position: i + 1 };
    else if (g.rows !== tallest.grid.rows) {
      return both(scoreError(ROWS_DIFFER, { arg: i + 1, rows: g.rows, first: tallest.position, firstRows: tallest.grid.rows }).text);
    }
  }
  const rows = tallest?.grid.rows ?? 1;
  const own = rows > 1 ? inputGrids.filter((g) => g.rows === rows) : inputGrids;
  const results: SheetScalar[][] = [];
  let listResult = false;
  const none: readonly Cell[] = [];
  const rowOf = (g: Grid, r: number): readonly Cell[] => g.cells[g.rows === 1 ? 0 : r] ?? none;
  for (let r = 0; r < rows; r++) {
    if (own.every((g) => rowOf(g, r).every(isBlank))) {
      results.push([""]);
      continue;
    }
    const value = rule(
      inputGrids.map((g) => rowOf(g, r)),
      paramGrids.map((g) => rowOf(g, r)[0]),
    );
    if (Array.isArray(value)) {
      listResult = true;
      results.push((value as readonly RuleValue[]).map(toSheet));
    } else {
      results.push([toSheet(value as RuleValue)]);
    }
  }
  const kept = upToLastShownRow(results);
  const width = Math.max(...kept.map((line) => line.length));
  const out = kept.map((line) => (line.length < width ? [...line, ...Array<SheetScalar>(width - line.length).fill("")] : line));
  return !listResult && all.every((g) => g.scalar) ? (out[0]?.[0] ?? "") : out;
}

/**
 * Applies a column rule. Each input is one column (N×1) or a value used for every row; each
 * parameter is a value. Returns one value per row; blank rows (all own inputs blank) give `""`.
 */
export function vectoriseColumns(inputs: readonly unknown[], params: readonly unknown[], rule: ColumnRule): SheetValue {
  const inputGrids = toGrids(inputs, 1);
  if (isScoreError(inputGrids)) return both(inputGrids.text);
  let tallest: { grid: Grid; position: number } | null = null;
  for (const [i, g] of inputGrids.entries()) {
    if (g.cols !== 1) return both(scoreError(NOT_ONE_COLUMN, { arg: i + 1, shape: shapeOf(g) }).text);
    if (g.rows === 1) continue;
    if (!tallest) tallest = { grid: g, position: i + 1 };
    else if (g.rows !== tallest.grid.rows) {
      return both(scoreError(ROWS_DIFFER, { arg: i + 1, rows: g.rows, first: tallest.position, firstRows: tallest.grid.rows }).text);
    }
  }
  const rows = tallest?.grid.rows ?? 1;
  const own = rows > 1 ? inputGrids.filter((g) => g.rows === rows) : inputGrids;
  const people: (readonly Cell[] | null)[] = [];
  for (let r = 0; r < rows; r++) {
    people.push(own.every((g) => isBlank(at(g, r, 0))) ? null : inputGrids.map((g) => at(g, r, 0)));
  }
  const values = rule(people, params);
  if (isScoreError(values)) return both(values.text);
  const out = people.map((person, r): SheetScalar[] => [person === null ? "" : toSheet(values[r] ?? "")]);
  return inputGrids.every((g) => g.scalar) ? (out[0]?.[0] ?? "") : upToLastShownRow(out);
}

/** The rule of one key (a person, a month) once its tables are read; `row` is the key's 0-based row. */
export type KeyRule = (key: Cell, row: number) => RuleValue;

/**
 * Applies a rule to one column of keys (people, months) against whole tables that the rule reads
 * once per call (`prepare`: Activities, Customers, Holidays… as Sheets passes them), so a column of
 * 30 people over 100,000 Activities rows reads those rows once, not 30 times. `prepare` returns the
 * rule for one key, or one `ScoreError` for every row (a table that cannot be read). Blank keys
 * give `""`; the result stops after the last row that shows something, like the other vectorisers;
 * a plain value as the key gives a plain value.
 */
export function vectoriseKeys(keys: unknown, prepare: () => KeyRule | ScoreError): SheetValue {
  const grid = toGrid(keys, 1);
  if (isScoreError(grid)) return both(grid.text);
  if (grid.cols !== 1) return both(scoreError(NOT_ONE_COLUMN, { arg: 1, shape: shapeOf(grid) }).text);
  const rule = prepare();
  if (isScoreError(rule)) return both(rule.text);
  const out: SheetScalar[][] = [];
  for (let r = 0; r < grid.rows; r++) {
    const key = grid.cells[r]?.[0];
    out.push([isBlank(key) ? "" : toSheet(rule(key, r))]);
  }
  return grid.scalar ? (out[0]?.[0] ?? "") : upToLastShownRow(out);
}
