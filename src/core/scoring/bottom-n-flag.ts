/**
 * The bottom-five flag, spec SC-53, seed `004_48a5b74466f8c1e3.txt` L388:
 * 「全公司普通员工年度考核得分排在最后5名者,予以解雇」. The last `BOTTOM_N` (5) ordinary employees
 * company-wide by annual score (SC-45). Per spec AMB-31 [REC] MarketOps only flags (a person
 * decides, spec §0.4), N is configurable, and the rule is off when the ranked headcount is at
 * most 2 × N. People tied with the N-th lowest score are all flagged. The column passed is the
 * pool (the ordinary employees); blank scores are not ranked (AMB-66).
 */
import type { Cell } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { positionsFromBottom, rankable, rankedCount, readRankedScores, withRowErrors } from "./ranked-scores";
import { isScoreError } from "./score-error";
import type { ScoreError } from "./score-error";
import type { RuleValue } from "./vectorise";

/**
 * `scores` holds one entry per person; `null` is not ranked.
 *
 * @example bottomNFlags(twelve scores 60..71, 5) → TRUE for 60..64
 * @example bottomNFlags(ten scores, 5) → all FALSE (headcount ≤ 2 × 5)
 */
export function bottomNFlags(scores: readonly (number | null)[], n: number = parameterDefault("BOTTOM_N")): boolean[] {
  const ranked = rankedCount(scores);
  if (ranked <= 2 * n) return scores.map(() => false);
  return positionsFromBottom(scores).map((p) => p !== null && p <= n);
}

/** `BOTTOM_N_FLAG(annualScores, [n])` over a column. */
export function bottomNFlagColumn(rows: readonly (readonly Cell[] | null)[], [n]: readonly Cell[]): readonly RuleValue[] | ScoreError {
  const count = readParameter(n, "BOTTOM_N");
  if (isScoreError(count)) return count;
  const scores = readRankedScores(rows);
  return withRowErrors(scores, bottomNFlags(rankable(scores), count));
}
