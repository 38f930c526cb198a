/**
 * Business records deduction of the customer department head (业务资料收集整理), spec SC-20, seed
 * `004_48a5b74466f8c1e3.txt` L200-202: 「要求按经理助理统计报表、文书档案、客户管理的要求做好业务资料收集、整理、上交、存档工作。
 * 每有一项或每有一次没做好扣2分。」 Each item or occasion not done to the manager's assistant's
 * requirements costs 2 points. Returned as negative points.
 */
import type { Cell } from "./cells";
import { readNumber } from "./cells";
import { count, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MISSES: Field = { zh: "未做好的项数/次数", en: "items or occasions not done well" };

/** Points per item or occasion (seed 004 L202). */
const PER_MISS = 2;

/**
 * @example recordsDeduction(1) → -2
 */
export function recordsDeduction(misses: number): number | ScoreError {
  return count(misses, MISSES) ?? -PER_MISS * misses;
}

/** `RECORDS_DEDUCTION(misses)` for one cell. */
export function recordsDeductionCell([misses]: readonly Cell[]): number | ScoreError {
  const read = readNumber(misses, MISSES);
  return isScoreError(read) ? read : recordsDeduction(read);
}
