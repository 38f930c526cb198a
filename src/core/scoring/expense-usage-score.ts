/**
 * Sales expense usage points of the sales head (销售费用使用率, max 20), spec SC-05, seed
 * `004_48a5b74466f8c1e3.txt` L154-156: 「如果他节省了销售费用,分值就高;如果费用超额,分值就低了。」
 * The seed gives only the direction (spec AMB-04). The product's [REC] reading: 20 points within
 * budget; over budget, `EXPENSE_PENALTY_PER_PP` (default 1) point off per percentage point over;
 * never below 0.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { firstProblem, isScoreError, nonNegative, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SPENT: Field = { zh: "实际销售费用", en: "expense spent" };
const BUDGET: Field = { zh: "费用预算", en: "budget" };

/** Maximum points of the item (seed 004 L154). */
const MAX_POINTS = 20;

/**
 * @example expenseUsageScore(95_000, 100_000) → 20
 * @example expenseUsageScore(108_000, 100_000) → 12
 * @example expenseUsageScore(125_000, 100_000) → 0
 */
export function expenseUsageScore(spent: number, budget: number, penaltyPerPp: number = parameterDefault("EXPENSE_PENALTY_PER_PP")): number | ScoreError {
  const problem = firstProblem(positive(budget, BUDGET), nonNegative(spent, SPENT));
  if (problem) return problem;
  if (spent <= budget) return MAX_POINTS;
  const overPercentagePoints = ((spent - budget) * 100) / budget;
  return Math.max(0, MAX_POINTS - penaltyPerPp * overPercentagePoints);
}

/** `EXPENSE_USAGE_SCORE(spent, budget, [penaltyPerPp])` for one cell. */
export function expenseUsageScoreCell([spent, budget]: readonly Cell[], [penalty]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(spent, SPENT), readNumber(budget, BUDGET), readParameter(penalty, "EXPENSE_PENALTY_PER_PP")]);
  if (isScoreError(read)) return read;
  return expenseUsageScore(...read);
}
