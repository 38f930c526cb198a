/**
 * Whether one salesperson met target (达标), the input of the sales head's team attainment
 * (spec SC-04). The seed never defines 达标 (spec AMB-03); the product's [REC] reading is a
 * personal completion rate of at least `REP_ATTAIN_THRESHOLD` (default 1.0 = 100 % of the
 * personal monthly target). A scorecard counts the TRUEs with `COUNTIF` to get the "met" number.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { firstProblem, isScoreError, nonNegative, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const ACTUAL: Field = { zh: "个人实际销售额", en: "personal actual sales" };
const TARGET: Field = { zh: "个人目标", en: "personal target" };

/**
 * @example repTargetMet(100_000, 100_000) → true; repTargetMet(99_000, 100_000) → false
 * @example repTargetMet(90_000, 100_000, 0.9) → true
 */
export function repTargetMet(actual: number, target: number, threshold: number = parameterDefault("REP_ATTAIN_THRESHOLD")): boolean | ScoreError {
  const problem = firstProblem(positive(target, TARGET), nonNegative(actual, ACTUAL));
  if (problem) return problem;
  return actual >= threshold * target - 1e-9 * target;
}

/** `REP_TARGET_MET(actual, target, [threshold])` for one cell. */
export function repTargetMetCell([actual, target]: readonly Cell[], [threshold]: readonly Cell[]): boolean | ScoreError {
  const read = readAll([readNumber(actual, ACTUAL), readNumber(target, TARGET), readParameter(threshold, "REP_ATTAIN_THRESHOLD")]);
  if (isScoreError(read)) return read;
  return repTargetMet(...read);
}
