/**
 * The department's performance-pay pool, spec SC-38, seed `004_48a5b74466f8c1e3.txt` L344:
 * 「绩效工资总额由部门统一控制。」 Per spec AMB-25 [REC] the pool is a budget check: the month's
 * performance pay (SC-37) summed over the department must not exceed the pool. TRUE when within;
 * unlike the per-person functions this one reads a whole column and gives one answer.
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { isBlank, readNumber } from "./cells";
import { firstProblem, isScoreError, nonNegative, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const PAY: Field = { zh: "绩效工资", en: "performance pay" };
const POOL: Field = { zh: "部门绩效工资总额", en: "department pay pool" };

const IN_ROW: Bilingual = { zh: "第{row}行:{zh}", en: "row {row}: {en}" };

/**
 * @example payPoolWithin([1_710, 2_000, 1_800], 6_000) → true; with a pool of 5_000 → false
 */
export function payPoolWithin(pays: readonly number[], pool: number): boolean | ScoreError {
  const problem = firstProblem(nonNegative(pool, POOL), ...pays.map((p) => nonNegative(p, PAY)));
  if (problem) return problem;
  return pays.reduce((a, b) => a + b, 0) <= pool + 1e-9;
}

/** The rows of a range as Sheets passes it; a single value is one row of one cell. */
function rowsOf(range: unknown): readonly (readonly Cell[])[] {
  if (!Array.isArray(range)) return [[range]];
  return range.map((row: unknown) => (Array.isArray(row) ? (row as Cell[]) : [row]));
}

/** `PAY_POOL_WITHIN(pays, pool)`: the pays of a range (any shape, blanks skipped) against one pool. */
export function payPoolWithinCells(pays: unknown, pool: Cell): boolean | ScoreError {
  const amounts: number[] = [];
  for (const [r, row] of rowsOf(pays).entries()) {
    for (const cell of row) {
      if (isBlank(cell)) continue;
      const n = readNumber(cell, PAY);
      if (isScoreError(n)) return scoreError(IN_ROW, { row: r + 1, zh: n.text.zh, en: n.text.en });
      amounts.push(n);
    }
  }
  const limit = readNumber(pool, POOL);
  return isScoreError(limit) ? limit : payPoolWithin(amounts, limit);
}
