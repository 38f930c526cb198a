/**
 * Market research deduction of the customer department head (市场调研), spec SC-19, seed
 * `004_48a5b74466f8c1e3.txt` L196-198: 「要求按经理安排做好市场调研,写出调研报告。视完成质量和效率酌情扣0-5分。」
 * The appraiser decides 0-5 points by the report's quality and timeliness (spec AMB-16, AMB-60:
 * a deduction, not points earned). Returned as negative points. The range is the Settings key
 * `RESEARCH_DEDUCTION_RANGE` (default `0..5`).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { NumberRange } from "./parameters";
import { between, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const POINTS: Field = { zh: "调研扣分", en: "research deduction" };

/** The discretionary range (seed 004 L198). */

/**
 * `points` may be typed as 2 or −2; both mean a 2-point deduction.
 *
 * @example researchDeduction(2) → -2 (spec SC-22 worked total)
 */
export function researchDeduction(points: number, range: NumberRange = parameterDefault("RESEARCH_DEDUCTION_RANGE")): number | ScoreError {
  const size = Math.abs(points);
  // No deduction is always allowed; a deduction lies within the range.
  if (size === 0) return 0;
  return between(size, range.min, range.max, POINTS) ?? -size;
}

/** `RESEARCH_DEDUCTION(points)` for one cell. */
/** `RESEARCH_DEDUCTION(points, [range])` for one cell. */
export function researchDeductionCell([points]: readonly Cell[], [range]: readonly Cell[] = []): number | ScoreError {
  const read = readAll([readNumber(points, POINTS), readParameter(range, "RESEARCH_DEDUCTION_RANGE")]);
  return isScoreError(read) ? read : researchDeduction(...read);
}
