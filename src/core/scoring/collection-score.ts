/**
 * Collection bonus or penalty of the customer department head, spec SC-12, seed
 * `004_48a5b74466f8c1e3.txt` L176: 「回款完成率100%,不奖不扣分;每超(降)1个百分点,奖(罚)分。」
 * Exactly 100 % gives 0; each percentage point above (below) gives a bonus (penalty) of N points,
 * where N is missing in the seed (spec AMB-08). The product's [REC] reading:
 * `CUST_COLLECTION_PTS_PER_PP = 1`, the same N for the penalty unless
 * `CUST_COLLECTION_PENALTY_PER_PP` is set, fractional points pro rata, and no bonus cap unless
 * `CUST_COLLECTION_BONUS_CAP` is set. Penalties are negative points.
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { isScoreError } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const RATE: Field = { zh: "回款完成率", en: "collection rate" };

/**
 * `rate` is a fraction (0.9 = 90 %).
 *
 * @example collectionScore(0.9) → -10 (spec SC-12 worked example)
 * @example collectionScore(1.05) → 5; collectionScore(1) → 0
 */
export function collectionScore(
  rate: number,
  bonusPerPp: number = parameterDefault("CUST_COLLECTION_PTS_PER_PP"),
  penaltyPerPp: number | null = parameterDefault("CUST_COLLECTION_PENALTY_PER_PP"),
  bonusCap: number | null = parameterDefault("CUST_COLLECTION_BONUS_CAP"),
): number | ScoreError {
  const percentagePoints = rate * 100 - 100;
  if (percentagePoints >= 0) return Math.min(percentagePoints * bonusPerPp, bonusCap ?? Infinity);
  return percentagePoints * (penaltyPerPp ?? bonusPerPp);
}

/** `COLLECTION_SCORE(rate, [bonusPerPp], [penaltyPerPp], [bonusCap])` for one cell. */
export function collectionScoreCell([rate]: readonly Cell[], [bonus, penalty, cap]: readonly Cell[]): number | ScoreError {
  const read = readAll([
    readNumber(rate, RATE),
    readParameter(bonus, "CUST_COLLECTION_PTS_PER_PP"),
    readParameter(penalty, "CUST_COLLECTION_PENALTY_PER_PP"),
    readParameter(cap, "CUST_COLLECTION_BONUS_CAP"),
  ]);
  if (isScoreError(read)) return read;
  return collectionScore(...read);
}
