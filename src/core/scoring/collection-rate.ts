/**
 * Collection completion rate of the customer department head (销售回款完成率), spec SC-09 and
 * SC-10, seed `004_48a5b74466f8c1e3.txt` L172-176: 「回款完成率=本月实际回款额/本月计划回款额」 and
 * 「实际回款额以月底30日或31日财务入帐数为准,并扣除退货退款额。」 Actual collections are what Finance
 * booked by month end minus return refunds (退货退款额); the planned amount already includes any
 * shortfall rolled over from last month (SC-11, `nextCollectionPlan`). The rate is a fraction
 * (0.9 = 90 %), to be shown with a percent format.
 */
import type { Cell } from "./cells";
import { readAll, readNumber, readNumberOr } from "./cells";
import { firstProblem, isScoreError, nonNegative, positive } from "./score-error";
import type { Field, ScoreError } from "./score-error";

const COLLECTED: Field = { zh: "财务入账回款额", en: "collections booked" };
const REFUNDS: Field = { zh: "退货退款额", en: "return refunds" };
const PLANNED: Field = { zh: "计划回款额", en: "planned collections" };

/**
 * @example collectionRate(470_000, 20_000, 500_000) → 0.9 (spec SC-12 worked example)
 */
export function collectionRate(collected: number, refunds: number, planned: number): number | ScoreError {
  const problem = firstProblem(positive(planned, PLANNED), nonNegative(collected, COLLECTED), nonNegative(refunds, REFUNDS));
  if (problem) return problem;
  return (collected - refunds) / planned;
}

/** `COLLECTION_RATE(collected, refunds, planned)` for one cell; blank refunds are 0. */
export function collectionRateCell([collected, refunds, planned]: readonly Cell[]): number | ScoreError {
  const read = readAll([readNumber(collected, COLLECTED), readNumberOr(refunds, REFUNDS, 0), readNumber(planned, PLANNED)]);
  if (isScoreError(read)) return read;
  return collectionRate(...read);
}
