/**
 * The monthly appraisal grade (考核评定结果), spec SC-36 and SC-43, seed
 * `004_48a5b74466f8c1e3.txt` L342: 「A优秀(90-100分)、B合格(70-89分)、C较差(69分以下)」 and L356: anyone
 * with leave beyond HR's allowance, any absenteeism or an unoffset warning-level sanction 「其考核成绩不得列为优秀」.
 * The bands leave gaps for decimals (spec AMB-24); the product's [REC] reading rounds the score to
 * `SCORE_DECIMALS` (1) and uses half-open bands: A ≥ 90, 70 ≤ B < 90, C < 70. An exclusion (SC-43)
 * caps the grade at B and keeps the score. The bands are the Settings key `GRADE_BANDS`
 * (`A:90; B:70; C:0`, lower bounds inclusive; below B's bound is C).
 */
import type { Bilingual } from "../i18n";
import type { Cell } from "./cells";
import { readAll, readFlag, readNumber } from "./cells";
import type { Grade } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
import { roundTo } from "./points";
import { isScoreError, nonNegative, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const SCORE: Field = { zh: "考核得分", en: "score" };
const EXCLUDED: Field = { zh: "不得评优标记", en: "exclusion mark" };

const BANDS_OUT_OF_ORDER: Bilingual = {
  zh: "设置表「{key}」行:A 的下限({a})须不低于 B 的({b})",
  en: "Settings row {key}: A's lower bound ({a}) must not be below B's ({b})",
};

/** The lower bound of `grade` in a `GRADE_BANDS`-style list (A, B and C each present, as the parameter requires). */
export function bandFrom(bands: Pairs, grade: Grade): number {
  return bands.find(([g]) => g === grade)?.[1] ?? 0;
}

/** A ≥ B ≥ C, or what to fix on the Settings row `key`. */
export function bandsInOrder(bands: Pairs, key: string): ScoreError | null {
  const a = bandFrom(bands, "A");
  const b = bandFrom(bands, "B");
  return a >= b ? null : scoreError(BANDS_OUT_OF_ORDER, { key, a, b });
}

/**
 * @example appraisalGrade(94) → "A"; appraisalGrade(85.5) → "B"; appraisalGrade(69.9) → "C"
 * @example appraisalGrade(89.96) → "A" (rounds to 90.0)
 * @example appraisalGrade(95, true) → "B" (SC-43 exclusion)
 */
export function appraisalGrade(score: number, excluded = false, bands: Pairs = parameterDefault("GRADE_BANDS")): Grade | ScoreError {
  const problem = nonNegative(score, SCORE) ?? bandsInOrder(bands, "GRADE_BANDS");
  if (problem) return problem;
  const rounded = roundTo(score, parameterDefault("SCORE_DECIMALS"));
  if (rounded >= bandFrom(bands, "A")) return excluded ? "B" : "A";
  return rounded >= bandFrom(bands, "B") ? "B" : "C";
}

/** `APPRAISAL_GRADE(score, [excluded], [bands])` for one cell. */
export function appraisalGradeCell([score, excluded]: readonly Cell[], [bands]: readonly Cell[] = []): Grade | ScoreError {
  const read = readAll([readNumber(score, SCORE), readFlag(excluded, EXCLUDED), readParameter(bands, "GRADE_BANDS")]);
  if (isScoreError(read)) return read;
  return appraisalGrade(...read);
}
