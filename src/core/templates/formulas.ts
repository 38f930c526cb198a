/**
 * Formula placeholders of the templates, resolved to A1 references once the installer knows where
 * every column sits. Templates never name a column letter: a user may reorder columns, so a
 * formula says `{due_on}` (this sheet's column), `{tasks.due_on}` (another sheet's column) or
 * `{cfg:COLLECTION_DAYS}` (a Settings value), and the planner turns that into `G2:G`,
 * `'任务 Tasks'!G2:G` or a lookup through the MO_CFG_* named ranges. Once written, Sheets itself
 * keeps the references right when columns move.
 *
 * `{cfg:KEY}` is the Settings value as stored: text, as a person typed it (`NORMALIZE`, `30`,
 * `NONE`, or blank for the default). Scoring custom functions take it as it is and read it with
 * the parameter table (a blank is the default, `NONE` no cap), so a company switches a reading by
 * editing one Settings cell; standard arithmetic or comparisons wrap it as `VALUE({cfg:KEY})`.
 */

/** Named ranges over the Settings key and value columns that `{cfg:KEY}` looks up (workbook.json). */
export const CFG_KEYS_RANGE = "MO_CFG_KEYS";
export const CFG_VALUES_RANGE = "MO_CFG_VALUES";

/** `{key}`, `{sheet.key}` or `{cfg:KEY}`. Keys start with a letter, so array literals like `{1,2}` never match. */
const PLACEHOLDER = /\{(?:cfg:([A-Z][A-Z0-9_]*)|([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?)\}/g;

export type Placeholder =
  | { readonly kind: "column"; readonly column: string }
  | { readonly kind: "sheetColumn"; readonly sheet: string; readonly column: string }
  | { readonly kind: "setting"; readonly key: string };

/** Every placeholder of a formula, in order. */
export function placeholders(formula: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of formula.matchAll(PLACEHOLDER)) {
    const [, setting, first, second] = m;
    if (setting !== undefined) found.push({ kind: "setting", key: setting });
    else if (first !== undefined && second !== undefined) found.push({ kind: "sheetColumn", sheet: first, column: second });
    else if (first !== undefined) found.push({ kind: "column", column: first });
  }
  return found;
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  if (!Number.isInteger(column) || column < 1) throw new RangeError(`column must be a whole number ≥ 1, got ${column}`);
  let n = column;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A sheet name as a formula prefix: `'人员 People'!` (single quotes doubled inside). */
export function sheetPrefix(sheetName: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!`;
}

/** Where the resolver finds sheets and columns: tab names and 1-based column positions by key. */
export interface FormulaLayout {
  sheetName(sheetKey: string): string;
  columnOf(sheetKey: string, columnKey: string): number;
}

/**
 * Where a formula goes decides what a placeholder becomes:
 * - `column`: an array formula in row 2 of `ownSheet`; `{key}` → `G2:G` (open-ended, grows with the sheet).
 * - `condition`: a conditional-format rule for rows 2 down; `{key}` → `$G2` (Sheets shifts the row).
 *   Conditional formats cannot point at other sheets, so `{cfg:…}` goes through INDIRECT.
 * - `cell`: a dashboard cell; only `{sheet.key}` and `{cfg:…}`. `{sheet.key}` → `'Sheet'!$G$2:$G`
 *   (open-ended and absolute, so a formula filled down a block of rows keeps pointing at the column).
 */
export type FormulaPlace = "column" | "condition" | "cell";

function settingLookup(key: string, place: FormulaPlace): string {
  const range = (name: string): string => (place === "condition" ? `INDIRECT("${name}")` : name);
  return `INDEX(${range(CFG_VALUES_RANGE)},MATCH("${key}",${range(CFG_KEYS_RANGE)},0))`;
}

/** The formula with its placeholders replaced; throws on a placeholder the place does not allow. */
export function resolveFormula(formula: string, ownSheet: string | null, place: FormulaPlace, layout: FormulaLayout): string {
  return formula.replace(PLACEHOLDER, (_whole: string, setting?: string, first?: string, second?: string) => {
    if (setting !== undefined) return settingLookup(setting, place);
    if (first === undefined) throw new Error(`unreadable placeholder in ${formula}`);
    if (second !== undefined) {
      if (place === "condition") throw new Error(`a conditional format cannot read another sheet: {${first}.${second}}`);
      const letters = columnLetters(layout.columnOf(first, second));
      const column = place === "cell" ? `$${letters}` : letters;
      return `${sheetPrefix(layout.sheetName(first))}${column}${place === "cell" ? "$" : ""}2:${column}`;
    }
    if (ownSheet === null || place === "cell") throw new Error(`{${first}} needs a sheet: write {sheet.${first}}`);
    const letters = columnLetters(layout.columnOf(ownSheet, first));
    return place === "condition" ? `$${letters}2` : `${letters}2:${letters}`;
  });
}
