/**
 * The criteria of Sheets' SUMIF and COUNTIF as the scorecards' formulas use them: a text criterion
 * matches a cell's text case-insensitively, `*` standing for any run of characters, `?` for one,
 * `~` escaping either (https://support.google.com/docs/answer/3093583). SUMIF adds only the numbers
 * of the matching rows; text and blanks add nothing. The close (src/core/close/close.ts) gathers a
 * person's inputs with these so that the frozen snapshot sums exactly what the live sheet sums.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const compiled = new Map<string, RegExp>();

/** A matcher for a text criterion with Sheets' wildcards. */
function patternOf(criterion: string): RegExp {
  let re = compiled.get(criterion);
  if (re) return re;
  let source = "";
  for (let i = 0; i < criterion.length; i += 1) {
    const ch = criterion.charAt(i);
    if (ch === "~" && i + 1 < criterion.length && "*?~".includes(criterion.charAt(i + 1))) {
      source += escapeRegExp(criterion.charAt(i + 1));
      i += 1;
    } else if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += escapeRegExp(ch);
  }
  re = new RegExp(`^${source}$`, "i");
  compiled.set(criterion, re);
  return re;
}

/** Whether a cell matches a text criterion. A blank cell never matches a non-empty criterion. */
export function matchesCriterion(cell: unknown, criterion: string): boolean {
  if (cell === null || cell === undefined || cell === "") return false;
  const text = typeof cell === "string" ? cell : typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : typeof cell === "number" ? String(cell) : "";
  return patternOf(criterion).test(text);
}

/** SUMIF(range, criterion, sumRange) over records: the numbers of `sumKey` where `keyOf` matches. */
export function sumIf<T>(rows: readonly T[], keyOf: (row: T) => unknown, criterion: string, valueOf: (row: T) => unknown): number {
  let total = 0;
  for (const row of rows) {
    if (!matchesCriterion(keyOf(row), criterion)) continue;
    const v = valueOf(row);
    if (typeof v === "number" && Number.isFinite(v)) total += v;
  }
  return total;
}

/** COUNTIF(range, criterion) over records. */
export function countIf<T>(rows: readonly T[], keyOf: (row: T) => unknown, criterion: string): number {
  let n = 0;
  for (const row of rows) if (matchesCriterion(keyOf(row), criterion)) n += 1;
  return n;
}

/** The rows `keyOf` matches, for the inputs digest. */
export function rowsMatching<T>(rows: readonly T[], keyOf: (row: T) => unknown, criterion: string): T[] {
  return rows.filter((row) => matchesCriterion(keyOf(row), criterion));
}
