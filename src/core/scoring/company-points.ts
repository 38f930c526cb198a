/**
 * Company-performance points of the objective appraisal (公司经营业绩考核, weight 40), spec SC-31,
 * seed `004_48a5b74466f8c1e3.txt` L280-282: 「当月实际完成业绩/当月计划销售任务×100%×40分=当月经营业绩考核得分」.
 * The same result applies to every employee of the unit: HQ (本部) staff use all branches'
 * combined completion, branch staff their own branch's. The seed sets no cap (spec AMB-20); the
 * product's [REC] reading caps the ratio at `OBJ_COMPANY_RATIO_CAP` = 1.0 (so at most 40 points);
 * NONE leaves it uncapped. The 40 is the Settings key `OBJ_COMPANY_POINTS`.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { firstProblem, isScoreError, nonNegative, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const ACTUAL: Field = { zh: "当月实际完成业绩", en: "actual result" };
const PLAN: Field = { zh: "当月计划销售任务", en: "planned sales" };


/**
 * @example companyPoints(9_000_000, 10_000_000) → 36
 * @example companyPoints(12_000_000, 10_000_000) → 40 (ratio capped at 1.0); with cap null → 48
 */
export function companyPoints(
  actual: number,
  plan: number,
  ratioCap: number | null = parameterDefault("OBJ_COMPANY_RATIO_CAP"),
  points: number = parameterDefault("OBJ_COMPANY_POINTS"),
): number | ScoreError {
  const problem = firstProblem(positive(plan, PLAN), nonNegative(actual, ACTUAL));
  if (problem) return problem;
  return Math.min(actual / plan, ratioCap ?? Infinity) * points;
}

/** `COMPANY_POINTS(actual, plan, [ratioCap], [points])` for one cell. */
export function companyPointsCell([actual, plan]: readonly Cell[], [cap, points]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(actual, ACTUAL), readNumber(plan, PLAN), readParameter(cap, "OBJ_COMPANY_RATIO_CAP"), readParameter(points, "OBJ_COMPANY_POINTS")]);
  if (isScoreError(read)) return read;
  return companyPoints(...read);
}
