/**
 * Discipline deduction of the customer department head (组织纪律), spec SC-22, seed
 * `004_48a5b74466f8c1e3.txt` L208-210: 「要求模范遵守公司各项规章制度,每有一次违规违纪酌情扣2-5分。」
 * Each violation costs 2-5 points at the appraiser's discretion (spec AMB-16). One person's
 * violations of the month are read across a row, one cell per violation. Returned as negative
 * points. The range is the Settings key `DISCIPLINE_RANGE` (default `2..5`).
 */
import type { Cell } from "./cells";
import { isBlank, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { NumberRange } from "./parameters";
import { between, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const VIOLATION: Field = { zh: "每次违纪扣分", en: "points per violation" };


/**
 * Each entry is one violation's points, typed as 3 or −3.
 *
 * @example disciplineDeduction([3]) → -3 (spec SC-22 worked total)
 * @example disciplineDeduction([2, 5]) → -7
 */
export function disciplineDeduction(violations: readonly number[], perViolation: NumberRange = parameterDefault("DISCIPLINE_RANGE")): number | ScoreError {
  let total = 0;
  for (const points of violations) {
    const size = Math.abs(points);
    const problem = between(size, perViolation.min, perViolation.max, VIOLATION);
    if (problem) return problem;
    total += size;
  }
  return -total;
}

/** `DISCIPLINE_DEDUCTION(violations)` for one row: blank cells are no violation. */
/** `DISCIPLINE_DEDUCTION(violations, [range])` for one row. */
export function disciplineDeductionRow(inputs: readonly (readonly Cell[])[], [range]: readonly Cell[] = []): number | ScoreError {
  const perViolation = readParameter(range, "DISCIPLINE_RANGE");
  if (isScoreError(perViolation)) return perViolation;
  const points: number[] = [];
  for (const cell of inputs.flat()) {
    if (isBlank(cell)) continue;
    const n = readNumber(cell, VIOLATION);
    if (isScoreError(n)) return n;
    points.push(n);
  }
  return disciplineDeduction(points, perViolation);
}
