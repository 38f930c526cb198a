/**
 * Team attainment points of the sales head (营销人员的达标率, max 20), spec SC-04, seed
 * `004_48a5b74466f8c1e3.txt` L144-152: 「他的销售人员达标人数达到90%以上,就可以得到20分……如果80%以上合格,得18分;
 * 如果70%以上合格,得15分;如果60%以上合格,得10分;如果低于60%,就是0分」. The share is the number of
 * salespeople who met their target over the head's headcount. "以上" is read as inclusive
 * (`TIER_INCLUSIVE = TRUE`, spec AMB-02 [REC]); whether one salesperson met target is
 * `repTargetMet` (AMB-03). The tiers are the Settings key `TEAM_ATTAIN_TIERS` (rate:points, default
 * `0.9:20; 0.8:18; 0.7:15; 0.6:10`).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import type { Pairs } from "./parameters";
import { atMost, count, firstProblem, isScoreError, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MET: Field = { zh: "达标人数", en: "salespeople who met target" };
const HEADCOUNT: Field = { zh: "销售人员总数", en: "headcount" };

/** A share of the team → points, highest share first, from `TEAM_ATTAIN_TIERS` (seed 004 L150-152). */
export function teamTiers(tiers: Pairs = parameterDefault("TEAM_ATTAIN_TIERS")): readonly { readonly share: number; readonly points: number }[] {
  return tiers.map(([rate, points]) => ({ share: Number(rate), points })).sort((a, b) => b.share - a.share);
}

/** The points a team can score: 0 and each tier's. */
export function teamTierPoints(tiers: Pairs = parameterDefault("TEAM_ATTAIN_TIERS")): number[] {
  return [0, ...teamTiers(tiers).map((t) => t.points)];
}

/**
 * Points for `met` of `headcount` salespeople meeting target. Compared in whole numbers
 * (met × 100 against percent × headcount) so 9 of 10 is exactly 90 %.
 *
 * @example teamAttainmentScore(9, 10) → 20; 8 → 18; 7 → 15; 6 → 10; 5 → 0
 * @example teamAttainmentScore(6, 7) → 18 (85.7 %)
 */
export function teamAttainmentScore(
  met: number,
  headcount: number,
  inclusive: boolean = parameterDefault("TIER_INCLUSIVE"),
  tiers: Pairs = parameterDefault("TEAM_ATTAIN_TIERS"),
): number | ScoreError {
  const problem = firstProblem(count(headcount, HEADCOUNT), positive(headcount, HEADCOUNT), count(met, MET), atMost(met, headcount, MET));
  if (problem) return problem;
  // In whole millionths, so 9 of 10 is exactly 0.9.
  const reached = (share: number): boolean => {
    const need = Math.round(share * 1e6) * headcount;
    return inclusive ? met * 1e6 >= need : met * 1e6 > need;
  };
  return teamTiers(tiers).find((tier) => reached(tier.share))?.points ?? 0;
}

/** `TEAM_ATTAINMENT_SCORE(met, headcount, [inclusive], [tiers])` for one cell. */
export function teamAttainmentScoreCell([met, headcount]: readonly Cell[], [inclusive, tiers]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(met, MET), readNumber(headcount, HEADCOUNT), readParameter(inclusive, "TIER_INCLUSIVE"), readParameter(tiers, "TEAM_ATTAIN_TIERS")]);
  if (isScoreError(read)) return read;
  return teamAttainmentScore(...read);
}
