/**
 * Market research deduction of the customer department head (市场调研), spec SC-19, seed
 * `004_48a5b74466f8c1e3.txt` L196-198: 「要求按经理安排做好市场调研,写出调研报告。视完成质量和效率酌情扣0-5分。」
 * The appraiser decides 0-5 points by the report's quality and timeliness (spec AMB-16, AMB-60:
 * a deduction, not points earned). Returned as negative points.
 */
import type { Cell } from "./cells";
import { readNumber } from "./cells";
import { between, isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const POINTS: Field = { zh: "调研扣分", en: "research deduction" };

/** The discretionary range (seed 004 L198). */
const MAX_DEDUCTION = 5;

/**
 * `points` may be typed as 2 or −2; both mean a 2-point deduction.
 *
 * @example researchDeduction(2) → -2 (spec SC-22 worked total)
 */
export function researchDeduction(points: number): number | ScoreError {
  const size = Math.abs(points);
  return between(size, 0, MAX_DEDUCTION, POINTS) ?? -size;
}

/** `RESEARCH_DEDUCTION(points)` for one cell. */
export function researchDeductionCell([points]: readonly Cell[]): number | ScoreError {
  const read = readNumber(points, POINTS);
  return isScoreError(read) ? read : researchDeduction(read);
}
