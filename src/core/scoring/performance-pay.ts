/**
 * Monthly performance pay (绩效工资), spec SC-37 and SC-39, seed `004_48a5b74466f8c1e3.txt` L340-342:
 * 「实际考核得分×100%×绩效工资总额」 and 「未参加考核不发放该项工资」. Read literally the formula pays
 * 85 × the amount for a score of 85 (spec AMB-25); the product's [REC] reading pays
 * MIN(score, 100) / 100 × the person's performance-pay base, rounded to the cent. No appraisal
 * (a blank score next to a base) pays 0 (SC-39).
 */
import type { Cell } from "./cells";
import { readAll, readNumber, readNumberOr } from "./cells";
import { roundTo } from "./points";
import { firstProblem, isScoreError, nonNegative } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SCORE: Field = { zh: "考核得分", en: "score" };
const BASE: Field = { zh: "绩效工资基数", en: "performance-pay base" };

/** Money is rounded to cents at the edge (conventions). */
const CENTS = 2;

/**
 * `score` null means the person was not appraised this month.
 *
 * @example performancePay(85.5, 2_000) → 1_710
 * @example performancePay(104, 2_000) → 2_000; performancePay(null, 2_000) → 0
 */
export function performancePay(score: number | null, base: number): number | ScoreError {
  const problem = firstProblem(nonNegative(base, BASE), score === null ? null : nonNegative(score, SCORE));
  if (problem) return problem;
  if (score === null) return 0;
  return roundTo((Math.min(score, 100) / 100) * base, CENTS);
}

/** `PERFORMANCE_PAY(score, base)` for one cell. */
export function performancePayCell([score, base]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumberOr(score, SCORE, null), readNumber(base, BASE)]);
  if (isScoreError(read)) return read;
  return performancePay(...read);
}
