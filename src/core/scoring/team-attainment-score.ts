/**
 * Team attainment points of the sales head (营销人员的达标率, max 20), spec SC-04, seed
 * `004_48a5b74466f8c1e3.txt` L144-152: 「他的销售人员达标人数达到90%以上,就可以得到20分……如果80%以上合格,得18分;
 * 如果70%以上合格,得15分;如果60%以上合格,得10分;如果低于60%,就是0分」. The share is the number of
 * salespeople who met their target over the head's headcount. "以上" is read as inclusive
 * (`TIER_INCLUSIVE = TRUE`, spec AMB-02 [REC]); whether one salesperson met target is
 * `repTargetMet` (AMB-03).
 */
import type { Cell } from "./cells";
import { readAll, readNumber } from "./cells";
import { parameterDefault, readParameter } from "./parameters";
import { atMost, count, firstProblem, isScoreError, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const MET: Field = { zh: "达标人数", en: "salespeople who met target" };
const HEADCOUNT: Field = { zh: "销售人员总数", en: "headcount" };

/** Share of the team (in %) → points, highest tier first (seed 004 L150-152). */
const TIERS: readonly { readonly percent: number; readonly points: number }[] = [
  { percent: 90, points: 20 },
  { percent: 80, points: 18 },
  { percent: 70, points: 15 },
  { percent: 60, points: 10 },
];

/**
 * Points for `met` of `headcount` salespeople meeting target. Compared in whole numbers
 * (met × 100 against percent × headcount) so 9 of 10 is exactly 90 %.
 *
 * @example teamAttainmentScore(9, 10) → 20; 8 → 18; 7 → 15; 6 → 10; 5 → 0
 * @example teamAttainmentScore(6, 7) → 18 (85.7 %)
 */
export function teamAttainmentScore(met: number, headcount: number, inclusive: boolean = parameterDefault("TIER_INCLUSIVE")): number | ScoreError {
  const problem = firstProblem(count(headcount, HEADCOUNT), positive(headcount, HEADCOUNT), count(met, MET), atMost(met, headcount, MET));
  if (problem) return problem;
  const reached = (percent: number): boolean => (inclusive ? met * 100 >= percent * headcount : met * 100 > percent * headcount);
  return TIERS.find((tier) => reached(tier.percent))?.points ?? 0;
}

/** `TEAM_ATTAINMENT_SCORE(met, headcount, [inclusive])` for one cell. */
export function teamAttainmentScoreCell([met, headcount]: readonly Cell[], [inclusive]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(met, MET), readNumber(headcount, HEADCOUNT), readParameter(inclusive, "TIER_INCLUSIVE")]);
  if (isScoreError(read)) return read;
  return teamAttainmentScore(...read);
}
