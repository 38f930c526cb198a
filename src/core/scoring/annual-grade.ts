/**
 * The annual grade from the monthly grades (年度综合考核), spec SC-40, SC-41 and SC-43, seed
 * `004_48a5b74466f8c1e3.txt` L346-356: months score 「A优秀:2分;B合格:1分;C较差:0分」, summed over 12
 * months; 「累计分数≥等于18分者,年度为A」, 12-17 B, below 12 C. An exclusion (SC-43: leave over the
 * allowance, absenteeism, an unoffset sanction) caps the grade at B. The seed assumes 12 appraised
 * months (spec AMB-26); with `ANNUAL_PRORATE` (default TRUE) a shorter year is scaled by
 * 12 ÷ months appraised. One person's monthly grades are read across a row; a blank month was not
 * appraised.
 */
import type { Bilingual } from "../i18n";
import type { Cell, Grade } from "./cells";
import { readFlag, readGrade } from "./cells";
import { bandFrom, bandsInOrder } from "./appraisal-grade";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
import { isScoreError, scoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MONTH: Field = { zh: "月度考核结果", en: "monthly grade" };
const EXCLUDED: Field = { zh: "不得评优标记", en: "exclusion mark" };

/** Points per monthly grade (seed 004 L346). */
export const MONTH_POINTS: Readonly<Record<Grade, number>> = { A: 2, B: 1, C: 0 };
const MONTHS_IN_YEAR = 12;

const TOO_MANY_MONTHS: Bilingual = { zh: "一年最多12个月度结果(现有{n}个)", en: "a year has at most 12 monthly grades ({n} given)" };

/**
 * `grades` holds the appraised months only.
 *
 * @example annualGrade([...9 × "A", ...3 × "B"]) → "A" (21 points)
 * @example 6 A + 6 B → "A" (18); 6 A + 5 B + 1 C → "B" (17); 2 A + 8 B + 2 C → "B" (12); 11 B + 1 C → "C" (11)
 * @example annualGrade(["A", "A", "A", "A", "A", "B"]) → "A" (11 × 12/6 = 22 when prorated)
 */
export function annualGrade(
  grades: readonly Grade[],
  excluded = false,
  prorate: boolean = parameterDefault("ANNUAL_PRORATE"),
  bands: Pairs = parameterDefault("ANNUAL_GRADE_BANDS"),
): Grade | ScoreError {
  if (grades.length > MONTHS_IN_YEAR) return scoreError(TOO_MANY_MONTHS, { n: grades.length });
  const order = bandsInOrder(bands, "ANNUAL_GRADE_BANDS");
  if (order) return order;
  // Annual thresholds on the 12-month sum (seed 004 L348-352): the Settings key ANNUAL_GRADE_BANDS, A:18; B:12.
  const aFrom = bandFrom(bands, "A");
  const bFrom = bandFrom(bands, "B");
  const sum = grades.reduce((total, g) => total + MONTH_POINTS[g], 0);
  const points = prorate && grades.length > 0 ? (sum * MONTHS_IN_YEAR) / grades.length : sum;
  if (points >= aFrom - 1e-9) return excluded ? "B" : "A";
  return points >= bFrom - 1e-9 ? "B" : "C";
}

/** `ANNUAL_GRADE(monthlyGrades, [excluded], [prorate], [bands])` for one row. */
export function annualGradeRow([months = [], excludedCells = []]: readonly (readonly Cell[])[], [prorate, bandsCell]: readonly Cell[]): Grade | ScoreError | "" {
  const readProrate = readParameter(prorate, "ANNUAL_PRORATE");
  if (isScoreError(readProrate)) return readProrate;
  const bands = readParameter(bandsCell, "ANNUAL_GRADE_BANDS");
  if (isScoreError(bands)) return bands;
  const excluded = readFlag(excludedCells[0], EXCLUDED);
  if (isScoreError(excluded)) return excluded;
  const grades: Grade[] = [];
  for (const cell of months) {
    const g = readGrade(cell, MONTH);
    if (isScoreError(g)) return g;
    if (g) grades.push(g);
  }
  return grades.length === 0 ? "" : annualGrade(grades, excluded, readProrate, bands);
}
