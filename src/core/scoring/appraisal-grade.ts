/**
 * The monthly appraisal grade (考核评定结果), spec SC-36 and SC-43, seed
 * `004_48a5b74466f8c1e3.txt` L342: 「A优秀(90-100分)、B合格(70-89分)、C较差(69分以下)」 and L356: anyone
 * with leave beyond HR's allowance, any absenteeism or an unoffset warning-level sanction 「其考核成绩不得列为优秀」.
 * The bands leave gaps for decimals (spec AMB-24); the product's [REC] reading rounds the score to
 * `SCORE_DECIMALS` (1) and uses half-open bands: A ≥ 90, 70 ≤ B < 90, C < 70. An exclusion (SC-43)
 * caps the grade at B and keeps the score.
 */
import type { Cell } from "./cells";
import { readAll, readFlag, readNumber } from "./cells";
import type { Grade } from "./cells";
import { parameterDefault } from "./parameters";
import { roundTo } from "./points";
import { isScoreError, nonNegative } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SCORE: Field = { zh: "考核得分", en: "score" };
const EXCLUDED: Field = { zh: "不得评优标记", en: "exclusion mark" };

/** Lower bounds of the bands (seed 004 L342). */
const A_FROM = 90;
const B_FROM = 70;

/**
 * @example appraisalGrade(94) → "A"; appraisalGrade(85.5) → "B"; appraisalGrade(69.9) → "C"
 * @example appraisalGrade(89.96) → "A" (rounds to 90.0)
 * @example appraisalGrade(95, true) → "B" (SC-43 exclusion)
 */
export function appraisalGrade(score: number, excluded = false): Grade | ScoreError {
  const problem = nonNegative(score, SCORE);
  if (problem) return problem;
  const rounded = roundTo(score, parameterDefault("SCORE_DECIMALS"));
  if (rounded >= A_FROM) return excluded ? "B" : "A";
  return rounded >= B_FROM ? "B" : "C";
}

/** `APPRAISAL_GRADE(score, [excluded])` for one cell. */
export function appraisalGradeCell([score, excluded]: readonly Cell[]): Grade | ScoreError {
  const read = readAll([readNumber(score, SCORE), readFlag(excluded, EXCLUDED)]);
  if (isScoreError(read)) return read;
  return appraisalGrade(...read);
}
