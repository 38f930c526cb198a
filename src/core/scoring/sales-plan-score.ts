/**
 * Sales plan completion points of the sales head (销售主管 / 营销经理), spec SC-02 and SC-03, seed
 * `004_48a5b74466f8c1e3.txt` L138-142: 「如果营销经理刚好完成指定销售额,就可以得到这项指标考核的满分40分;
 * 如果他完成的销售额超过计划一半以上,则可以得到60分;但如果他实际销售额达不到目标额的60%,那这一项的考评分他只能是0 分。」
 * The seed states only three points (100 % → 40, ≥ 150 % → 60, < 60 % → 0), spec AMB-01. The
 * product's [REC] reading `SALES_PLAN_MODE = PROPORTIONAL_CAPPED` fits all three and the
 * definition "actual ÷ target" (SC-02): 0 below 60 %, else 40 × rate, at most 60. The alternative
 * `LITERAL_STEPS` pays 40 × rate (or `SALES_PLAN_BELOW_TARGET_POINTS`) from 60 % to 100 %, 40 up
 * to 150 % and 60 from 150 %. The seed's numbers are Settings keys (their defaults):
 * `SALES_PLAN_FULL_POINTS` 40, `SALES_PLAN_MAX_POINTS` 60, `SALES_PLAN_MAX_THRESHOLD` 1.5 (the
 * LITERAL_STEPS step; under PROPORTIONAL_CAPPED the cap is reached at MAX ÷ FULL) and
 * `SALES_PLAN_ZERO_BELOW` 0.6.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { ParameterValue } from "./parameters";
import { firstProblem, isScoreError, nonNegative, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

export type SalesPlanMode = ParameterValue<"SALES_PLAN_MODE">;

const ACTUAL: Field = { zh: "实际销售额", en: "actual sales" };
const TARGET: Field = { zh: "目标", en: "target" };

/** The seed's points and rates (seed 004 L142), each a Settings key. */
export interface SalesPlanPoints {
  /** Full marks at exactly 100 % of target (`SALES_PLAN_FULL_POINTS`, 40). */
  readonly full: number;
  /** Points when the plan is exceeded by half or more (`SALES_PLAN_MAX_POINTS`, 60). */
  readonly max: number;
  /** The rate that earns `max` under LITERAL_STEPS (`SALES_PLAN_MAX_THRESHOLD`, 1.5, 以上 inclusive). */
  readonly maxFrom: number;
  /** Below this rate the item scores 0 (`SALES_PLAN_ZERO_BELOW`, 0.6). */
  readonly zeroBelow: number;
}

export function salesPlanPointsDefault(): SalesPlanPoints {
  return {
    full: parameterDefault("SALES_PLAN_FULL_POINTS"),
    max: parameterDefault("SALES_PLAN_MAX_POINTS"),
    maxFrom: parameterDefault("SALES_PLAN_MAX_THRESHOLD"),
    zeroBelow: parameterDefault("SALES_PLAN_ZERO_BELOW"),
  };
}

/**
 * Plan completion points for `actual` sales against `target` (both in yuan, or both in units).
 *
 * @example salesPlanScore(120_000, 100_000) → 48 (PROPORTIONAL_CAPPED)
 * @example salesPlanScore(59_000, 100_000) → 0; 60 % → 24; 80 % → 32; 100 % → 40; 150 % → 60; 180 % → 60
 * @example salesPlanScore(120_000, 100_000, "LITERAL_STEPS") → 40; 151 % → 60
 */
export function salesPlanScore(
  actual: number,
  target: number,
  mode: SalesPlanMode = parameterDefault("SALES_PLAN_MODE"),
  belowTargetPoints: number | null = parameterDefault("SALES_PLAN_BELOW_TARGET_POINTS"),
  points: SalesPlanPoints = salesPlanPointsDefault(),
): number | ScoreError {
  const problem = firstProblem(positive(target, TARGET), nonNegative(actual, ACTUAL));
  if (problem) return problem;
  const rate = actual / target;
  if (rate < points.zeroBelow) return 0;
  if (mode === "PROPORTIONAL_CAPPED") return Math.min(points.full * rate, points.max);
  if (rate < 1) return belowTargetPoints ?? points.full * rate;
  return rate < points.maxFrom ? points.full : points.max;
}

/**
 * `SALES_PLAN_SCORE(actual, target, [mode], [belowTargetPoints], [fullPoints], [maxPoints],
 * [maxThreshold], [zeroBelow])` for one cell.
 */
export function salesPlanScoreCell([actual, target]: readonly Cell[], [mode, below, full, max, maxFrom, zeroBelow]: readonly Cell[]): number | ScoreError {
  const read = readAll([
    readNumber(actual, ACTUAL),
    readNumber(target, TARGET),
    readParameter(mode, "SALES_PLAN_MODE"),
    readParameter(below, "SALES_PLAN_BELOW_TARGET_POINTS"),
    readParameter(full, "SALES_PLAN_FULL_POINTS"),
    readParameter(max, "SALES_PLAN_MAX_POINTS"),
    readParameter(maxFrom, "SALES_PLAN_MAX_THRESHOLD"),
    readParameter(zeroBelow, "SALES_PLAN_ZERO_BELOW"),
  ]);
  if (isScoreError(read)) return read;
  const [a, t, m, b, f, mx, from, zero] = read;
  return salesPlanScore(a, t, m, b, { full: f, max: mx, maxFrom: from, zeroBelow: zero });
}
